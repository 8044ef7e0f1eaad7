package vn.customs.cargowatch.jobs.seal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.Harnesses.alerts;
import static vn.customs.cargowatch.jobs.seal.Harnesses.feed;
import static vn.customs.cargowatch.jobs.seal.Signals.*;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.seal.Harnesses;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;

/** The trip is expected at its end three hours after {@code BEGINNING}: two hours before it is minute 60. */
class SealLowBatteryRuleTest {

    private static final Instant TWO_HOURS_ONE_MINUTE_BEFORE_THE_END = minutes(59);
    private static final Instant TWO_HOURS_BEFORE_THE_END = minutes(60);
    private static final Instant ONE_HOUR_FIFTY_NINE_MINUTES_BEFORE_THE_END = minutes(61);

    private KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = rule(SealSettings.defaults());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> rule(SealSettings settings)
            throws Exception {
        var harness = Harnesses.keyed(new SealLowBatteryRule(settings));
        feed(harness, activated(BEGINNING), fixWithBattery(minutes(1), 45));
        return harness;
    }

    private void watermark(Instant at) throws Exception {
        harness.processWatermark(at.toEpochMilli());
    }

    @Test
    void shouldRaiseAtLowSeverityOnAFixBelowTheThreshold() throws Exception {
        feed(harness, fixWithBattery(minutes(30), 19));
        watermark(minutes(30));

        assertThat(alerts(harness)).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.SEAL_LOW_BATTERY);
            assertThat(alert.severity()).isEqualTo(AlertType.Severity.LOW);
            assertThat(alert.alertId()).isEqualTo(Alert.idOf(AlertType.SEAL_LOW_BATTERY, TRIP, minutes(30)));
            assertThat(alert.startTs()).isEqualTo(minutes(30));
            assertThat(alert.detectedAt()).isEqualTo(minutes(30));
            assertThat(alert.endTs()).isNull();
            assertThat(alert.lat()).isEqualTo(LAT);
            assertThat(alert.details()).returns(19.0, AlertDetails::batteryPercent)
                    .returns(20.0, AlertDetails::lowBatteryPercent).returns("fix battery", AlertDetails::reportedBy)
                    .returns(120L, AlertDetails::horizonMinutes)
                    .returns(EXPECTED_END.toString(), AlertDetails::expectedEnd);
        });
    }

    @Test
    void shouldNotRaiseOnAFixAtTheThresholdOrAbove() throws Exception {
        feed(harness, fixWithBattery(minutes(30), 21), fixWithBattery(minutes(31), 20));
        watermark(minutes(40));

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldRaiseOnALowBatteryEvent() throws Exception {
        feed(harness, sealEvent(TripSignal.Kind.LOW_BATTERY, minutes(30)));
        watermark(minutes(30));

        assertThat(alerts(harness)).singleElement().satisfies(alert -> {
            assertThat(alert.startTs()).isEqualTo(minutes(30));
            assertThat(alert.details()).returns("LOW_BATTERY event", AlertDetails::reportedBy)
                    .returns(null, AlertDetails::batteryPercent);
        });
    }

    @Test
    void shouldRaiseWhenTheExpectedEndIsTwoHoursAndOneMinuteAway() throws Exception {
        feed(harness, fixWithBattery(TWO_HOURS_ONE_MINUTE_BEFORE_THE_END, 19));
        watermark(minutes(70));

        assertThat(alerts(harness)).extracting(Alert::startTs).containsExactly(TWO_HOURS_ONE_MINUTE_BEFORE_THE_END);
    }

    @Test
    void shouldNotRaiseWhenTheExpectedEndIsTwoHoursAwayOrLess() throws Exception {
        feed(harness, fixWithBattery(TWO_HOURS_BEFORE_THE_END, 19),
                sealEvent(TripSignal.Kind.LOW_BATTERY, ONE_HOUR_FIFTY_NINE_MINUTES_BEFORE_THE_END),
                fixWithBattery(minutes(90), 12));
        watermark(minutes(100));

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldRaiseOncePerTrip() throws Exception {
        feed(harness, fixWithBattery(minutes(30), 19), sealEvent(TripSignal.Kind.LOW_BATTERY, minutes(31)),
                fixWithBattery(minutes(32), 21), fixWithBattery(minutes(33), 18));
        watermark(minutes(40));

        assertThat(alerts(harness)).extracting(Alert::startTs).containsExactly(minutes(30));
    }

    @Test
    void shouldGiveTheSameAlertWhateverOrderTheReportsArriveIn() throws Exception {
        feed(harness, sealEvent(TripSignal.Kind.LOW_BATTERY, minutes(31)), fixWithBattery(minutes(30.5), 19));
        watermark(minutes(40));

        assertThat(alerts(harness)).extracting(Alert::alertId)
                .containsExactly(Alert.idOf(AlertType.SEAL_LOW_BATTERY, TRIP, minutes(30.5)));
    }

    @Test
    void shouldEndTheEpisodeAtTheTripsEndAndClearItsState() throws Exception {
        feed(harness, fixWithBattery(minutes(30), 19), fixWithBattery(minutes(60), 15), ended(minutes(150)));
        watermark(minutes(150));

        assertThat(alerts(harness)).extracting(Alert::endTs).containsExactly(null, minutes(150));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldTakeTheConfiguredThresholdAndHorizon() throws Exception {
        harness = rule(SealSettings.from(Map.of("seal.lowBattery", "30", "seal.lowBatteryHorizon", "1 h")));
        feed(harness, fixWithBattery(minutes(30), 29.5));
        watermark(minutes(30));

        assertThat(alerts(harness)).singleElement()
                .satisfies(alert -> assertThat(alert.details()).returns(60L, AlertDetails::horizonMinutes));
        assertThat(SealLowBatteryRule.isLowWithTimeToAct(fixWithBattery(minutes(119), 29.5), 30, Duration.ofHours(1)))
                .as("1 h 01 min before the end").isTrue();
        assertThat(SealLowBatteryRule.isLowWithTimeToAct(fixWithBattery(minutes(120), 29.5), 30, Duration.ofHours(1)))
                .as("1 h before the end").isFalse();
    }
}
