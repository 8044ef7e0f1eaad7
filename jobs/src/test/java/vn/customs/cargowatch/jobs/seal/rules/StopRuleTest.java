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
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.geo.Geo;

class StopRuleTest {

    private KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = Harnesses.keyed(new StopRule(SealSettings.defaults()));
        feed(harness, activated(BEGINNING));
    }

    private void stoppedEveryMinuteUntil(double lastMinute) throws Exception {
        for (int minute = 0; minute <= lastMinute; minute++) {
            feed(harness, stopped(minutes(minute)));
        }
    }

    @Test
    void shouldAlertWhenStoppedForNinetyOneMinutes() throws Exception {
        stoppedEveryMinuteUntil(91);
        harness.processWatermark(minutes(91).toEpochMilli());

        assertThat(alerts(harness)).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.STOP_OVER_90_MIN);
            assertThat(alert.startTs()).isEqualTo(BEGINNING);
            assertThat(alert.detectedAt()).isEqualTo(minutes(90).plusMillis(1));
            assertThat(alert.endTs()).isNull();
            assertThat(alert.tripId()).isEqualTo(TRIP);
        });
    }

    @Test
    void shouldNotAlertForAStopOfEightyNineMinutes() throws Exception {
        stoppedEveryMinuteUntil(89);
        feed(harness, moving(minutes(89.5)), moving(minutes(120)));
        harness.processWatermark(minutes(200).toEpochMilli());

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldNotAlertAtExactlyNinetyMinutes() throws Exception {
        stoppedEveryMinuteUntil(90);
        harness.processWatermark(minutes(90).toEpochMilli());

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldAlertAtTheDeadlineEvenWithoutAnotherFix() throws Exception {
        feed(harness, stopped(minutes(0)), stopped(minutes(1)));
        harness.processWatermark(minutes(91).toEpochMilli());

        assertThat(alerts(harness)).hasSize(1);
    }

    @Test
    void shouldNotTreatTheEndOfAFiniteInputAsTheDeadline() throws Exception {
        feed(harness, stopped(minutes(0)), stopped(minutes(30)));
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldEndTheAlertWhenTheTruckMovesOnAndClearItsState() throws Exception {
        stoppedEveryMinuteUntil(95);
        harness.processWatermark(minutes(95).toEpochMilli());
        feed(harness, moving(minutes(100)));
        harness.processWatermark(minutes(100).toEpochMilli());

        assertThat(alerts(harness)).hasSize(2);
        Alert ended = alerts(harness).get(1);
        assertThat(ended.alertId()).isEqualTo(alerts(harness).get(0).alertId());
        assertThat(ended.endTs()).isEqualTo(minutes(100));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldKeepOneStopWhileGpsDriftStaysWithinTheRadius() throws Exception {
        feed(harness, stopped(minutes(0)));
        for (int minute = 1; minute <= 92; minute++) {
            double[] drifted = Geo.offset(LAT, LON, 60, minute * 37 % 360);
            feed(harness, fixAt(minutes(minute), drifted[0], drifted[1], 20, 1, null, null));
        }
        harness.processWatermark(minutes(92).toEpochMilli());

        assertThat(alerts(harness)).hasSize(1);
    }

    @Test
    void shouldStartAnewWhenTheTruckCreepsBeyondTheRadius() throws Exception {
        for (int minute = 0; minute <= 92; minute++) {
            double[] crept = Geo.offset(LAT, LON, minute * 3.0, 90);
            feed(harness, fixAt(minutes(minute), crept[0], crept[1], 20, 1, null, null));
        }
        harness.processWatermark(minutes(92).toEpochMilli());

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldNotCountAStopOutsideTheCorridor() throws Exception {
        for (int minute = 0; minute <= 100; minute++) {
            feed(harness, fix(minutes(minute), 2_000, 0));
        }
        harness.processWatermark(minutes(100).toEpochMilli());

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldEndTheAlertAndClearStateWhenTheTripEnds() throws Exception {
        stoppedEveryMinuteUntil(91);
        harness.processWatermark(minutes(91).toEpochMilli());
        feed(harness, ended(minutes(92)));
        harness.processWatermark(minutes(92).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::endTs).containsExactly(null, minutes(92));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    /** A watermark jumping past the deadline at once (a Kafka partition falling idle) changes nothing. */
    @Test
    void shouldRaiseAndEndTheStopWhenEverythingArrivesBeforeTheWatermark() throws Exception {
        stoppedEveryMinuteUntil(129);
        feed(harness, moving(minutes(130)));
        harness.processWatermark(minutes(200).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::startTs, Alert::endTs)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BEGINNING, null),
                        org.assertj.core.groups.Tuple.tuple(BEGINNING, minutes(130)));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldKeepTheStopThroughTheSealsEvents() throws Exception {
        stoppedEveryMinuteUntil(45);
        feed(harness, sealEvent(TripSignal.Kind.TAMPER, minutes(45.5)), sealEvent(TripSignal.Kind.POWER_OFF, minutes(46)),
                sealEvent(TripSignal.Kind.POWER_ON, minutes(46.5)), sealEvent(TripSignal.Kind.LOW_BATTERY, minutes(47)));
        for (int minute = 47; minute <= 91; minute++) {
            feed(harness, stopped(minutes(minute)));
        }
        harness.processWatermark(minutes(91).toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::startTs, Alert::endTs)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BEGINNING, null));
    }
}
