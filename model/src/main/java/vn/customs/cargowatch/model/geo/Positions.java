package vn.customs.cargowatch.model.geo;

final class Positions {

    /** More positions than any registered route or mapped zone needs (a route every 10 m for 1,000 km). */
    static final int MAX = 100_000;

    private Positions() {}

    static String problem(String field, double[][] positions) {
        for (double[] position : positions) {
            if (position == null || position.length < 2) {
                return field + ": a position needs [lon, lat]";
            }
            if (!(position[0] >= -180 && position[0] <= 180 && position[1] >= -90 && position[1] <= 90)) {
                return field + ": position [" + position[0] + ", " + position[1] + "] is out of range";
            }
        }
        return null;
    }
}
