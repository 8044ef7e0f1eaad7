package vn.customs.cargowatch.model.geo;

/**
 * The positions of a GeoJSON geometry: {@code [lon, lat]} or {@code [lon, lat, altitude]} (RFC 7946 §3.1.1), in range
 * and finite — a further number, or an altitude of {@code "NaN"} (which Jackson reads into a {@code double}), would
 * be kept in every route and zone and written back as no JSON number.
 */
final class Positions {

    /** More positions than any registered route or mapped zone needs (a route every 10 m for 1,000 km). */
    static final int MAX = 100_000;

    private Positions() {}

    static String problem(String field, double[][] positions) {
        for (double[] position : positions) {
            if (position == null || position.length < 2) {
                return field + ": a position needs [lon, lat]";
            }
            if (position.length > 3) {
                return field + ": a position is [lon, lat] or [lon, lat, altitude], not " + position.length
                        + " numbers";
            }
            if (position.length == 3 && !Double.isFinite(position[2])) {
                return field + ": altitude " + position[2] + " is not a finite number";
            }
            if (!(position[0] >= -180 && position[0] <= 180 && position[1] >= -90 && position[1] <= 90)) {
                return field + ": position [" + position[0] + ", " + position[1] + "] is out of range";
            }
        }
        return null;
    }
}
