package vn.customs.cargowatch.model;

/** {@code customs.offices}: a customs unit, to find the one nearest an alert (3740 §II.4). */
public record CustomsOffice(
        String unitCode, String name, Level level, String parentCode, Double lat, Double lon, String phone)
        implements Validated {

    public enum Level { GENERAL, DEPARTMENT, BRANCH }

    @Override
    public String problem() {
        return Validated.first(
                Validated.requireText(unitCode, "unitCode", Validated.ID),
                Validated.text(name, "name", Validated.NAME),
                level == null ? "level is missing" : null,
                Validated.text(parentCode, "parentCode", Validated.ID),
                Validated.latLon(lat, lon),
                Validated.text(phone, "phone", Validated.ID));
    }
}
