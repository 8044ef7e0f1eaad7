package vn.customs.cargowatch.model.geo;

/** A GeoJSON LineString: {@code coordinates} are {@code [lon, lat]} pairs. */
public record GeoLine(String type, double[][] coordinates) {

    public String problem(String field) {
        if (!"LineString".equals(type)) {
            return field + ": type must be LineString, was " + type;
        }
        if (coordinates == null || coordinates.length < 2) {
            return field + ": a LineString needs at least 2 positions";
        }
        return Positions.problem(field, coordinates);
    }
}
