package vn.customs.cargowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Json;

class PeerComparisonTest {

    private static final Instant START = Instant.parse("2026-11-22T03:00:00Z");

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private static Alert alert(AlertType type, String tripId, Instant start) {
        return new Alert(Alert.idOf(type, tripId, start), type, type.severity(), tripId, null, null, start, start, null,
                null, null, null, null, null, AlertDetails.NONE, AlertState.OPEN);
    }

    private Path file(String name, Alert... alerts) throws Exception {
        Path file = work.resolve(name);
        Files.writeString(file, Arrays.stream(alerts).map(Json::write).collect(Collectors.joining("\n", "", "\n")));
        return file;
    }

    private int compare(Path first, Path second) {
        return PeerComparison.run(new String[] {first.toString(), second.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    }

    @Test
    void shouldFindTheSameTripsAndTypesWhateverTheVersionsAndOtherTypes() throws Exception {
        Alert wrongRoute = alert(AlertType.WRONG_ROUTE, "TR-1", START);
        Path pipeline = file("pipeline.jsonl", wrongRoute, alert(AlertType.SIGNAL_LOST, "TR-2", START),
                wrongRoute.withEnd(START.plusSeconds(600)), alert(AlertType.SEAL_LOW_BATTERY, "TR-3", START));
        Path peer = file("peer.jsonl", wrongRoute, alert(AlertType.SIGNAL_LOST, "TR-2", START.plusSeconds(30)));

        assertThat(compare(pipeline, peer)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("same trips, same types: 2 (trip, type) pairs")
                .contains("alert ids: 1 shared, of 2 and 2");
    }

    @Test
    void shouldListWhatOnlyOneSideRaised() throws Exception {
        Path pipeline = file("pipeline.jsonl", alert(AlertType.STOP_OVER_90_MIN, "TR-1", START),
                alert(AlertType.DOOR_OPENED, "TR-2", START));
        Path peer = file("peer.jsonl", alert(AlertType.STOP_OVER_90_MIN, "TR-1", START),
                alert(AlertType.DOOR_OPENED, "TR-3", START));

        assertThat(compare(pipeline, peer)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("only in first:  TR-2 DOOR_OPENED")
                .contains("only in second: TR-3 DOOR_OPENED");
    }

    @Test
    void shouldTakeAFolderForItsAlertsFile() throws Exception {
        Path folder = Files.createDirectories(work.resolve("out"));
        Alert alert = alert(AlertType.CONTAINER_NOT_ARRIVED, "TR-1", START);
        file("out/alerts.jsonl", alert);

        assertThat(compare(folder, file("peer.jsonl", alert))).isZero();
    }
}
