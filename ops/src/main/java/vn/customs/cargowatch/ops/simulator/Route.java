package vn.customs.cargowatch.ops.simulator;

import static vn.customs.cargowatch.model.Regime.BONDED_WAREHOUSE;
import static vn.customs.cargowatch.model.Regime.BORDER_GATE_TRANSFER;
import static vn.customs.cargowatch.model.Regime.TEMP_IMPORT_REEXPORT;
import static vn.customs.cargowatch.model.Regime.TRANSIT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.customs.cargowatch.model.Regime;
import vn.customs.cargowatch.model.geo.Geo;
import vn.customs.cargowatch.model.geo.GeoLine;
import vn.customs.cargowatch.model.geo.ZoneIndex;

/**
 * The registered routes: a loading place, an unloading place and the chain of {@link Road}s between
 * them, densified to a point every kilometre. This line is both what a trip registers (its GeoJSON
 * {@code route}) and what the simulated truck drives, so an honest truck never strays from it by
 * more than its GPS jitter.
 */
enum Route {

    DINH_VU_TO_GIA_LAM(Site.CANG_DINH_VU, Site.ICD_GIA_LAM, List.of(BORDER_GATE_TRANSFER, BONDED_WAREHOUSE),
            along(Road.DINH_VU), back(Road.CT04), along(Road.VANH_DAI_3_LONG_BIEN), along(Road.LONG_BIEN_GIA_LAM)),
    GIA_LAM_TO_DINH_VU(Site.ICD_GIA_LAM, Site.CANG_DINH_VU, List.of(BORDER_GATE_TRANSFER),
            back(Road.LONG_BIEN_GIA_LAM), back(Road.VANH_DAI_3_LONG_BIEN), along(Road.CT04), back(Road.DINH_VU)),
    DINH_VU_TO_MY_DINH(Site.CANG_DINH_VU, Site.ICD_MY_DINH, List.of(BORDER_GATE_TRANSFER),
            along(Road.DINH_VU), back(Road.CT04), along(Road.VANH_DAI_3_MY_DINH)),
    DINH_VU_TO_LONG_BIEN_BY_QL5(Site.CANG_DINH_VU, Site.ICD_LONG_BIEN, List.of(BORDER_GATE_TRANSFER, BONDED_WAREHOUSE),
            along(Road.QL5)),
    LACH_HUYEN_TO_GIA_LAM(Site.CANG_LACH_HUYEN, Site.ICD_GIA_LAM, List.of(BORDER_GATE_TRANSFER),
            along(Road.TAN_VU_LACH_HUYEN), along(Road.DINH_VU), back(Road.CT04), along(Road.VANH_DAI_3_LONG_BIEN),
            along(Road.LONG_BIEN_GIA_LAM)),
    DINH_VU_TO_MONG_CAI(Site.CANG_DINH_VU, Site.CUA_KHAU_MONG_CAI, List.of(TEMP_IMPORT_REEXPORT, TRANSIT),
            along(Road.HAI_PHONG_HA_LONG), along(Road.QL18)),
    MONG_CAI_TO_DINH_VU(Site.CUA_KHAU_MONG_CAI, Site.CANG_DINH_VU, List.of(TEMP_IMPORT_REEXPORT),
            back(Road.QL18), back(Road.HAI_PHONG_HA_LONG)),
    GIA_LAM_TO_HUU_NGHI(Site.ICD_GIA_LAM, Site.CUA_KHAU_HUU_NGHI, List.of(BORDER_GATE_TRANSFER, TEMP_IMPORT_REEXPORT),
            along(Road.QL1A)),
    HUU_NGHI_TO_LONG_BIEN(Site.CUA_KHAU_HUU_NGHI, Site.ICD_LONG_BIEN, List.of(BORDER_GATE_TRANSFER),
            back(Road.QL1A), back(Road.LONG_BIEN_GIA_LAM)),
    DINH_VU_TO_HUU_NGHI(Site.CANG_DINH_VU, Site.CUA_KHAU_HUU_NGHI, List.of(TRANSIT, TEMP_IMPORT_REEXPORT),
            along(Road.DINH_VU), back(Road.CT04), along(Road.VANH_DAI_3_LONG_BIEN), along(Road.LONG_BIEN_GIA_LAM),
            along(Road.QL1A));

    /** Route points are at most this far apart, so that the registered line follows the road. */
    static final double MAX_POINT_SPACING_METERS = 1_000;

    private record Leg(Road road, boolean reversed) {}

    private final Site origin;
    private final Site destination;
    private final List<Regime> regimes;
    private final Polyline line;
    private final GeoLine geoLine;

    Route(Site origin, Site destination, List<Regime> regimes, Leg... legs) {
        this.origin = origin;
        this.destination = destination;
        this.regimes = regimes;
        List<double[]> waypoints = new ArrayList<>();
        for (Leg leg : legs) {
            List<double[]> points = leg.road().waypoints(leg.reversed());
            if (!waypoints.isEmpty()) {
                double[] joint = waypoints.get(waypoints.size() - 1);
                if (Geo.distanceMeters(joint[0], joint[1], points.get(0)[0], points.get(0)[1]) > 1) {
                    throw new IllegalStateException(name() + ": " + leg.road() + " does not start where the previous road ends");
                }
                points = points.subList(1, points.size());
            }
            waypoints.addAll(points);
        }
        this.line = Polyline.densified(waypoints, MAX_POINT_SPACING_METERS);
        requireAt(line.point(0), origin);
        requireAt(line.point(line.size() - 1), destination);
        this.geoLine = new GeoLine("LineString", line.toLonLat());
    }

    Site origin() {
        return origin;
    }

    Site destination() {
        return destination;
    }

    List<Regime> regimes() {
        return regimes;
    }

    Polyline line() {
        return line;
    }

    /** The registered route as GeoJSON; shared by every trip on this route (never modified). */
    GeoLine geoLine() {
        return geoLine;
    }

    String label() {
        return origin.shortName() + " → " + destination.shortName();
    }

    /** Metres from the start over which this route and {@code other} run on the same points. */
    double sharedPrefixMeters(Route other) {
        int i = 0;
        while (i < line.size() && i < other.line.size()
                && Arrays.equals(line.point(i), other.line.point(i))) {
            i++;
        }
        return i == 0 ? 0 : line.metersAt(i - 1);
    }

    /**
     * Metres along the route where it first enters an ignore zone and where it leaves that zone again,
     * or {@code null} when it crosses none.
     */
    double[] firstIgnoreZoneStretch(ZoneIndex zones) {
        double in = Double.NaN;
        for (int i = 0; i < line.size(); i++) {
            double[] p = line.point(i);
            boolean inside = zones.zoneAt(p[0], p[1]) != null;
            if (inside && Double.isNaN(in)) {
                in = line.metersAt(i);
            } else if (!inside && !Double.isNaN(in)) {
                return new double[] {in, line.metersAt(i - 1)};
            }
        }
        return Double.isNaN(in) ? null : new double[] {in, line.length()};
    }

    /** Whether any point of the route lies inside one of the ignore zones. */
    boolean crossesIgnoreZone(ZoneIndex zones) {
        return firstIgnoreZoneStretch(zones) != null;
    }

    private static Leg along(Road road) {
        return new Leg(road, false);
    }

    private static Leg back(Road road) {
        return new Leg(road, true);
    }

    private void requireAt(double[] point, Site site) {
        if (Geo.distanceMeters(point[0], point[1], site.lat, site.lon) > 50) {
            throw new IllegalStateException(name() + " does not start or end at " + site);
        }
    }
}
