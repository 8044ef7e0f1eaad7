package vn.customs.cargowatch.ops.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.customs.cargowatch.model.geo.Geo;

/**
 * A line of {@code {lat, lon}} points walked by distance: the geometry under a road, a route or a
 * detour. Distances come from {@link Geo}; between two points the line is interpolated linearly in
 * degrees, which is exact enough for the kilometre-long segments the simulator uses.
 */
final class Polyline {

    private final double[][] points;
    private final double[] cumulative;

    Polyline(List<double[]> latLonPoints) {
        if (latLonPoints.size() < 2) {
            throw new IllegalArgumentException("a line needs at least 2 points");
        }
        this.points = latLonPoints.stream().map(double[]::clone).toArray(double[][]::new);
        this.cumulative = new double[points.length];
        for (int i = 1; i < points.length; i++) {
            cumulative[i] = cumulative[i - 1]
                    + Geo.distanceMeters(points[i - 1][0], points[i - 1][1], points[i][0], points[i][1]);
        }
    }

    /** The line through {@code waypoints} with points added so that none lies more than {@code maxSpacingMeters} from the next. */
    static Polyline densified(List<double[]> waypoints, double maxSpacingMeters) {
        List<double[]> dense = new ArrayList<>();
        dense.add(waypoints.get(0));
        for (int i = 1; i < waypoints.size(); i++) {
            double[] a = waypoints.get(i - 1);
            double[] b = waypoints.get(i);
            int parts = (int) Math.ceil(Geo.distanceMeters(a[0], a[1], b[0], b[1]) / maxSpacingMeters);
            for (int k = 1; k < parts; k++) {
                double f = (double) k / parts;
                dense.add(new double[] {a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])});
            }
            dense.add(b);
        }
        return new Polyline(dense);
    }

    double length() {
        return cumulative[cumulative.length - 1];
    }

    int size() {
        return points.length;
    }

    double[] point(int i) {
        return points[i].clone();
    }

    /** Metres along the line from its start to point {@code i}. */
    double metersAt(int i) {
        return cumulative[i];
    }

    /** The {@code {lat, lon}} at {@code meters} along the line (clamped to its ends). */
    double[] pointAt(double meters) {
        int i = segmentAt(meters);
        double span = cumulative[i + 1] - cumulative[i];
        double f = span == 0 ? 0 : Math.max(0, Math.min(1, (meters - cumulative[i]) / span));
        return new double[] {
            points[i][0] + f * (points[i + 1][0] - points[i][0]),
            points[i][1] + f * (points[i + 1][1] - points[i][1])
        };
    }

    /** The direction of travel, in degrees from north, at {@code meters} along the line. */
    double bearingAt(double meters) {
        int i = segmentAt(meters);
        return Geo.bearingDegrees(points[i][0], points[i][1], points[i + 1][0], points[i + 1][1]);
    }

    /** The points as GeoJSON positions ({@code [lon, lat]}), rounded to 6 decimals (0.1 m). */
    double[][] toLonLat() {
        double[][] positions = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            positions[i] = new double[] {round6(points[i][1]), round6(points[i][0])};
        }
        return positions;
    }

    private int segmentAt(double meters) {
        int found = Arrays.binarySearch(cumulative, meters);
        int i = found >= 0 ? found : -found - 2;
        return Math.max(0, Math.min(points.length - 2, i));
    }

    static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
