package vn.customs.cargowatch.model.geo;

import java.util.HashMap;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Polygons by id with a fast "which one contains this point?" — the ignore zones of 3740 §I.8.
 * Zones are a few hundred mapped dead spots, so a scan over prepared polygons is enough.
 */
public final class ZoneIndex {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final Map<String, PreparedGeometry> zones = new HashMap<>();

    public void put(String zoneId, GeoPolygon polygon) {
        zones.put(zoneId, PreparedGeometryFactory.prepare(toPolygon(polygon)));
    }

    public void remove(String zoneId) {
        zones.remove(zoneId);
    }

    /** The id of a zone containing the point (border included), or {@code null}. */
    public String zoneAt(double lat, double lon) {
        Point point = FACTORY.createPoint(new Coordinate(lon, lat));
        for (Map.Entry<String, PreparedGeometry> zone : zones.entrySet()) {
            if (zone.getValue().covers(point)) {
                return zone.getKey();
            }
        }
        return null;
    }

    static Polygon toPolygon(GeoPolygon polygon) {
        double[][][] rings = polygon.coordinates();
        LinearRing shell = ring(rings[0]);
        LinearRing[] holes = new LinearRing[rings.length - 1];
        for (int i = 1; i < rings.length; i++) {
            holes[i - 1] = ring(rings[i]);
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(double[][] positions) {
        Coordinate[] coordinates = new Coordinate[positions.length];
        for (int i = 0; i < positions.length; i++) {
            coordinates[i] = new Coordinate(positions[i][0], positions[i][1]);
        }
        return FACTORY.createLinearRing(coordinates);
    }
}
