package vn.customs.cargowatch.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * Builds an embedded-mode input folder. Each topic's file lists its lines in arrival order, which is
 * event-time order unless a record is added as arriving late — the way a topic fills in production.
 */
final class InputFolder {

    private record Line(long arrival, String text) {}

    private final Map<Topic<?>, List<Line>> lines = new LinkedHashMap<>();

    <T> InputFolder add(Topic<T> topic, T record) {
        return addLine(topic, Json.write(record));
    }

    /** A record that reaches the topic {@code delay} after its own event time. */
    <T> InputFolder addArrivingLate(Topic<T> topic, T record, Duration delay) {
        String text = Json.write(record);
        lines.computeIfAbsent(topic, t -> new ArrayList<>()).add(new Line(Json.eventTimeOf(text) + delay.toMillis(), text));
        return this;
    }

    /** A raw line reaching the topic at {@code arrival}, whatever its own time says. */
    InputFolder addLineArrivingAt(Topic<?> topic, String line, java.time.Instant arrival) {
        lines.computeIfAbsent(topic, t -> new ArrayList<>()).add(new Line(arrival.toEpochMilli(), line));
        return this;
    }

    /** A raw line (good or bad), arriving at its event time when it has one, else in the order added. */
    InputFolder addLine(Topic<?> topic, String line) {
        long ts = Json.eventTimeOf(line);
        List<Line> topicLines = lines.computeIfAbsent(topic, t -> new ArrayList<>());
        long arrival = ts != Long.MIN_VALUE ? ts
                : topicLines.isEmpty() ? Long.MIN_VALUE : topicLines.get(topicLines.size() - 1).arrival();
        topicLines.add(new Line(arrival, line));
        return this;
    }

    Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (var topic : lines.entrySet()) {
            List<String> inArrivalOrder = topic.getValue().stream()
                    .sorted(Comparator.comparingLong(Line::arrival))
                    .map(Line::text)
                    .toList();
            Files.write(dir.resolve(topic.getKey().fileName()), inArrivalOrder, StandardCharsets.UTF_8);
        }
        return dir;
    }
}
