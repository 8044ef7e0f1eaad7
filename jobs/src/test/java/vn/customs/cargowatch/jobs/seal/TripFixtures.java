package vn.customs.cargowatch.jobs.seal;

import java.time.Instant;
import java.util.List;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DoorState;
import vn.customs.cargowatch.model.IgnoreZone;
import vn.customs.cargowatch.model.Place;
import vn.customs.cargowatch.model.Regime;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.geo.Geo;
import vn.customs.cargowatch.model.geo.GeoLine;
import vn.customs.cargowatch.model.geo.GeoPolygon;

/**
 * Contract records for tests: a trip from Hải Phòng port to ICD Gia Lâm along a straight registered route,
 * fixes on it or a given distance beside it, and the customs offices around it.
 */
public final class TripFixtures {

    public static final Instant DAY = Instant.parse("2026-11-22T00:00:00Z");
    public static final double[] HAI_PHONG = {20.8600, 106.6800};
    public static final double[] GIA_LAM = {21.0300, 105.9300};
    /** The route's heading; "beside the route" is 90° to its left. */
    private static final double ROUTE_BEARING =
            Geo.bearingDegrees(HAI_PHONG[0], HAI_PHONG[1], GIA_LAM[0], GIA_LAM[1]);

    private TripFixtures() {}

    public static Instant at(double minutes) {
        return DAY.plusMillis(Math.round(minutes * 60_000));
    }

    /** The registered route: the straight line with a waypoint every ~2 km. */
    public static GeoLine route() {
        int steps = 40;
        double[][] positions = new double[steps + 1][];
        for (int i = 0; i <= steps; i++) {
            double[] point = along(i / (double) steps, 0);
            positions[i] = new double[] {point[1], point[0]};
        }
        return new GeoLine("LineString", positions);
    }

    /** The point at {@code fraction} of the way, {@code besideMeters} to the left of the route. */
    public static double[] along(double fraction, double besideMeters) {
        double lat = HAI_PHONG[0] + (GIA_LAM[0] - HAI_PHONG[0]) * fraction;
        double lon = HAI_PHONG[1] + (GIA_LAM[1] - HAI_PHONG[1]) * fraction;
        return besideMeters == 0 ? new double[] {lat, lon} : Geo.offset(lat, lon, besideMeters, ROUTE_BEARING - 90);
    }

    public static TripEvent registered(String tripId, String imei, String containerNo, Instant ts, Instant expectedEnd) {
        return new TripEvent(tripId, TripEvent.Type.REGISTERED, ts, imei, containerNo, "10" + imei.substring(5),
                "15C-123.45", "15R-012.34", Regime.TEMP_IMPORT_REEXPORT,
                new Place("03CE", "Chi cục HQ CK cảng Hải Phòng KV III", HAI_PHONG[0], HAI_PHONG[1], null),
                new Place("01IK", "Chi cục HQ Gia Lâm", GIA_LAM[0], GIA_LAM[1], "ICDGL"),
                ts, expectedEnd, route(), null,
                List.of(new Contact(Contact.Role.DRIVER, "Nguyễn Văn An", "0912345678")), "03CE", "03PL");
    }

    public static TripEvent lifecycle(String tripId, String imei, TripEvent.Type type, Instant ts) {
        return new TripEvent(tripId, type, ts, imei, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    public static SealFix fix(String imei, Instant ts, double fraction, double besideMeters, double speedKmh) {
        double[] point = along(fraction, besideMeters);
        return new SealFix(imei, ts, point[0], point[1], speedKmh, ROUTE_BEARING, 9, 0.9, 80.0, DoorState.CLOSED);
    }

    public static SealEvent door(String imei, Instant ts, SealEvent.Type type, double fraction) {
        return sealEvent(imei, ts, type, fraction);
    }

    /** A seal event reported on the route at {@code fraction} of the way. */
    public static SealEvent sealEvent(String imei, Instant ts, SealEvent.Type type, double fraction) {
        double[] point = along(fraction, 0);
        return new SealEvent(imei, ts, type, point[0], point[1]);
    }

    /** A square ignore zone of {@code halfSideMeters} around the point at {@code fraction} of the route. */
    public static IgnoreZone ignoreZone(String zoneId, double fraction, double halfSideMeters) {
        double[] centre = along(fraction, 0);
        double dLat = halfSideMeters / 111_195.0;
        double dLon = dLat / Math.cos(Math.toRadians(centre[0]));
        double[][] ring = {
            {centre[1] - dLon, centre[0] - dLat}, {centre[1] + dLon, centre[0] - dLat},
            {centre[1] + dLon, centre[0] + dLat}, {centre[1] - dLon, centre[0] + dLat},
            {centre[1] - dLon, centre[0] - dLat}};
        return new IgnoreZone(zoneId, "Vùng lõm sóng " + zoneId, new GeoPolygon("Polygon", new double[][][] {ring}),
                IgnoreZone.Op.UPSERT);
    }

    public static List<CustomsOffice> offices() {
        return List.of(
                new CustomsOffice("00", "Tổng cục Hải quan", CustomsOffice.Level.GENERAL, null, 21.0245, 105.8412, null),
                new CustomsOffice("03PL", "Cục Hải quan TP Hải Phòng", CustomsOffice.Level.DEPARTMENT, "00", 20.8650,
                        106.6830, null),
                new CustomsOffice("03CE", "Chi cục HQ CK cảng Hải Phòng KV III", CustomsOffice.Level.BRANCH, "03PL",
                        HAI_PHONG[0], HAI_PHONG[1], "0225384xxxx"),
                new CustomsOffice("01IK", "Chi cục HQ Gia Lâm", CustomsOffice.Level.BRANCH, "01", GIA_LAM[0],
                        GIA_LAM[1], null),
                new CustomsOffice("03TG", "Chi cục HQ Hải Dương", CustomsOffice.Level.BRANCH, "03PL", 20.9400,
                        106.3300, null));
    }
}
