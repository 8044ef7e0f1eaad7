package vn.customs.cargowatch.model.geo;

/** A GeoJSON LineString: {@code coordinates} are {@code [lon, lat]} pairs. */
public record GeoLine(String type, double[][] coordinates) {

    public String problem(String field) {
        if (!"LineString".equals(type)) {
            return field + ": type must be LineString, was " + vn.customs.cargowatch.model.Validated.cut(type);
        }
        if (coordinates == null || coordinates.length < 2) {
            return field + ": a LineString needs at least 2 positions";
        }
        if (coordinates.length > Positions.MAX) {
            return field + ": " + coordinates.length + " positions, more than " + Positions.MAX;
        }
        return Positions.problem(field, coordinates);
    }
}
