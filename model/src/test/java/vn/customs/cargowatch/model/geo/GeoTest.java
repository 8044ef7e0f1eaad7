package vn.customs.cargowatch.model.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeoTest {

    /** Hải Phòng port to ICD Gia Lâm, a 2-point route of ~80 km. */
    private static final double[][] ROUTE = {{106.68, 20.86}, {105.93, 21.03}};

    @Test
    void shouldMeasureKnownDistances() {
        // Hà Nội (Hoàn Kiếm) to Hải Phòng (Nhà hát lớn): about 95 km as the crow flies.
        assertThat(Geo.distanceMeters(21.0285, 105.8542, 20.8561, 106.6822)).isCloseTo(88_000, within(2_000.0));
        assertThat(Geo.distanceMeters(21, 106, 21, 106)).isZero();
    }

    @Test
    void shouldPlaceAnOffsetPointAtTheGivenDistance() {
        double[] moved = Geo.offset(21.0, 106.0, 510, 45);

        assertThat(Geo.distanceMeters(21.0, 106.0, moved[0], moved[1])).isCloseTo(510, within(0.01));
    }

    @Test
    void shouldTellFourHundredNinetyFromFiveHundredTenMetresOffTheRoute() {
        RouteIndex route = new RouteIndex(ROUTE);
        double[] onRoute = {20.945, 106.305}; // [lat, lon] on the segment
        double lat = onRoute[0];
        double lon = ROUTE[0][0] + (ROUTE[1][0] - ROUTE[0][0]) * (lat - ROUTE[0][1]) / (ROUTE[1][1] - ROUTE[0][1]);
        double bearingOfRoute = Math.toDegrees(Math.atan2((ROUTE[1][0] - ROUTE[0][0]) * Math.cos(Math.toRadians(lat)),
                ROUTE[1][1] - ROUTE[0][1]));
        double[] at490 = Geo.offset(lat, lon, 490, bearingOfRoute + 90);
        double[] at510 = Geo.offset(lat, lon, 510, bearingOfRoute - 90);

        assertThat(route.distanceMeters(lat, lon)).isCloseTo(0, within(0.5));
        assertThat(route.distanceMeters(at490[0], at490[1])).isCloseTo(490, within(1.0));
        assertThat(route.distanceMeters(at510[0], at510[1])).isCloseTo(510, within(1.0));
    }

    @Test
    void shouldMeasureFromTheNearestEndBeyondTheRoute() {
        RouteIndex route = new RouteIndex(ROUTE);
        double[] beyondGiaLam = Geo.offset(21.03, 105.93, 30_000, 300);

        assertThat(route.distanceMeters(beyondGiaLam[0], beyondGiaLam[1])).isCloseTo(30_000, within(30.0));
    }

    @Test
    void shouldGiveTheSameIdToTheSameRouteOnly() {
        assertThat(RouteIndex.idOf(ROUTE)).isEqualTo(RouteIndex.idOf(new double[][] {{106.68, 20.86}, {105.93, 21.03}}))
                .isNotEqualTo(RouteIndex.idOf(new double[][] {{106.68, 20.86}, {105.93, 21.04}}));
    }

    @Test
    void shouldFindTheZoneAPointLiesIn() {
        ZoneIndex zones = new ZoneIndex();
        zones.put("deo-mo", new GeoPolygon("Polygon", new double[][][] {
            {{107.0, 21.0}, {107.1, 21.0}, {107.1, 21.1}, {107.0, 21.1}, {107.0, 21.0}}}));

        assertThat(zones.zoneAt(21.05, 107.05)).isEqualTo("deo-mo");
        assertThat(zones.zoneAt(21.05, 107.2)).isNull();
        zones.remove("deo-mo");
        assertThat(zones.zoneAt(21.05, 107.05)).isNull();
    }
}
