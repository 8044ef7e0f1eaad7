package vn.customs.cargowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.simulator.Scenario;
import vn.customs.cargowatch.ops.simulator.SealTrafficSimulator;

/**
 * The peer end to end on the simulator's staged day (the demo's: seed 7, 36 trips): every trip raises, of the five
 * rules, exactly the alerts the simulator built it to raise — as the pipeline does in {@code DemoDayIT}.
 */
class PeerMainTest {

    /** The demo's day ({@code SimulateCommand.DEMO_DAY}): midnight in Vietnam, 22 November 2026. */
    private static final Instant DAY = Instant.parse("2026-11-21T17:00:00Z");

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int peer(String... args) {
        return PeerMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldRaiseTheStagedAlertsOfTheSimulatedDay() throws Exception {
        SealTrafficSimulator day = new SealTrafficSimulator(7, SealTrafficSimulator.DEFAULT_TRIPS, DAY);
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        day.writeTo(input);

        assertThat(peer("--input", input.toString(), "--output", output.toString())).isZero();

        Map<String, Set<AlertType>> raised = new TreeMap<>();
        PeerComparison.finalAlerts(output.resolve(Topic.ALERTS.fileName())).values().forEach(alert ->
                raised.computeIfAbsent(alert.tripId(), trip -> EnumSet.noneOf(AlertType.class)).add(alert.type()));
        for (Scenario trip : day.scenarios()) {
            Set<AlertType> expected = EnumSet.noneOf(AlertType.class);
            expected.addAll(trip.expectedAlerts());
            expected.retainAll(PeerComparison.SEAL_RULES);
            Set<AlertType> actual = raised.getOrDefault(trip.tripId(), Set.of());
            if (trip.rule() == Scenario.Rule.CONTAINER_NOT_ARRIVED) {
                // It parks near its destination and falls silent: a stop that began 90 minutes before the deadline
                // passes the 90-minute mark too (as in DemoDayIT).
                Set<AlertType> withStop = EnumSet.copyOf(expected);
                withStop.add(AlertType.STOP_OVER_90_MIN);
                assertThat(actual).as(trip.tripId() + " " + trip.rule()).containsAll(expected).isSubsetOf(withStop);
            } else {
                assertThat(actual).as(trip.tripId() + " " + trip.rule() + " " + trip.variant()).isEqualTo(expected);
            }
        }
        assertThat(raised.keySet()).isSubsetOf(day.scenarios().stream().map(Scenario::tripId).toList());

        JsonNode counts = Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(counts.get("fixes").asLong()).isEqualTo(lines(input.resolve(Topic.SEAL_FIXES.fileName())));
        assertThat(counts.get("alerts").asLong()).isEqualTo(lines(output.resolve(Topic.ALERTS.fileName())));
        assertThat(counts.get("deadLetters").asLong()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldSayInOneLineThatTheInputFolderIsMissing() {
        assertThat(peer("--input", work.resolve("nowhere").toString(), "--output", work.resolve("out").toString()))
                .isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "peer: the input folder " + work.resolve("nowhere") + " does not exist" + System.lineSeparator());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldSayInOneLineWhichOptionIsMissing() {
        assertThat(peer("--input", work.toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("peer: missing --output");
    }

    private static long lines(Path file) throws Exception {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }
}
