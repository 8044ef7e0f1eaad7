package vn.customs.cargowatch.jobs.seal;

import java.time.Instant;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.at;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.registered;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.geo.GeoLine;

/**
 * A million active trips must fit: a trip's keyed state holds the id of its route, never the route, so it
 * is the same few hundred bytes whether the registered route has 40 positions or 5,000.
 */
class TripStateSizeTest {

    private static int serializedSize(TripContext trip) throws Exception {
        TypeSerializer<TripContext> serializer =
                TypeInformation.of(TripContext.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(trip, out);
        return out.length();
    }

    private static TripEvent withRouteOf(int positions) {
        TripEvent trip = registered("HP-GL-0001", "356938035643809", "MSKU1234565", at(0), at(180));
        double[][] coordinates = new double[positions][];
        for (int i = 0; i < positions; i++) {
            coordinates[i] = new double[] {106.68 - 0.75 * i / positions, 20.86 + 0.17 * i / positions};
        }
        return new TripEvent(trip.tripId(), trip.type(), trip.ts(), trip.imei(), trip.containerNo(),
                trip.declarationNo(), trip.truckPlate(), trip.trailerPlate(), trip.regime(), trip.origin(),
                trip.destination(), trip.expectedStart(), trip.expectedEnd(), new GeoLine("LineString", coordinates),
                trip.corridorMeters(), trip.contacts(), trip.branchCode(), trip.departmentCode());
    }

    @Test
    void shouldKeepATripsStateIndependentOfItsRouteLength() throws Exception {
        TripContext shortRoute = TripContext.registered(withRouteOf(40), 500).activated(Instant.EPOCH);
        TripContext longRoute = TripContext.registered(withRouteOf(5_000), 500).activated(Instant.EPOCH);

        assertThat(serializedSize(longRoute)).isEqualTo(serializedSize(shortRoute));
        assertThat(serializedSize(longRoute)).as("bytes per active trip").isLessThan(300);
    }

    @Test
    void shouldShareOneRouteBetweenTripsRegisteringTheSameRoads() {
        TripEvent first = withRouteOf(500);
        TripEvent second = withRouteOf(500);

        assertThat(RouteDefinition.of(first).routeId()).isEqualTo(RouteDefinition.of(second).routeId());
        assertThat(RouteDefinition.of(withRouteOf(501)).routeId()).isNotEqualTo(RouteDefinition.of(first).routeId());
    }
}
