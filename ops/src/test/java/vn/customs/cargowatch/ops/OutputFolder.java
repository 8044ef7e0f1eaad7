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
        return lines(topic.fileName(), topic.type());
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

    /** Who was texted what, as an SMSC would see it. */
    record Sms(String recipient, String text) {}

    /** The SMS of {@code sms.jsonl}, where a replay without an SMSC sends them. */
    List<Sms> sms() throws IOException {
        return lines("sms.jsonl", Sms.class);
    }

    private <T> List<T> lines(String fileName, Class<T> type) throws IOException {
        Path file = dir.resolve(fileName);
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(line -> {
            try {
                return Json.read(line, type);
            } catch (Json.Rejected e) {
                throw new AssertionError(fileName + ": a line does not parse: " + line + ": " + e.getMessage());
            }
        }).toList();
    }
}
