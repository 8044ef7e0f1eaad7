package vn.customs.cargowatch.model.geo;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * A registered route indexed once for "how far is this fix from the route?" (3740 §I.8 wrong route).
 *
 * <p>Built once per distinct route and shared by every trip on it; a route is identified by the hash of
 * its coordinates ({@link #idOf}), so trips that register the same roads share one index.
 */
public final class RouteIndex {

    private static final double FIRST_WINDOW_METERS = 2_000;

    private final double[][] positions;
    private final STRtree segments = new STRtree();
    private final Envelope extent = new Envelope();

    public RouteIndex(double[][] lonLatPositions) {
        this.positions = lonLatPositions;
        for (int i = 0; i + 1 < positions.length; i++) {
            Envelope envelope = new Envelope(positions[i][0], positions[i + 1][0], positions[i][1], positions[i + 1][1]);
            segments.insert(envelope, i);
            extent.expandToInclude(envelope);
        }
        segments.build();
    }

    /** Metres from (lat, lon) to the nearest point of the route. */
    public double distanceMeters(double lat, double lon) {
        double window = FIRST_WINDOW_METERS;
        while (true) {
            double best = nearestWithin(lat, lon, window);
            if (best <= window || covers(lat, lon, window)) {
                return best;
            }
            window *= 8;
        }
    }

    private double nearestWithin(double lat, double lon, double windowMeters) {
        double dLat = windowMeters / Geo.METERS_PER_DEGREE;
        double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(lat)));
        @SuppressWarnings("unchecked")
        List<Integer> candidates = segments.query(new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat));
        double best = Double.POSITIVE_INFINITY;
        for (int i : candidates) {
            best = Math.min(best, Geo.distanceToSegmentMeters(lat, lon, positions[i], positions[i + 1]));
        }
        return best;
    }

    private boolean covers(double lat, double lon, double windowMeters) {
        double dLat = windowMeters / Geo.METERS_PER_DEGREE;
        double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(lat)));
        return new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat).covers(extent);
    }

    /** A stable id for a route's geometry: the same coordinates give the same id in every run. */
    public static String idOf(double[][] lonLatPositions) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(16);
            for (double[] position : lonLatPositions) {
                buffer.clear();
                buffer.putDouble(position[0]).putDouble(position[1]);
                digest.update(buffer.array());
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
