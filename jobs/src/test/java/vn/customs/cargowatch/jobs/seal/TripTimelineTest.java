package vn.customs.cargowatch.jobs.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.*;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TripStatus;

class TripTimelineTest {

    private static final String IMEI = "356938035643809";
    private static final String TRIP = "HP-GL-0001";

    private KeyedBroadcastOperatorTestHarness<String, SealInput, Reference, TripSignal> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new TripTimeline(SealSettings.defaults()), SealInput::imei, Types.STRING,
                TripTimeline.ROUTES, TripTimeline.ZONES);
    }

    private void register(double minute) throws Exception {
        TripEvent registration = registered(TRIP, IMEI, "MSKU1234565", at(minute), at(minute + 180));
        harness.processBroadcastElement(Reference.of(RouteDefinition.of(registration)), at(minute).toEpochMilli());
        input(SealInput.of(registration, null));
    }

    private void activate(double minute) throws Exception {
        input(SealInput.of(lifecycle(TRIP, IMEI, TripEvent.Type.ACTIVATED, at(minute)), null));
    }

    private void input(SealInput input) throws Exception {
        harness.processElement(input, input.ts().toEpochMilli());
    }

    private void fixAt(double minute, double fraction, double besideMeters) throws Exception {
        input(SealInput.of(fix(IMEI, at(minute), fraction, besideMeters, 50)));
    }

    private List<TripSignal> signals() {
        return harness.extractOutputValues();
    }

    private List<TripSignal> fixes() {
        return signals().stream().filter(signal -> signal.is(TripSignal.Kind.FIX)).toList();
    }

    /** The broadcast harness does not count keyed state; the heap backend it runs on does. */
    private int keyedStateEntries() {
        var backend = ((org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>) harness.getOperator())
                .getKeyedStateBackend();
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) backend).numKeyValueStateEntries();
    }

    @Test
    void shouldDropFixesBeforeTheTripIsActivated() throws Exception {
        register(0);
        fixAt(1, 0.0, 0);
        activate(2);
        fixAt(3, 0.01, 0);
        harness.watermark(at(10).toEpochMilli());

        assertThat(fixes()).extracting(TripSignal::ts).containsExactly(at(3));
        assertThat(signals().get(0).kind()).isEqualTo(TripSignal.Kind.ACTIVATED);
    }

    @Test
    void shouldAccountForEveryFixItDoesNotUseByReason() throws Exception {
        fixAt(0.5, 0.0, 0);
        register(1);
        fixAt(1.5, 0.0, 0);
        activate(2);
        fixAt(3, 0.01, 0);
        fixAt(3, 0.01, 0);
        fixAt(2.5, 0.01, 0);
        activate(3.5);
        input(SealInput.of(lifecycle(TRIP, IMEI, TripEvent.Type.ARRIVED, at(4)), null));
        input(SealInput.of(lifecycle(TRIP, IMEI, TripEvent.Type.ARRIVED, at(4.5)), null));
        fixAt(5, 0.02, 0);
        harness.watermark(at(10).toEpochMilli());

        assertThat(harness.getEnvironment().getAccumulatorRegistry().getUserMap())
                .extractingFromEntries(entry -> entry.getKey() + "=" + entry.getValue().getLocalValue())
                .containsExactlyInAnyOrder(
                        "inputs-unused|seal.fixes|NO_TRIP=1",
                        "inputs-unused|seal.fixes|BEFORE_ACTIVATION=1",
                        "inputs-unused|seal.fixes|DUPLICATE=1",
                        "inputs-unused|seal.fixes|AFTER_TRIP_END=1",
                        "inputs-unused|seal.trips|DUPLICATE=2");
        assertThat(fixes()).as("used, in event-time order, out of seven").extracting(TripSignal::ts)
                .containsExactly(at(2.5), at(3));
    }

    @Test
    void shouldMeasureEachFixAgainstTheRegisteredRoute() throws Exception {
        register(0);
        activate(1);
        fixAt(2, 0.30, 0);
        fixAt(3, 0.31, 490);
        fixAt(4, 0.32, 510);
        harness.watermark(at(10).toEpochMilli());

        assertThat(fixes()).extracting(TripSignal::routeDistanceMeters)
                .satisfiesExactly(
                        d -> assertThat(d).isCloseTo(0, within(1.0)),
                        d -> assertThat(d).isCloseTo(490, within(2.0)),
                        d -> assertThat(d).isCloseTo(510, within(2.0)));
        assertThat(fixes()).extracting(TripSignal::isFixOffRoute).containsExactly(false, false, true);
    }

    @Test
    void shouldPassFixesOnInEventTimeOrderWhateverOrderTheyArriveIn() throws Exception {
        register(0);
        activate(1);
        fixAt(4, 0.04, 0);
        fixAt(2, 0.02, 0);
        fixAt(3, 0.03, 0);
        harness.watermark(at(10).toEpochMilli());

        assertThat(fixes()).extracting(TripSignal::ts).containsExactly(at(2), at(3), at(4));
    }

    @Test
    void shouldPassADuplicateFixOnOnce() throws Exception {
        register(0);
        activate(1);
        fixAt(2, 0.02, 0);
        fixAt(2, 0.02, 0);
        fixAt(3, 0.03, 0);
        harness.watermark(at(10).toEpochMilli());

        assertThat(fixes()).extracting(TripSignal::ts).containsExactly(at(2), at(3));
    }

    @Test
    void shouldHoldFixesUntilTheWatermarkPassesThem() throws Exception {
        register(0);
        activate(1);
        fixAt(5, 0.05, 0);
        harness.watermark(at(4).toEpochMilli());
        assertThat(fixes()).isEmpty();

        harness.watermark(at(5).toEpochMilli());
        assertThat(fixes()).hasSize(1);
    }

    @Test
    void shouldNameTheIgnoreZoneAFixLiesIn() throws Exception {
        harness.processBroadcastElement(Reference.of(ignoreZone("deo-100", 0.5, 1_000)), 0);
        register(0);
        activate(1);
        fixAt(2, 0.5, 0);
        fixAt(3, 0.6, 0);
        harness.watermark(at(10).toEpochMilli());

        assertThat(fixes()).extracting(TripSignal::ignoreZoneId).containsExactly("deo-100", null);
    }

    @Test
    void shouldEndTheTripOnArrivalAndClearItsState() throws Exception {
        register(0);
        activate(1);
        fixAt(2, 0.02, 0);
        input(SealInput.of(lifecycle(TRIP, IMEI, TripEvent.Type.ARRIVED, at(180)), null));
        harness.watermark(at(200).toEpochMilli());

        assertThat(signals().get(signals().size() - 1).kind()).isEqualTo(TripSignal.Kind.ENDED);
        List<TripStatus> statuses = harness.getSideOutput(TripTimeline.STATUS).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(statuses).extracting(TripStatus::state).endsWith(TripStatus.State.ARRIVED);
        assertThat(statuses.get(statuses.size() - 1).arrivedBy()).isEqualTo(TripStatus.ArrivedBy.CONFIRMATION);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(keyedStateEntries()).as("only the seal's last ended trip id stays").isOne();
    }

    @Test
    void shouldEndTheTripWhenAGateCameraSeesItArriveAndTakeTheConfirmationAfterwardsQuietly() throws Exception {
        register(0);
        activate(1);
        fixAt(2, 0.02, 0);
        input(SealInput.arrivalSeenByGateCamera(lifecycle(TRIP, IMEI, TripEvent.Type.ARRIVED, at(170))));
        input(SealInput.of(lifecycle(TRIP, IMEI, TripEvent.Type.ARRIVED, at(175)), "{}"));
        harness.watermark(at(200).toEpochMilli());

        List<TripStatus> statuses = harness.getSideOutput(TripTimeline.STATUS).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(statuses.get(statuses.size() - 1).arrivedBy()).isEqualTo(TripStatus.ArrivedBy.GATE_CAMERA);
        assertThat(signals()).filteredOn(signal -> signal.is(TripSignal.Kind.ENDED)).hasSize(1);
        assertThat(harness.getSideOutput(TripTimeline.DEAD_LETTERS)).isNullOrEmpty();
    }

    @Test
    void shouldDeadLetterTheActivationOfATripTheSealIsNotRegisteredTo() throws Exception {
        input(SealInput.of(lifecycle("UNKNOWN-1", IMEI, TripEvent.Type.ACTIVATED, at(1)), "{\"raw\":1}"));
        harness.watermark(at(10).toEpochMilli());

        assertThat(harness.getSideOutput(TripTimeline.DEAD_LETTERS)).singleElement()
                .extracting(StreamRecord::getValue)
                .satisfies(dead -> {
                    DeadLetter letter = (DeadLetter) dead;
                    assertThat(letter.reason()).contains("UNKNOWN-1").contains("not registered to any trip");
                    assertThat(letter.payload()).isEqualTo("{\"raw\":1}");
                });
        assertThat(signals()).isEmpty();
    }

    @Test
    void shouldDeadLetterARegistrationOfASealStillOnAnActiveTrip() throws Exception {
        register(0);
        activate(1);
        input(SealInput.of(registered("HP-GL-0002", IMEI, "TGHU8880000", at(5), at(200)), "{}"));
        harness.watermark(at(10).toEpochMilli());

        assertThat(harness.getSideOutput(TripTimeline.DEAD_LETTERS)).singleElement()
                .satisfies(dead -> assertThat(((DeadLetter) dead.getValue()).reason())
                        .contains("still on active trip " + TRIP));
    }

    // ---- the seal's events (3740 §II.2.1) ----

    private void sealEvent(double minute, SealEvent.Type type, Double lat, Double lon) throws Exception {
        input(SealInput.of(new SealEvent(IMEI, at(minute), type, lat, lon)));
    }

    @Test
    void shouldPassTheSealsEventsOnAsTheirOwnKindsOnlyWhileTheTripIsActive() throws Exception {
        register(0);
        sealEvent(0.5, SealEvent.Type.TAMPER, null, null);
        activate(1);
        sealEvent(3, SealEvent.Type.TAMPER, null, null);
        sealEvent(4, SealEvent.Type.POWER_OFF, null, null);
        sealEvent(5, SealEvent.Type.POWER_ON, null, null);
        sealEvent(6, SealEvent.Type.LOW_BATTERY, null, null);
        input(SealInput.of(lifecycle(TRIP, IMEI, TripEvent.Type.ARRIVED, at(10)), null));
        sealEvent(11, SealEvent.Type.POWER_OFF, null, null);
        harness.watermark(at(20).toEpochMilli());

        assertThat(signals()).extracting(TripSignal::kind).containsExactly(TripSignal.Kind.ACTIVATED,
                TripSignal.Kind.TAMPER, TripSignal.Kind.POWER_OFF, TripSignal.Kind.POWER_ON,
                TripSignal.Kind.LOW_BATTERY, TripSignal.Kind.ENDED);
    }

    @Test
    void shouldPlaceASealEventAtItsOwnPositionElseWhereTheTripWasLastSeen() throws Exception {
        register(0);
        activate(1);
        sealEvent(2, SealEvent.Type.TAMPER, null, null);
        fixAt(3, 0.1, 0);
        sealEvent(4, SealEvent.Type.POWER_OFF, null, null);
        sealEvent(5, SealEvent.Type.LOW_BATTERY, 20.95, 106.40);
        harness.watermark(at(10).toEpochMilli());

        double[] loadingPlace = HAI_PHONG;
        double[] lastFix = along(0.1, 0);
        assertThat(signals()).filteredOn(signal -> !signal.is(TripSignal.Kind.ACTIVATED)
                        && !signal.is(TripSignal.Kind.FIX))
                .extracting(TripSignal::kind, TripSignal::lat, TripSignal::lon)
                .containsExactly(
                        tuple(TripSignal.Kind.TAMPER, loadingPlace[0], loadingPlace[1]),
                        tuple(TripSignal.Kind.POWER_OFF, lastFix[0], lastFix[1]),
                        tuple(TripSignal.Kind.LOW_BATTERY, 20.95, 106.40));
    }

    @Test
    void shouldPassAFixesBatteryOn() throws Exception {
        register(0);
        activate(1);
        fixAt(2, 0.02, 0);
        harness.watermark(at(10).toEpochMilli());

        assertThat(fixes()).extracting(TripSignal::battery).containsExactly(80.0);
    }
}
