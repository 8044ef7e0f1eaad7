package vn.customs.cargowatch.jobs.seal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.Harnesses.alerts;
import static vn.customs.cargowatch.jobs.seal.Harnesses.feed;
import static vn.customs.cargowatch.jobs.seal.Signals.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.seal.Harnesses;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.DoorState;

/** Both patterns run side by side, as in the job, and their alerts are read together. */
class WrongRoutePatternsTest {

    private static final Duration MIN = Duration.ofMinutes(2);

    private KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> raised;
    private KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> ended;

    @BeforeEach
    void setUp() throws Exception {
        raised = Harnesses.cep(WrongRoutePatterns.raised(MIN), new WrongRoutePatterns.ToAlert(MIN));
        ended = Harnesses.cep(WrongRoutePatterns.ended(MIN), new WrongRoutePatterns.ToAlert(MIN));
    }

    private void drive(List<TripSignal> signals) throws Exception {
        for (var harness : List.of(raised, ended)) {
            feed(harness, activated(BEGINNING));
            feed(harness, signals.toArray(TripSignal[]::new));
            harness.processWatermark(minutes(600).toEpochMilli());
        }
    }

    private List<Alert> alertsRaised() {
        return alerts(raised);
    }

    private List<Alert> alertsEnded() {
        return alerts(ended);
    }

    /** Fixes every 30 s: on route until {@code leaveAt}, {@code meters} off until {@code backAt}, then on. */
    private static List<TripSignal> excursion(double leaveAt, double backAt, double meters) {
        List<TripSignal> fixes = new ArrayList<>();
        for (double minute = 0.5; minute <= backAt + 3; minute += 0.5) {
            boolean off = minute >= leaveAt && minute < backAt;
            fixes.add(fix(minutes(minute), off ? meters : 30, 50));
        }
        return fixes;
    }

    @Test
    void shouldNotAlertOnOneStrayFix() throws Exception {
        drive(excursion(10, 10.5, 3_000));

        assertThat(alertsRaised()).isEmpty();
        assertThat(alertsEnded()).isEmpty();
    }

    @Test
    void shouldNotAlertOnAnExcursionShorterThanTheMinimumDuration() throws Exception {
        drive(excursion(10, 12, 3_000)); // off at 10, 10.5, 11, 11.5: 1.5 min between first and last

        assertThat(alertsRaised()).isEmpty();
        assertThat(alertsEnded()).isEmpty();
    }

    @Test
    void shouldAlertOnceTheExcursionLastsTheMinimumDuration() throws Exception {
        drive(excursion(10, 12.5, 3_000)); // off from 10 to 12: 2 min

        assertThat(alertsRaised()).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.WRONG_ROUTE);
            assertThat(alert.startTs()).isEqualTo(minutes(10));
            assertThat(alert.detectedAt()).isEqualTo(minutes(12));
            assertThat(alert.details()).returns(3000.0, AlertDetails::distanceMeters);
        });
        assertThat(alertsEnded()).singleElement().satisfies(end -> {
            assertThat(end.alertId()).isEqualTo(alertsRaised().get(0).alertId());
            assertThat(end.endTs()).isEqualTo(minutes(12.5));
        });
    }

    @Test
    void shouldRaiseOneAlertForAnHourOffRoute() throws Exception {
        drive(excursion(10, 70, 4_000));

        assertThat(alertsRaised()).hasSize(1);
        assertThat(alertsEnded()).extracting(Alert::endTs).containsExactly(minutes(70));
    }

    @Test
    void shouldTreatFourHundredNinetyMetresAsInsideAndFiveHundredTenAsOutside() throws Exception {
        drive(excursion(10, 30, 490));
        assertThat(alertsRaised()).isEmpty();

        setUp();
        drive(excursion(10, 30, 510));
        assertThat(alertsRaised()).hasSize(1);
    }

    @Test
    void shouldRaiseTwoAlertsForTwoSeparateExcursions() throws Exception {
        List<TripSignal> fixes = new ArrayList<>(excursion(10, 15, 2_000));
        fixes.addAll(excursion(40, 45, 2_000).stream().filter(f -> f.ts().isAfter(minutes(19))).toList());
        drive(fixes);

        assertThat(alertsRaised()).extracting(Alert::startTs).containsExactly(minutes(10), minutes(40));
        assertThat(alertsEnded()).extracting(Alert::endTs).containsExactly(minutes(15), minutes(45));
    }

    @Test
    void shouldGiveTheSameAlertWhenFixesArriveOutOfOrderWithinTheWatermark() throws Exception {
        List<TripSignal> shuffled = new ArrayList<>(excursion(10, 20, 3_000));
        Collections.shuffle(shuffled, new Random(42));
        drive(shuffled);

        assertThat(alertsRaised()).extracting(Alert::startTs).containsExactly(minutes(10));
        assertThat(alertsEnded()).extracting(Alert::endTs).containsExactly(minutes(20));
    }

    @Test
    void shouldEndTheExcursionWhenTheTripEnds() throws Exception {
        List<TripSignal> fixes = new ArrayList<>(excursion(10, 30, 3_000).subList(0, 50));
        fixes.add(ended(minutes(26)));
        drive(fixes);

        assertThat(alertsEnded()).extracting(Alert::endTs).containsExactly(minutes(26));
    }

    /** In the job the route patterns see only the signals {@link WrongRoutePatterns#isRelevant} lets through. */
    @Test
    void shouldNotLetTheSealsEventsBreakAnExcursion() throws Exception {
        List<TripSignal> signals = new ArrayList<>(excursion(10, 15, 3_000));
        signals.add(sealEvent(TripSignal.Kind.TAMPER, minutes(11.25)));
        signals.add(sealEvent(TripSignal.Kind.POWER_OFF, minutes(11.75)));
        signals.add(sealEvent(TripSignal.Kind.POWER_ON, minutes(12.25)));
        signals.add(sealEvent(TripSignal.Kind.LOW_BATTERY, minutes(12.75)));
        signals.add(door(minutes(13.25), DoorState.CLOSED));
        signals.sort(Comparator.comparing(TripSignal::ts));
        drive(signals.stream().filter(WrongRoutePatterns::isRelevant).toList());

        assertThat(alertsRaised()).extracting(Alert::startTs).containsExactly(minutes(10));
        assertThat(alertsEnded()).extracting(Alert::endTs).containsExactly(minutes(15));
    }
}
