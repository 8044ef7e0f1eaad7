package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.YardEntry;
import vn.customs.cargowatch.ops.simulator.GateScenario;
import vn.customs.cargowatch.ops.simulator.Scenario;
import vn.customs.cargowatch.ops.simulator.SealTrafficSimulator;

/**
 * The demo's day, replayed: every trip raises exactly the alerts the simulator built it to raise, every
 * gate recognition gets the result and barrier it was staged for, and the yards at the end of the day are
 * what went in minus what went out.
 */
class DemoDayIT {

    @TempDir
    Path work;

    @Test
    void shouldDoWhatTheSimulatedDayWasBuiltFor() throws Exception {
        SealTrafficSimulator day = new SealTrafficSimulator(7, 36, SimulateCommand.DEMO_DAY);
        day.writeTo(work.resolve("in"));
        Path output = work.resolve("out");
        assertThat(Cargowatch.run("replay", "--input", work.resolve("in").toString(), "--output", output.toString()))
                .isZero();
        OutputFolder out = new OutputFolder(output);

        Map<String, Set<AlertType>> alertsByTrip = new TreeMap<>();
        for (Alert alert : out.finalAlerts().values()) {
            if (alert.tripId() != null && alert.type() != AlertType.RISK_CONTAINER) {
                alertsByTrip.computeIfAbsent(alert.tripId(), trip -> new TreeSet<>()).add(alert.type());
            }
        }
        for (Scenario trip : day.scenarios()) {
            Set<AlertType> raised = alertsByTrip.getOrDefault(trip.tripId(), Set.of());
            if (trip.rule() == Scenario.Rule.CONTAINER_NOT_ARRIVED) {
                // It parks near its destination and its seal falls silent: a stop that began 90 minutes before
                // the deadline also passes the 90-minute mark "even if no fix arrives afterwards" (contract).
                Set<AlertType> withStop = new TreeSet<>(trip.expectedAlerts());
                withStop.add(AlertType.STOP_OVER_90_MIN);
                assertThat(raised).as(trip.tripId() + " " + trip.rule())
                        .containsAll(trip.expectedAlerts()).isSubsetOf(withStop);
            } else {
                assertThat(raised).as(trip.tripId() + " " + trip.rule()).isEqualTo(trip.expectedAlerts());
            }
        }

        Map<String, GateMatch> matches = new HashMap<>();
        out.records(Topic.GATE_MATCHES).forEach(match -> matches.put(match.eventId(), match));
        for (GateScenario truck : day.gateScenarios()) {
            assertThat(matches.get(truck.eventId())).as(truck.eventId() + " " + truck.problem()).satisfies(match -> {
                assertThat(match.result()).isEqualTo(truck.expectedResult());
                assertThat(match.barrier()).isEqualTo(truck.expectedBarrier());
            });
        }

        Map<String, Set<String>> yards = new TreeMap<>();
        for (YardEntry entry : out.records(Topic.YARD_INVENTORY)) {
            Set<String> yard = yards.computeIfAbsent(entry.icdCode(), icd -> new TreeSet<>());
            if (entry.op() == YardEntry.Op.UPSERT) {
                yard.add(entry.containerNo());
            } else {
                yard.remove(entry.containerNo());
            }
        }
        assertThat(yards).isEqualTo(day.expectedYard().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> new TreeSet<>(entry.getValue()), (a, b) -> a,
                        TreeMap::new)));
        assertThat(out.deadLetters()).isEmpty();
    }
}
