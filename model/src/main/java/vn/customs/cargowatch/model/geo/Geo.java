package vn.customs.cargowatch.model.geo;

/**
 * The one geometry helper: distances on the WGS84 sphere in metres.
 *
 * <p>Great-circle (haversine) for point to point; point to segment through an equirectangular
 * projection centred on the point, whose error is far below a metre for the few-kilometre segments
 * of a registered route — well inside the tolerance a 500 m corridor needs.
 */
public final class Geo {

    public static final double EARTH_RADIUS_METERS = 6_371_008.8;
    static final double METERS_PER_DEGREE = Math.PI * EARTH_RADIUS_METERS / 180.0;

    private Geo() {}

    public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Distance from a point to the segment a–b (each {@code [lon, lat]}). */
    public static double distanceToSegmentMeters(double lat, double lon, double[] a, double[] b) {
        double xScale = Math.cos(Math.toRadians(lat)) * METERS_PER_DEGREE;
        double ax = (a[0] - lon) * xScale;
        double ay = (a[1] - lat) * METERS_PER_DEGREE;
        double bx = (b[0] - lon) * xScale;
        double by = (b[1] - lat) * METERS_PER_DEGREE;
        double dx = bx - ax;
        double dy = by - ay;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
        double px = ax + t * dx;
        double py = ay + t * dy;
        return Math.sqrt(px * px + py * py);
    }

    /** Initial great-circle bearing from (lat1, lon1) to (lat2, lon2), in degrees [0, 360). */
    public static double bearingDegrees(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dLambda = Math.toRadians(lon2 - lon1);
        double y = Math.sin(dLambda) * Math.cos(phi2);
        double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
        return (Math.toDegrees(Math.atan2(y, x)) + 360) % 360;
    }

    /** The point {@code meters} away from (lat, lon) towards {@code bearingDegrees}; for simulators and tests. */
    public static double[] offset(double lat, double lon, double meters, double bearingDegrees) {
        double delta = meters / EARTH_RADIUS_METERS;
        double theta = Math.toRadians(bearingDegrees);
        double phi1 = Math.toRadians(lat);
        double lambda1 = Math.toRadians(lon);
        double phi2 = Math.asin(Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta));
        double lambda2 = lambda1 + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1),
                Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2));
        return new double[] {Math.toDegrees(phi2), Math.toDegrees(lambda2)};
    }
}
