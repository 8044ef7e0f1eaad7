package vn.customs.cargowatch.jobs.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.at;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.lifecycle;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.registered;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.TripEvent;

/**
 * Which trips are headed to which ICD is decided in event time: an activation that overtakes its registration (another
 * partition, another upstream subtask) still finds the trip — the lost camera arrival at parallelism 4.
 */
class TripDirectoryTest {

    private static final String IMEI = "356938035643809";

    private KeyedOneInputStreamOperatorTestHarness<String, TripEvent, TripDestination> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new TripDirectory()),
                TripEvent::tripId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(TripEvent event) throws Exception {
        harness.processElement(event, event.ts().toEpochMilli());
    }

    private List<TripDestination> destinations() {
        return harness.getOutput().stream().filter(StreamRecord.class::isInstance)
                .map(record -> (TripDestination) ((StreamRecord<?>) record).getValue()).toList();
    }

    @Test
    void shouldHeadTheTripToItsIcdWhenItsActivationArrivesBeforeItsRegistration() throws Exception {
        send(lifecycle("T1", IMEI, TripEvent.Type.ACTIVATED, at(1)));
        send(registered("T1", IMEI, "CWTU0000017", at(0), at(60)));
        assertThat(destinations()).as("nothing before the watermark").isEmpty();

        harness.processWatermark(at(1).toEpochMilli());

        assertThat(destinations()).extracting(TripDestination::tripId, TripDestination::icdCode,
                TripDestination::active, TripDestination::ts).containsExactly(tuple("T1", "ICDGL", true, at(1)));
    }

    @Test
    void shouldTakeARegistrationAndActivationAtOneInstantInTheirLifecycleOrder() throws Exception {
        send(lifecycle("T1", IMEI, TripEvent.Type.ACTIVATED, at(0)));
        send(registered("T1", IMEI, "CWTU0000017", at(0), at(60)));
        harness.processWatermark(at(0).toEpochMilli());

        assertThat(destinations()).extracting(TripDestination::active).containsExactly(true);
    }

    @Test
    void shouldStopHeadingTheTripThereWhenItArrivesAndKeepNothing() throws Exception {
        send(registered("T1", IMEI, "CWTU0000017", at(0), at(60)));
        send(lifecycle("T1", IMEI, TripEvent.Type.ARRIVED, at(50)));
        send(lifecycle("T1", IMEI, TripEvent.Type.ACTIVATED, at(1)));
        harness.processWatermark(at(60).toEpochMilli());

        assertThat(destinations()).extracting(TripDestination::active, TripDestination::ts)
                .containsExactly(tuple(true, at(1)), tuple(false, at(50)));
        assertThat(harness.numKeyedStateEntries()).as("state ends with the trip").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldHeadNoTripWhoseActivationIsNeverPrecededByARegistration() throws Exception {
        send(lifecycle("T1", IMEI, TripEvent.Type.ACTIVATED, at(1)));
        harness.processWatermark(at(10).toEpochMilli());

        assertThat(destinations()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
