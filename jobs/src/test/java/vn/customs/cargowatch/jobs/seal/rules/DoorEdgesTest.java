package vn.customs.cargowatch.jobs.seal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.Signals.*;

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
import vn.customs.cargowatch.model.DoorState;

/** The door patterns raise exactly the same alerts on a trip's door changes as on every door observation. */
class DoorEdgesTest {

    private static List<Alert> alerts(List<TripSignal> signals) throws Exception {
        List<Alert> alerts = new ArrayList<>();
        for (var pattern : List.of(DoorOpenedPatterns.raised(), DoorOpenedPatterns.ended())) {
            var harness = Harnesses.cep(pattern, new DoorOpenedPatterns.ToAlert());
            Harnesses.feed(harness, signals.toArray(TripSignal[]::new));
            harness.processWatermark(Long.MAX_VALUE - 1);
            alerts.addAll(Harnesses.alerts(harness));
        }
        return alerts;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TripSignal, TripSignal> harness() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DoorEdges()),
                TripSignal::imei, Types.STRING);
        harness.open();
        return harness;
    }

    private static List<TripSignal> changes(List<TripSignal> signals) throws Exception {
        var harness = harness();
        for (TripSignal signal : signals) {
            harness.processElement(signal, signal.millis());
        }
        return harness.extractOutputValues();
    }

    @Test
    void shouldRaiseTheSameAlertsOnTheDoorsChangesAsOnEveryObservation() throws Exception {
        Random random = new Random(5);
        int withAlerts = 0;
        for (int trip = 0; trip < 150; trip++) {
            List<TripSignal> signals = new ArrayList<>(List.of(activated(BEGINNING)));
            DoorState state = DoorState.CLOSED;
            for (double minute = 0.5; minute < 120; minute += 0.5) {
                if (random.nextInt(15) == 0) {
                    state = state == DoorState.OPEN ? DoorState.CLOSED : DoorState.OPEN;
                }
                signals.add(random.nextInt(6) == 0 ? door(minutes(minute), state)
                        : fixAt(minutes(minute), LAT, LON, 20, 50, null, random.nextInt(5) == 0 ? null : state));
            }
            if (random.nextBoolean()) {
                signals.add(ended(minutes(121)));
            }
            List<TripSignal> relevant = signals.stream().filter(DoorOpenedPatterns::isRelevant).toList();
            List<Alert> onEveryObservation = alerts(relevant);

            assertThat(alerts(changes(relevant))).as("trip %d", trip).isEqualTo(onEveryObservation);
            withAlerts += onEveryObservation.isEmpty() ? 0 : 1;
        }
        assertThat(withAlerts).isGreaterThan(100);
    }

    @Test
    void shouldHandOnOnlyTheChangesAndClearItsStateAtTheTripsEnd() throws Exception {
        var harness = harness();
        List<TripSignal> signals = List.of(activated(BEGINNING),
                fixAt(minutes(1), LAT, LON, 20, 50, null, DoorState.CLOSED),
                door(minutes(2), DoorState.OPEN), fixAt(minutes(3), LAT, LON, 20, 50, null, DoorState.OPEN),
                fixAt(minutes(4), LAT, LON, 20, 50, null, DoorState.CLOSED), ended(minutes(5)));
        for (TripSignal signal : signals) {
            harness.processElement(signal, signal.millis());
        }

        assertThat(harness.extractOutputValues()).extracting(TripSignal::ts)
                .containsExactly(BEGINNING, minutes(2), minutes(4), minutes(5));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldTakeBackADoorRaisedOnArrivalWhenEventTimeFindsTheDoorOpenAlready() throws Exception {
        var harness = harness();
        for (TripSignal signal : List.of(activated(BEGINNING), door(minutes(2), DoorState.OPEN),
                door(minutes(3), DoorState.OPEN).asRaisedOnArrival())) {
            harness.processElement(signal, signal.millis());
        }

        assertThat(harness.getSideOutput(DoorEdges.WITHDRAWN)).singleElement().satisfies(record -> {
            assertThat(record.getValue().alertId())
                    .isEqualTo(Alert.idOf(vn.customs.cargowatch.model.AlertType.DOOR_OPENED, TRIP, minutes(3)));
            assertThat(record.getValue().state()).isEqualTo(vn.customs.cargowatch.model.AlertState.CLOSED);
        });
        assertThat(harness.extractOutputValues()).extracting(TripSignal::ts).containsExactly(BEGINNING, minutes(2));
    }

    @Test
    void shouldLetADoorRaisedOnArrivalStandWhenItIsAChange() throws Exception {
        var harness = harness();
        for (TripSignal signal : List.of(activated(BEGINNING), door(minutes(3), DoorState.OPEN).asRaisedOnArrival())) {
            harness.processElement(signal, signal.millis());
        }

        assertThat(harness.getSideOutput(DoorEdges.WITHDRAWN)).isNullOrEmpty();
    }
}
