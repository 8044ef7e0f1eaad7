package vn.customs.cargowatch.ops.simulator;

import java.util.ArrayList;
import java.util.List;
import vn.customs.cargowatch.model.IgnoreZone;
import vn.customs.cargowatch.model.geo.Geo;
import vn.customs.cargowatch.model.geo.GeoPolygon;
import vn.customs.cargowatch.model.geo.ZoneIndex;

/**
 * The ignore zones (3740 §I.8): known dead spots on the corridors where a seal loses its signal in
 * hills and limestone cuttings. Each is drawn as a band {@value #HALF_WIDTH_METERS} m either side of a
 * stretch of road, so every truck on that stretch is inside it.
 */
final class IgnoreZones {

    static final double HALF_WIDTH_METERS = 1_200;

    /** A zone: the stretch of {@code road} from {@code fromKm} to {@code toKm} (in the road's listed direction). */
    private record Stretch(String zoneId, String name, Road road, double fromKm, double toKm) {}

    private static final List<Stretch> STRETCHES = List.of(
            new Stretch("IZ-QN-HOANHBO", "Khu vực núi đá vôi Hoành Bồ – cao tốc Hạ Long – Vân Đồn (Quảng Ninh)",
                    Road.QL18, 8, 15),
            new Stretch("IZ-QN-QL18-MONGDUONG", "Đoạn đèo QL18 Mông Dương – Tiên Yên (Cẩm Phả, Quảng Ninh)",
                    Road.QL18, 44, 54),
            new Stretch("IZ-LS-SAIHO", "Đèo Sài Hồ – QL1A (Chi Lăng, Lạng Sơn)",
                    Road.QL1A, 100, 109));

    static final List<IgnoreZone> ALL = STRETCHES.stream()
            .map(stretch -> new IgnoreZone(stretch.zoneId(), stretch.name(), polygonAround(stretch), IgnoreZone.Op.UPSERT))
            .toList();

    private IgnoreZones() {}

    static ZoneIndex index() {
        ZoneIndex index = new ZoneIndex();
        ALL.forEach(zone -> index.put(zone.zoneId(), zone.polygon()));
        return index;
    }

    /** Left side forward, right side back: a band around the stretch, closed on its first position. */
    private static GeoPolygon polygonAround(Stretch stretch) {
        Polyline road = stretch.road().line();
        double from = stretch.fromKm() * 1000;
        double to = Math.min(road.length(), stretch.toKm() * 1000);
        List<double[]> left = new ArrayList<>();
        List<double[]> right = new ArrayList<>();
        int steps = (int) Math.ceil((to - from) / 500);
        for (int k = 0; k <= steps; k++) {
            double meters = from + (to - from) * k / steps;
            double[] p = road.pointAt(meters);
            double bearing = road.bearingAt(meters);
            left.add(Geo.offset(p[0], p[1], HALF_WIDTH_METERS, bearing - 90));
            right.add(0, Geo.offset(p[0], p[1], HALF_WIDTH_METERS, bearing + 90));
        }
        List<double[]> ring = new ArrayList<>(left);
        ring.addAll(right);
        ring.add(ring.get(0));
        double[][] positions = ring.stream()
                .map(p -> new double[] {Polyline.round6(p[1]), Polyline.round6(p[0])})
                .toArray(double[][]::new);
        return new GeoPolygon("Polygon", new double[][][] {positions});
    }
}
