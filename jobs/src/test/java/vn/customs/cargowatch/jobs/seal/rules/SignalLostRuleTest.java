package vn.customs.cargowatch.jobs.seal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.Harnesses.alerts;
import static vn.customs.cargowatch.jobs.seal.Harnesses.feed;
import static vn.customs.cargowatch.jobs.seal.Signals.*;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.seal.Harnesses;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;

class SignalLostRuleTest {

    private KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = Harnesses.keyed(new SignalLostRule(SealSettings.defaults()));
        feed(harness, activated(BEGINNING), moving(minutes(1)));
    }

    @Test
    void shouldNotAlertAfterFourteenMinutesOfSilence() throws Exception {
        harness.processWatermark(minutes(15).toEpochMilli());

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldAlertAfterSixteenMinutesOfSilenceFromTheLastFix() throws Exception {
        harness.processWatermark(minutes(17).toEpochMilli());

        assertThat(alerts(harness)).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.SIGNAL_LOST);
            assertThat(alert.startTs()).isEqualTo(minutes(1));
            assertThat(alert.detectedAt()).isEqualTo(minutes(16));
            assertThat(alert.lat()).isEqualTo(LAT);
        });
    }

    @Test
    void shouldNotAlertWhenTheLastFixIsInsideAnIgnoreZone() throws Exception {
        feed(harness, fixAt(minutes(2), LAT, LON, 20, 40, "deo-mo-tunnel", null));
        harness.processWatermark(minutes(60).toEpochMilli());

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldAlertWhenTheTruckFallsSilentAfterLeavingTheIgnoreZone() throws Exception {
        feed(harness, fixAt(minutes(2), LAT, LON, 20, 40, "deo-mo-tunnel", null), moving(minutes(3)));
        harness.processWatermark(minutes(60).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::startTs).containsExactly(minutes(3));
    }

    @Test
    void shouldAlertWhenNoFixEverComesAfterActivation() throws Exception {
        var fresh = Harnesses.keyed(new SignalLostRule(SealSettings.defaults()));
        feed(fresh, activated(BEGINNING));
        fresh.processWatermark(minutes(16).toEpochMilli());

        assertThat(alerts(fresh)).extracting(Alert::startTs).containsExactly(BEGINNING);
    }

    @Test
    void shouldEndTheAlertWhenTheSignalComesBack() throws Exception {
        harness.processWatermark(minutes(30).toEpochMilli());
        feed(harness, moving(minutes(45)));
        harness.processWatermark(minutes(45).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::endTs).containsExactly(null, minutes(45));
        assertThat(alerts(harness)).extracting(Alert::alertId).containsOnly(alerts(harness).get(0).alertId());
        assertThat(harness.numEventTimeTimers()).as("the next silence is watched again").isOne();
    }

    @Test
    void shouldNotTreatTheEndOfAFiniteInputAsSilence() throws Exception {
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldClearStateAndTimersWhenTheTripEnds() throws Exception {
        feed(harness, ended(minutes(5)));
        harness.processWatermark(minutes(60).toEpochMilli());

        assertThat(alerts(harness)).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    /** A watermark jumping past the deadline at once (a Kafka partition falling idle) changes nothing. */
    @Test
    void shouldRaiseAndEndTheSilenceWhenTheNextFixArrivesBeforeTheWatermark() throws Exception {
        feed(harness, moving(minutes(45)));
        harness.processWatermark(minutes(59).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::startTs, Alert::endTs)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(minutes(1), null),
                        org.assertj.core.groups.Tuple.tuple(minutes(1), minutes(45)));
    }

    // ---- after a power-off (the seal's last report before the silence) ----

    @Test
    void shouldSayASilenceCameRightAfterAPowerOff() throws Exception {
        feed(harness, sealEvent(TripSignal.Kind.POWER_OFF, minutes(2)));
        harness.processWatermark(minutes(17).toEpochMilli());

        assertThat(alerts(harness)).singleElement().satisfies(alert -> {
            assertThat(alert.startTs()).as("the silence still starts at the last fix").isEqualTo(minutes(1));
            assertThat(alert.details()).returns(minutes(2).toString(), AlertDetails::powerOffAt);
        });
    }

    @Test
    void shouldTakeAPowerOffAtTheDeadlineItself() throws Exception {
        feed(harness, sealEvent(TripSignal.Kind.POWER_OFF, minutes(16)));
        harness.processWatermark(minutes(17).toEpochMilli());

        assertThat(alerts(harness)).singleElement()
                .satisfies(alert -> assertThat(alert.details())
                        .returns(minutes(16).toString(), AlertDetails::powerOffAt));
    }

    @Test
    void shouldNotBlameAPowerOffTheSealCameBackFrom() throws Exception {
        feed(harness, sealEvent(TripSignal.Kind.POWER_OFF, minutes(2)), sealEvent(TripSignal.Kind.POWER_ON, minutes(3)));
        harness.processWatermark(minutes(17).toEpochMilli());

        assertThat(alerts(harness)).singleElement()
                .satisfies(alert -> assertThat(alert.details()).returns(null, AlertDetails::powerOffAt));
    }

    @Test
    void shouldNotBlameAPowerOffBeforeTheLastFix() throws Exception {
        feed(harness, sealEvent(TripSignal.Kind.POWER_OFF, minutes(2)), moving(minutes(3)));
        harness.processWatermark(minutes(19).toEpochMilli());

        assertThat(alerts(harness)).singleElement().satisfies(alert -> {
            assertThat(alert.startTs()).isEqualTo(minutes(3));
            assertThat(alert.details()).returns(null, AlertDetails::powerOffAt);
        });
    }

    @Test
    void shouldNotTakeTheSealsEventsForAPosition() throws Exception {
        feed(harness, sealEvent(TripSignal.Kind.TAMPER, minutes(10)), sealEvent(TripSignal.Kind.LOW_BATTERY, minutes(11)),
                sealEvent(TripSignal.Kind.POWER_ON, minutes(12)));
        harness.processWatermark(minutes(17).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::detectedAt).containsExactly(minutes(16));
    }

    @Test
    void shouldClearThePowerOffWithTheTripsState() throws Exception {
        feed(harness, sealEvent(TripSignal.Kind.POWER_OFF, minutes(2)), ended(minutes(5)));
        harness.processWatermark(minutes(60).toEpochMilli());

        assertThat(alerts(harness)).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
