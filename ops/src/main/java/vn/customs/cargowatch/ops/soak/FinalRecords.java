package vn.customs.cargowatch.ops.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.customs.cargowatch.model.Json;

/**
 * What a replay's output folder finally says, in a form two runs can be compared by, whatever order their subtasks
 * interleaved in: an output that keeps one current record per key (an alert by {@code alertId}, a gate match by
 * {@code eventId}, a trip's status and its closing, a yard entry by ICD and container, a camera incident) by its last
 * record per key; an output that is a log (history, track points, review list, dead letters, SMS) by its records as a
 * sorted multiset. The fields that hold the wall clock, a dead letter's {@code ts} (when it was written) and an SMS's
 * {@code sentAt}, are left out.
 */
public record FinalRecords(Map<String, List<String>> byOutput) {

    /** The outputs compared, with the fields that identify a record of those kept one per key (none: a log). */
    static final Map<String, List<String>> OUTPUTS = outputs();

    private static Map<String, List<String>> outputs() {
        Map<String, List<String>> outputs = new LinkedHashMap<>();
        outputs.put("alerts.jsonl", List.of("alertId"));
        outputs.put("alerts.history.jsonl", List.of());
        outputs.put("trips.status.jsonl", List.of("tripId"));
        outputs.put("trips.registrations.jsonl", List.of("tripId"));
        outputs.put("trips.track.jsonl", List.of());
        outputs.put("gate.matches.jsonl", List.of("eventId"));
        outputs.put("yard.inventory.jsonl", List.of("icdCode", "containerNo"));
        outputs.put("gate.review.jsonl", List.of());
        outputs.put("trips.closings.jsonl", List.of("tripId"));
        outputs.put("cameras.incidents.jsonl", List.of("incidentId"));
        outputs.put("deadletter.jsonl", List.of());
        outputs.put("sms.jsonl", List.of());
        return outputs;
    }

    /** The field of an output's records that says when it was written, not what happened. */
    private static final Map<String, String> WALL_CLOCK = Map.of("deadletter.jsonl", "ts", "sms.jsonl", "sentAt");

    public static FinalRecords of(Path folder) {
        Map<String, List<String>> byOutput = new LinkedHashMap<>();
        OUTPUTS.forEach((file, identity) -> byOutput.put(file, finalLines(folder.resolve(file), identity)));
        return new FinalRecords(byOutput);
    }

    /**
     * These final records with each log's repeats dropped, for an output delivered at least once (a Kafka sink after a
     * restore writes again what it wrote since the checkpoint); the outputs kept one per key are unchanged by it.
     */
    public FinalRecords withoutRepeats() {
        Map<String, List<String>> distinct = new LinkedHashMap<>();
        byOutput.forEach((file, lines) -> distinct.put(file, lines.stream().distinct().toList()));
        return new FinalRecords(distinct);
    }

    /** These final records of {@code files} only (an output another sink does not write, such as the SMS, left out). */
    public FinalRecords only(Collection<String> files) {
        Map<String, List<String>> kept = new LinkedHashMap<>(byOutput);
        kept.keySet().retainAll(files);
        return new FinalRecords(kept);
    }

    /** Each output's records here and not in the reference, or there and not here, a few of each: empty when same. */
    public List<String> differencesFrom(FinalRecords reference, int examplesPerOutput) {
        List<String> differences = new ArrayList<>();
        byOutput.forEach((file, lines) -> {
            List<String> onlyInReference = minus(reference.byOutput.get(file), lines);
            List<String> onlyHere = minus(lines, reference.byOutput.get(file));
            if (!onlyInReference.isEmpty() || !onlyHere.isEmpty()) {
                differences.add(file + ": " + onlyInReference.size() + " final records only in the reference, "
                        + onlyHere.size() + " only in this run");
                onlyInReference.stream().limit(examplesPerOutput)
                        .forEach(line -> differences.add("  reference: " + line));
                onlyHere.stream().limit(examplesPerOutput).forEach(line -> differences.add("  this run:  " + line));
            }
        });
        return differences;
    }

    /** How many final records each output has. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        byOutput.forEach((file, lines) -> counts.put(file, lines.size()));
        return counts;
    }

    private static List<String> finalLines(Path file, List<String> identity) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String wallClock = WALL_CLOCK.get(file.getFileName().toString());
        if (wallClock != null) {
            lines = lines.stream().map(line -> without(line, wallClock)).toList();
        }
        if (identity.isEmpty()) {
            return lines.stream().sorted().toList();
        }
        Map<String, String> lastByKey = new TreeMap<>();
        for (String line : lines) {
            lastByKey.put(keyOf(line, identity), line);
        }
        return lastByKey.values().stream().sorted().toList();
    }

    private static String without(String line, String field) {
        try {
            JsonNode record = Json.mapper().readTree(line);
            if (record instanceof ObjectNode object) {
                object.remove(field);
            }
            return Json.mapper().writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON record: " + line, e);
        }
    }

    private static String keyOf(String line, List<String> identity) {
        try {
            JsonNode record = Json.mapper().readTree(line);
            StringBuilder key = new StringBuilder();
            for (String field : identity) {
                key.append(record.path(field).asText()).append('\u0000');
            }
            return key.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON record: " + line, e);
        }
    }

    /** The lines of {@code a} not matched one for one in {@code b} (both sorted). */
    private static List<String> minus(List<String> a, List<String> b) {
        List<String> left = new ArrayList<>();
        int j = 0;
        for (String line : a) {
            while (j < b.size() && b.get(j).compareTo(line) < 0) {
                j++;
            }
            if (j < b.size() && b.get(j).equals(line)) {
                j++;
            } else {
                left.add(line);
            }
        }
        return left;
    }
}
