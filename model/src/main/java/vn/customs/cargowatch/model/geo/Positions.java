package vn.customs.cargowatch.model.geo;

final class Positions {

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
