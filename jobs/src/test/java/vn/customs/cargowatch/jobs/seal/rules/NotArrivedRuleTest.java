package vn.customs.cargowatch.jobs.seal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.Harnesses.alerts;
import static vn.customs.cargowatch.jobs.seal.Harnesses.feed;
import static vn.customs.cargowatch.jobs.seal.Signals.*;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.seal.Harnesses;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;

class NotArrivedRuleTest {

    private static final Instant GRACE_MINUS_ONE_MINUTE = EXPECTED_END.plus(Duration.ofMinutes(29));
    private static final Instant GRACE_PLUS_ONE_MINUTE = EXPECTED_END.plus(Duration.ofMinutes(31));

    private KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = Harnesses.keyed(new NotArrivedRule(SealSettings.defaults()));
        feed(harness, activated(BEGINNING), moving(minutes(10)));
    }

    @Test
    void shouldNotAlertTwentyNineMinutesAfterTheExpectedEnd() throws Exception {
        harness.processWatermark(GRACE_MINUS_ONE_MINUTE.toEpochMilli());

        assertThat(alerts(harness)).isEmpty();
    }

    @Test
    void shouldAlertThirtyOneMinutesAfterTheExpectedEndWhereTheTruckWasLastSeen() throws Exception {
        harness.processWatermark(GRACE_PLUS_ONE_MINUTE.toEpochMilli());

        assertThat(alerts(harness)).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.CONTAINER_NOT_ARRIVED);
            assertThat(alert.startTs()).isEqualTo(EXPECTED_END);
            assertThat(alert.lat()).isEqualTo(LAT);
            assertThat(alert.containerNo()).isEqualTo(CONTAINER);
        });
    }

    @Test
    void shouldNotAlertWhenTheContainerArrivesBeforeTheDeadlineAndClearState() throws Exception {
        feed(harness, ended(EXPECTED_END.minusSeconds(60)));
        harness.processWatermark(GRACE_PLUS_ONE_MINUTE.toEpochMilli());

        assertThat(alerts(harness)).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldEndTheAlertWhenTheContainerArrivesLate() throws Exception {
        harness.processWatermark(GRACE_PLUS_ONE_MINUTE.toEpochMilli());
        Instant lateArrival = EXPECTED_END.plus(Duration.ofHours(2));
        feed(harness, ended(lateArrival));
        harness.processWatermark(lateArrival.toEpochMilli());

        assertThat(alerts(harness)).extracting(Alert::endTs).containsExactly(null, lateArrival);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldMoveTheDeadlineWhenTheDestinationChanges() throws Exception {
        Instant newExpectedEnd = EXPECTED_END.plus(Duration.ofHours(2));
        feed(harness, destinationChanged(minutes(60), newExpectedEnd));
        harness.processWatermark(GRACE_PLUS_ONE_MINUTE.toEpochMilli());
        assertThat(alerts(harness)).isEmpty();

        harness.processWatermark(newExpectedEnd.plus(Duration.ofMinutes(31)).toEpochMilli());
        assertThat(alerts(harness)).extracting(Alert::startTs).containsExactly(newExpectedEnd);
    }

    @Test
    void shouldNotTreatTheEndOfAFiniteInputAsTheDeadline() throws Exception {
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(alerts(harness)).isEmpty();
    }

    /** A watermark jumping past the deadline at once changes nothing: the alert sits where the truck was then. */
    @Test
    void shouldPlaceTheAlertWhereTheTruckWasAtTheDeadlineWhenLaterFixesArriveFirst() throws Exception {
        Instant beforeDeadline = EXPECTED_END.plus(Duration.ofMinutes(20));
        Instant afterDeadline = EXPECTED_END.plus(Duration.ofMinutes(50));
        feed(harness, fixAt(beforeDeadline, LAT, LON, 20, 30, null, null),
                fixAt(afterDeadline, LAT + 0.1, LON, 20, 30, null, null));
        harness.processWatermark(afterDeadline.toEpochMilli());

        assertThat(alerts(harness)).singleElement().satisfies(alert -> {
            assertThat(alert.lat()).isEqualTo(LAT);
            assertThat(alert.details()).returns(beforeDeadline.toString(), AlertDetails::lastSeen);
        });
    }
}
