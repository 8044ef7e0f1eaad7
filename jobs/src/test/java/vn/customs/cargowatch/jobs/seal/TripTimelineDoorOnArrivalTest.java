package vn.customs.cargowatch.jobs.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.*;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.TripEvent;

/**
 * Live, a DOOR_OPEN event on a trip known to be active raises DOOR_OPENED as it arrives, with the id event time will
 * give it; when event time finds the trip was not active then, the alert is taken back (3740 §I.8; issue 11).
 */
class TripTimelineDoorOnArrivalTest {

    private static final String IMEI = "356938035643809";
    private static final String TRIP = "HP-GL-0001";
    private static final Duration BOUND = Duration.ofMinutes(2);

    private KeyedBroadcastOperatorTestHarness<String, SealInput, Reference, TripSignal> harness(Duration onArrival)
            throws Exception {
        var harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new TripTimeline(SealSettings.defaults(), onArrival), SealInput::imei, Types.STRING,
                TripTimeline.ROUTES, TripTimeline.ZONES);
        TripEvent registration = registered(TRIP, IMEI, "MSKU1234565", at(0), at(180));
        harness.processBroadcastElement(Reference.of(RouteDefinition.of(registration)), at(0).toEpochMilli());
        input(harness, SealInput.of(registration, null));
        input(harness, SealInput.of(lifecycle(TRIP, IMEI, TripEvent.Type.ACTIVATED, at(1)), null));
        harness.watermark(at(2).toEpochMilli());
        return harness;
    }

    private static void input(KeyedBroadcastOperatorTestHarness<String, SealInput, Reference, TripSignal> harness,
            SealInput input) throws Exception {
        harness.processElement(input, input.ts().toEpochMilli());
    }

    private static List<Alert> raisedOnArrival(
            KeyedBroadcastOperatorTestHarness<String, SealInput, Reference, TripSignal> harness) {
        var records = harness.getSideOutput(TripTimeline.RAISED_ON_ARRIVAL);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void shouldRaiseTheDoorAsItsEventArrivesWithTheIdEventTimeGivesIt() throws Exception {
        var harness = harness(BOUND);
        harness.setProcessingTime(at(5).plusSeconds(1).toEpochMilli());

        input(harness, SealInput.of(door(IMEI, at(5), SealEvent.Type.DOOR_OPEN, 0.01)));

        assertThat(raisedOnArrival(harness)).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo(Alert.idOf(AlertType.DOOR_OPENED, TRIP, at(5)));
            assertThat(alert.state()).isEqualTo(AlertState.OPEN);
        });
        harness.watermark(at(10).toEpochMilli());
        assertThat(harness.extractOutputValues()).filteredOn(signal -> signal.is(TripSignal.Kind.DOOR))
                .singleElement().extracting(TripSignal::raisedOnArrival).isEqualTo(true);
        assertThat(raisedOnArrival(harness)).as("nothing taken back").hasSize(1);
    }

    @Test
    void shouldTakeItBackWhenTheTripHadArrivedBeforeTheDoorOpened() throws Exception {
        var harness = harness(BOUND);
        harness.setProcessingTime(at(5).plusSeconds(1).toEpochMilli());
        input(harness, SealInput.of(door(IMEI, at(5), SealEvent.Type.DOOR_OPEN, 0.01)));

        input(harness, SealInput.of(lifecycle(TRIP, IMEI, TripEvent.Type.ARRIVED, at(4)), null));
        harness.watermark(at(10).toEpochMilli());

        assertThat(raisedOnArrival(harness)).hasSize(2).last().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo(Alert.idOf(AlertType.DOOR_OPENED, TRIP, at(5)));
            assertThat(alert.state()).isEqualTo(AlertState.CLOSED);
            assertThat(alert.details()).returns("withdrawn: the trip was not active then", AlertDetails::reason);
        });
        assertThat(harness.extractOutputValues()).noneMatch(signal -> signal.is(TripSignal.Kind.DOOR));
    }

    @Test
    void shouldLeaveAStaleEventToEventTime() throws Exception {
        var harness = harness(BOUND);
        harness.setProcessingTime(at(5).plus(BOUND).plusMillis(1).toEpochMilli());

        input(harness, SealInput.of(door(IMEI, at(5), SealEvent.Type.DOOR_OPEN, 0.01)));

        assertThat(raisedOnArrival(harness)).isEmpty();
    }

    @Test
    void shouldRaiseNothingOnArrivalInAReplay() throws Exception {
        var harness = harness(null);
        harness.setProcessingTime(at(5).toEpochMilli());

        input(harness, SealInput.of(door(IMEI, at(5), SealEvent.Type.DOOR_OPEN, 0.01)));
        harness.watermark(at(10).toEpochMilli());

        assertThat(raisedOnArrival(harness)).isEmpty();
        assertThat(harness.extractOutputValues()).filteredOn(signal -> signal.is(TripSignal.Kind.DOOR))
                .singleElement().extracting(TripSignal::raisedOnArrival).isEqualTo(false);
    }

    @Test
    void shouldRaiseNothingOnArrivalForATripNotYetActive() throws Exception {
        var harness = harness(BOUND);
        input(harness, SealInput.of(lifecycle(TRIP, IMEI, TripEvent.Type.ARRIVED, at(3)), null));
        harness.watermark(at(4).toEpochMilli());
        harness.setProcessingTime(at(5).toEpochMilli());

        input(harness, SealInput.of(door(IMEI, at(5), SealEvent.Type.DOOR_OPEN, 0.01)));

        assertThat(raisedOnArrival(harness)).isEmpty();
    }
}
