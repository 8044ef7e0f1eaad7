package vn.customs.cargowatch.jobs.seal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.Harnesses.alerts;
import static vn.customs.cargowatch.jobs.seal.Harnesses.feed;
import static vn.customs.cargowatch.jobs.seal.Signals.*;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.seal.Harnesses;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.DoorState;

class SealTamperedRuleTest {

    /** Where the seal reported its tamper: on QL5 east of Hải Dương, away from the last fix. */
    private static final double TAMPER_LAT = 20.9301, TAMPER_LON = 106.3912;

    private KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = Harnesses.keyed(new SealTamperedRule());
        feed(harness, activated(BEGINNING), moving(minutes(1)));
    }

    private static TripSignal tamper(double minute) {
        return sealEventAt(TripSignal.Kind.TAMPER, minutes(minute), TAMPER_LAT, TAMPER_LON);
    }

    @Test
    void shouldRaiseATamperOnAnActiveTripAtTheEventWithItsIdAndPosition() throws Exception {
        feed(harness, tamper(30));
        harness.processWatermark(minutes(30).toEpochMilli());

        assertThat(alerts(harness)).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.SEAL_TAMPERED);
            assertThat(alert.severity()).isEqualTo(AlertType.Severity.CRITICAL);
            assertThat(alert.alertId()).isEqualTo(Alert.idOf(AlertType.SEAL_TAMPERED, TRIP, minutes(30)));
            assertThat(alert.startTs()).isEqualTo(minutes(30));
            assertThat(alert.detectedAt()).isEqualTo(minutes(30));
            assertThat(alert.endTs()).isNull();
            assertThat(alert.lat()).isEqualTo(TAMPER_LAT);
            assertThat(alert.lon()).isEqualTo(TAMPER_LON);
            assertThat(alert.tripId()).isEqualTo(TRIP);
            assertThat(alert.containerNo()).isEqualTo(CONTAINER);
            assertThat(alert.branchCode()).isEqualTo("03CE");
            assertThat(alert.state()).isEqualTo(AlertState.OPEN);
        });
    }

    @Test
    void shouldHoldTheTamperUntilTheWatermarkPassesIt() throws Exception {
        feed(harness, tamper(30));
        harness.processWatermark(minutes(29).toEpochMilli());

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldRaiseOneAlertPerTripHoweverOftenTheSealReportsATamper() throws Exception {
        feed(harness, tamper(30), tamper(31), moving(minutes(32)), tamper(90));
        harness.processWatermark(minutes(100).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::startTs).containsExactly(minutes(30));
    }

    @Test
    void shouldRaiseNothingForTheSealsOtherSignals() throws Exception {
        feed(harness, door(minutes(10), DoorState.CLOSED), sealEvent(TripSignal.Kind.POWER_OFF, minutes(11)),
                sealEvent(TripSignal.Kind.POWER_ON, minutes(12)), sealEvent(TripSignal.Kind.LOW_BATTERY, minutes(13)),
                fixWithBattery(minutes(14), 5), destinationChanged(minutes(15), EXPECTED_END.plusSeconds(3_600)));
        harness.processWatermark(minutes(100).toEpochMilli());

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldGiveTheSameAlertWhateverOrderTheTampersArriveIn() throws Exception {
        feed(harness, tamper(31), tamper(30));
        harness.processWatermark(minutes(40).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::alertId)
                .containsExactly(Alert.idOf(AlertType.SEAL_TAMPERED, TRIP, minutes(30)));
    }

    @Test
    void shouldEndTheEpisodeAtTheTripsEndAndClearItsState() throws Exception {
        feed(harness, tamper(30), moving(minutes(60)), ended(minutes(120)));
        harness.processWatermark(minutes(120).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::alertId).containsOnly(
                Alert.idOf(AlertType.SEAL_TAMPERED, TRIP, minutes(30)));
        assertThat(alerts(harness)).extracting(Alert::endTs).containsExactly(null, minutes(120));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldRaiseAgainOnTheSealsNextTrip() throws Exception {
        feed(harness, tamper(30), ended(minutes(120)), activated(minutes(200)), tamper(230));
        harness.processWatermark(minutes(240).toEpochMilli());

        assertThat(alerts(harness)).filteredOn(alert -> alert.endTs() == null).extracting(Alert::startTs)
                .containsExactly(minutes(30), minutes(230));
    }
}
