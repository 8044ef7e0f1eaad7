package vn.customs.cargowatch.jobs.seal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.Signals.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.seal.Harnesses;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;

/** The wrong-route patterns raise exactly the same alerts on a trip's edges as on every one of its fixes. */
class RouteEdgesTest {

    private static final Duration MIN = Duration.ofMinutes(2);

    /** Both patterns' alerts, raised then ended, for these signals, after the trip's activation. */
    private static List<Alert> alerts(List<TripSignal> signals) throws Exception {
        List<Alert> alerts = new ArrayList<>();
        for (var pattern : List.of(WrongRoutePatterns.raised(MIN), WrongRoutePatterns.ended(MIN))) {
            var harness = Harnesses.cep(pattern, new WrongRoutePatterns.ToAlert(MIN));
            Harnesses.feed(harness, signals.toArray(TripSignal[]::new));
            harness.processWatermark(Long.MAX_VALUE - 1);
            alerts.addAll(Harnesses.alerts(harness));
        }
        return alerts;
    }

    private static List<TripSignal> edges(List<TripSignal> signals) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RouteEdges(MIN)),
                TripSignal::imei, Types.STRING);
        harness.open();
        for (TripSignal signal : signals) {
            harness.processElement(signal, signal.millis());
        }
        return harness.extractOutputValues();
    }

    /** A trip's fixes every 30 s, each inside, outside (at a random distance) or on an unknown route. */
    private static List<TripSignal> randomTrip(Random random) {
        List<TripSignal> signals = new ArrayList<>(List.of(activated(BEGINNING)));
        int place = 0;
        for (double minute = 0.5; minute < 120; minute += 0.5) {
            if (random.nextInt(8) == 0) {
                place = random.nextInt(10) == 0 ? 2 : 1 - Math.min(place, 1); // mostly in or out, seldom unknown
            }
            if (random.nextInt(100) == 0) {
                signals.add(destinationChanged(minutes(minute), EXPECTED_END.plusSeconds(3600)));
                continue;
            }
            TripSignal fix = fix(minutes(minute), place == 0 ? 40 : 600 + random.nextInt(3000), 50);
            signals.add(place == 2 ? new TripSignal(fix.kind(), fix.imei(), fix.tripId(), fix.containerNo(),
                    fix.branchCode(), fix.departmentCode(), fix.ts(), fix.lat(), fix.lon(), fix.speedKmh(), null,
                    fix.corridorMeters(), null, null, null, fix.expectedEnd(), null) : fix);
        }
        if (random.nextBoolean()) {
            signals.add(ended(minutes(121)));
        }
        return signals;
    }

    @Test
    void shouldRaiseTheSameAlertsOnTheEdgesAsOnEveryFix() throws Exception {
        Random random = new Random(11);
        int withAlerts = 0;
        for (int trip = 0; trip < 150; trip++) {
            List<TripSignal> signals = randomTrip(random);
            List<Alert> onEveryFix = alerts(signals);
            List<TripSignal> edges = edges(signals);

            assertThat(alerts(edges)).as("trip %d", trip).isEqualTo(onEveryFix);
            assertThat(edges.size()).as("trip %d: fewer signals", trip).isLessThan(signals.size());
            withAlerts += onEveryFix.isEmpty() ? 0 : 1;
        }
        assertThat(withAlerts).as("trips that raised something").isGreaterThan(100);
    }

    @Test
    void shouldHandOnTheFixThatCompletesTheMinimumDurationAt110VersusOn130Seconds() throws Exception {
        List<TripSignal> shortExcursion = List.of(activated(BEGINNING), fix(minutes(1), 40, 50),
                fix(minutes(2), 900, 50), fix(minutes(2).plusSeconds(110), 900, 50), fix(minutes(5), 40, 50));
        List<TripSignal> longExcursion = List.of(activated(BEGINNING), fix(minutes(1), 40, 50),
                fix(minutes(2), 900, 50), fix(minutes(2).plusSeconds(130), 900, 50), fix(minutes(5), 40, 50));

        assertThat(edges(shortExcursion)).extracting(TripSignal::ts)
                .containsExactly(BEGINNING, minutes(1), minutes(2), minutes(5));
        assertThat(alerts(edges(shortExcursion))).isEmpty();
        assertThat(edges(longExcursion)).extracting(TripSignal::ts)
                .containsExactly(BEGINNING, minutes(1), minutes(2), minutes(2).plusSeconds(130), minutes(5));
        assertThat(alerts(edges(longExcursion))).extracting(Alert::detectedAt)
                .containsExactly(minutes(2).plusSeconds(130), minutes(2).plusSeconds(130));
    }

    @Test
    void shouldClearItsStateWhenTheTripEnds() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RouteEdges(MIN)),
                TripSignal::imei, Types.STRING);
        harness.open();
        for (TripSignal signal : List.of(activated(BEGINNING), fix(minutes(1), 900, 50), ended(minutes(2)))) {
            harness.processElement(signal, signal.millis());
        }

        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
