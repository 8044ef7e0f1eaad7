package vn.customs.cargowatch.ops.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import vn.customs.cargowatch.connectors.files.ByteLines;
import vn.customs.cargowatch.connectors.sms.SentSms;
import vn.customs.cargowatch.connectors.sms.SmsLedger;
import vn.customs.cargowatch.jobs.common.UnusedInputs;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.YardEntry;

/**
 * What a replay did, read back from its input and output files and the job's result: records read per topic and
 * those not used, by reason (every record read is used, dead-lettered or counted as not used), alerts by type
 * (episodes, not emissions), trips by final state, gate matches by result, the yards at the end, the shift review
 * list, dead letters by topic and reason.
 */
public record ReplaySummary(
        Map<String, Long> recordsRead,
        Map<String, Map<String, Long>> notUsed,
        Map<String, Long> alertsByType,
        Map<String, Long> tripsByState,
        Map<String, Long> gateMatchesByResult,
        long barrierHolds,
        Map<String, Long> yardByIcd,
        long reviewItems,
        Map<String, Long> deadLettersByReason,
        long deadLetters) {

    public static ReplaySummary of(Path input, Path output, JobExecutionResult result) {
        Map<String, Long> read = new LinkedHashMap<>();
        for (Topic<?> topic : Topic.INPUTS) {
            Path file = input.resolve(topic.fileName());
            if (Files.isRegularFile(file)) {
                try {
                    read.put(topic.name(), ByteLines.count(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        Map<String, Alert> alerts = new LinkedHashMap<>();
        lines(output.resolve(Topic.ALERTS.fileName()))
                .map(line -> read(line, Alert.class))
                .forEach(alert -> alerts.put(alert.alertId(), alert));
        Map<String, Long> byType = new TreeMap<>();
        alerts.values().forEach(alert -> byType.merge(alert.type().name(), 1L, Long::sum));

        Map<String, TripStatus> trips = new LinkedHashMap<>();
        lines(output.resolve(Topic.TRIPS_STATUS.fileName()))
                .map(line -> read(line, TripStatus.class))
                .forEach(status -> trips.put(status.tripId(), status));
        Map<String, Long> byState = new TreeMap<>();
        trips.values().forEach(status -> byState.merge(status.state().name(), 1L, Long::sum));

        Map<String, Long> byResult = new TreeMap<>();
        long[] holds = {0};
        lines(output.resolve(Topic.GATE_MATCHES.fileName()))
                .map(line -> read(line, GateMatch.class))
                .forEach(match -> {
                    byResult.merge(match.result().name(), 1L, Long::sum);
                    holds[0] += match.barrier() == GateMatch.Barrier.HOLD ? 1 : 0;
                });
        Map<String, YardEntry> yard = new LinkedHashMap<>();
        lines(output.resolve(Topic.YARD_INVENTORY.fileName()))
                .map(line -> read(line, YardEntry.class))
                .forEach(entry -> {
                    if (entry.op() == YardEntry.Op.UPSERT) {
                        yard.put(entry.icdCode() + "/" + entry.containerNo(), entry);
                    } else {
                        yard.remove(entry.icdCode() + "/" + entry.containerNo());
                    }
                });
        Map<String, Long> byIcd = new TreeMap<>();
        yard.values().forEach(entry -> byIcd.merge(entry.icdCode(), 1L, Long::sum));
        // an item is emitted again as it is reviewed: the last record of each read says whether it is still to do
        Map<String, ReviewItem> reviewed = new HashMap<>();
        lines(output.resolve(Topic.GATE_REVIEW.fileName())).map(line -> read(line, ReviewItem.class))
                .forEach(item -> reviewed.put(item.eventId(), item));
        long review = reviewed.values().stream().filter(ReviewItem::isOpen).count();

        Map<String, Long> byReason = new TreeMap<>();
        long[] total = {0};
        lines(output.resolve(Topic.DEADLETTER.fileName()))
                .map(line -> read(line, DeadLetter.class))
                .forEach(dead -> {
                    total[0]++;
                    byReason.merge(dead.topic() + ": " + dead.reason(), 1L, Long::sum);
                });
        return new ReplaySummary(read, notUsed(result), byType, byState, byResult, holds[0], byIcd, review, byReason, total[0]);
    }

    /** The job's count of the records it read and did not use ({@link UnusedInputs}), by topic and reason. */
    static Map<String, Map<String, Long>> notUsed(JobExecutionResult result) {
        Map<String, Map<String, Long>> byTopic = new TreeMap<>();
        result.getAllAccumulatorResults().forEach((name, value) -> {
            String[] parts = name.split("\\|");
            if (parts.length == 3 && parts[0].equals(UnusedInputs.ACCUMULATOR) && value instanceof Long count
                    && count > 0) {
                byTopic.computeIfAbsent(parts[1], topic -> new TreeMap<>())
                        .put(UnusedInputs.Reason.valueOf(parts[2]).words(), count);
            }
        });
        return byTopic;
    }

    public void print(PrintStream out, Path output) {
        out.println();
        out.println("Records read:       " + format(recordsRead));
        out.println("Not used:           " + (notUsed.isEmpty() ? "none" : notUsed.entrySet().stream()
                .map(topic -> topic.getKey() + " " + topic.getValue().values().stream().mapToLong(Long::longValue).sum()
                        + " (" + format(topic.getValue()) + ")")
                .collect(java.util.stream.Collectors.joining("; "))));
        out.println("Alerts by type:     " + (alertsByType.isEmpty() ? "none" : format(alertsByType)));
        out.println("Trips by state:     " + (tripsByState.isEmpty() ? "none" : format(tripsByState)));
        out.println("Gate matches:       " + (gateMatchesByResult.isEmpty() ? "none"
                : format(gateMatchesByResult) + "; barrier held " + barrierHolds + " times"));
        out.println("In the yards now:   " + (yardByIcd.isEmpty() ? "none" : format(yardByIcd)));
        out.println("Shift review list:  " + reviewItems + " reads to complete or confirm");
        out.println("Dead letters:       " + deadLetters + (deadLetters == 0 ? "" : ", by reason:"));
        deadLettersByReason.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(15)
                .forEach(entry -> out.printf("  %5d  %s%n", entry.getValue(), entry.getKey()));
        if (deadLettersByReason.size() > 15) {
            out.println("  ... " + (deadLettersByReason.size() - 15) + " more reasons in "
                    + output.resolve(Topic.DEADLETTER.fileName()));
        }
        Path ledger = output.resolve("sms-ledger.jsonl");
        List<String> files = new ArrayList<>(Topic.OUTPUTS.stream().map(Topic::fileName).toList());
        if (Files.exists(ledger)) {
            List<SentSms> texts = readLedger(ledger);
            out.println("SMS:                " + texts.size() + " to " + texts.stream().map(SentSms::recipient)
                    .distinct().count() + " phones; ./cargowatch sms --ledger " + ledger + " lists them");
            Stream.of("sms.jsonl", "sms-ledger.jsonl").filter(name -> Files.exists(output.resolve(name)))
                    .forEach(files::add);
        }
        out.println("Output:             " + output.toAbsolutePath() + " (" + String.join(", ", files) + ")");
    }

    private static List<SentSms> readLedger(Path ledger) {
        try {
            return SmsLedger.read(ledger);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ledger, e);
        }
    }

    private static String format(Map<String, Long> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((name, count) -> text.append(text.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(count));
        return text.toString();
    }

    private static <T> T read(String line, Class<T> type) {
        try {
            return Json.read(line, type);
        } catch (Json.Rejected e) {
            throw new IllegalStateException("the job wrote a line it cannot read back: " + e.getMessage());
        }
    }

    /**
     * The records of an input file: its lines that are not blank, counted on their bytes, since an input line need
     * not be UTF-8 (the job dead-letters it); read as text, one such line would fail the replay at its very end.
     */
    private static Stream<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            return Stream.empty();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
