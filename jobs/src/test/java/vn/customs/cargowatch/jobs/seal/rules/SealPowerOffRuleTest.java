package vn.customs.cargowatch.jobs.seal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.customs.cargowatch.jobs.seal.Harnesses.alerts;
import static vn.customs.cargowatch.jobs.seal.Harnesses.feed;
import static vn.customs.cargowatch.jobs.seal.Signals.*;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.seal.Harnesses;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;

class SealPowerOffRuleTest {

    private KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = Harnesses.keyed(new SealPowerOffRule());
        feed(harness, activated(BEGINNING), moving(minutes(1)));
    }

    private static TripSignal powerOff(double minute) {
        return sealEvent(TripSignal.Kind.POWER_OFF, minutes(minute));
    }

    private static TripSignal powerOn(double minute) {
        return sealEvent(TripSignal.Kind.POWER_ON, minutes(minute));
    }

    @Test
    void shouldRaiseAPowerOffOnAnActiveTripAtTheEventWithItsId() throws Exception {
        feed(harness, powerOff(30));
        harness.processWatermark(minutes(30).toEpochMilli());

        assertThat(alerts(harness)).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.SEAL_POWER_OFF);
            assertThat(alert.severity()).isEqualTo(AlertType.Severity.HIGH);
            assertThat(alert.alertId()).isEqualTo(Alert.idOf(AlertType.SEAL_POWER_OFF, TRIP, minutes(30)));
            assertThat(alert.startTs()).isEqualTo(minutes(30));
            assertThat(alert.detectedAt()).isEqualTo(minutes(30));
            assertThat(alert.endTs()).isNull();
            assertThat(alert.lat()).isEqualTo(LAT);
        });
    }

    @Test
    void shouldEndTheEpisodeWhenTheSealIsPoweredOnAndClearItsState() throws Exception {
        feed(harness, powerOff(30), powerOn(42));
        harness.processWatermark(minutes(42).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::startTs, Alert::endTs)
                .containsExactly(tuple(minutes(30), null), tuple(minutes(30), minutes(42)));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    /** A fix shows the seal is on again, even when its POWER_ON was lost. */
    @Test
    void shouldEndTheEpisodeAtTheSealsNextFix() throws Exception {
        feed(harness, powerOff(30), moving(minutes(35)), powerOn(36));
        harness.processWatermark(minutes(40).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::endTs).containsExactly(null, minutes(35));
    }

    @Test
    void shouldTakeASecondPowerOffDuringTheEpisodeForTheSameEpisode() throws Exception {
        feed(harness, powerOff(30), powerOff(31), powerOn(40));
        harness.processWatermark(minutes(40).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::alertId).containsOnly(
                Alert.idOf(AlertType.SEAL_POWER_OFF, TRIP, minutes(30)));
        assertThat(alerts(harness)).hasSize(2);
    }

    @Test
    void shouldBeginAnotherEpisodeAtAPowerOffAfterThePreviousOneEnded() throws Exception {
        feed(harness, powerOff(30), powerOn(40), powerOff(70));
        harness.processWatermark(minutes(70).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::startTs, Alert::endTs).containsExactly(
                tuple(minutes(30), null), tuple(minutes(30), minutes(40)), tuple(minutes(70), null));
    }

    @Test
    void shouldRaiseNothingForAPowerOnAlone() throws Exception {
        feed(harness, powerOn(30), moving(minutes(31)));
        harness.processWatermark(minutes(40).toEpochMilli());

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldGiveTheSameAlertsWhateverOrderTheEventsArriveIn() throws Exception {
        feed(harness, powerOn(40), powerOff(30));
        harness.processWatermark(minutes(40).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::startTs, Alert::endTs)
                .containsExactly(tuple(minutes(30), null), tuple(minutes(30), minutes(40)));
    }

    @Test
    void shouldEndTheEpisodeAtTheTripsEndAndClearItsState() throws Exception {
        feed(harness, powerOff(30), ended(minutes(60)));
        harness.processWatermark(minutes(60).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::endTs).containsExactly(null, minutes(60));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
