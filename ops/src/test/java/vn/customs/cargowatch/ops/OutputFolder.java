package vn.customs.cargowatch.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripStatus;

/** Reads a replay's output folder back as records. */
record OutputFolder(Path dir) {

    <T> List<T> records(Topic<T> topic) throws IOException {
        Path file = dir.resolve(topic.fileName());
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(line -> {
            try {
                return Json.read(line, topic.type());
            } catch (Json.Rejected e) {
                throw new AssertionError("output line does not parse: " + line + ": " + e.getMessage());
            }
        }).toList();
    }

    /** Each alert as last emitted: the episode's final state. */
    Map<String, Alert> finalAlerts() throws IOException {
        Map<String, Alert> alerts = new LinkedHashMap<>();
        records(Topic.ALERTS).forEach(alert -> alerts.put(alert.alertId(), alert));
        return alerts;
    }

    Map<String, TripStatus> finalStatuses() throws IOException {
        Map<String, TripStatus> statuses = new LinkedHashMap<>();
        records(Topic.TRIPS_STATUS).forEach(status -> statuses.put(status.tripId(), status));
        return statuses;
    }

    List<DeadLetter> deadLetters() throws IOException {
        return records(Topic.DEADLETTER);
    }
}
