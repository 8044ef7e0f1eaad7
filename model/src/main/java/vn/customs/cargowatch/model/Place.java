package vn.customs.cargowatch.model;

/** A loading or unloading place of a trip: the customs unit in charge and where it is. */
public record Place(String unitCode, String name, Double lat, Double lon, String icdCode) {

    String problem(String field) {
        String reason = Validated.first(Validated.requireText(unitCode, "unitCode", Validated.ID),
                Validated.text(name, "name", Validated.NAME), Validated.text(icdCode, "icdCode", Validated.ID),
                Validated.latLon(lat, lon));
        return reason == null ? null : field + "." + reason;
    }
}
