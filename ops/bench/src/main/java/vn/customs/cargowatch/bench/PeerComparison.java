package vn.customs.cargowatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * "Same trips, same types": compares two {@code alerts.jsonl} files (the pipeline's and the peer's) on the five seal
 * rules of 3740 §I.8 — the set of (trip, type) of their final alerts (by alert id, the last version of each) — and
 * also says how many alert ids they share (the same episode gives the same id where both decide alike; a difference
 * there is information, not a failure). Other alert types (the seal's own, the gates') are not the peer's and are
 * left out.
 *
 * <p>{@code PeerComparison FIRST SECOND} (a file, or a folder holding {@code alerts.jsonl}) prints the result and exits
 * 0 when the sets are equal, 1 when they differ, 2 on a usage mistake (one line on stderr).
 */
public final class PeerComparison {

    /** The rules the peer implements. */
    public static final Set<AlertType> SEAL_RULES = EnumSet.of(AlertType.WRONG_ROUTE, AlertType.STOP_OVER_90_MIN,
            AlertType.SIGNAL_LOST, AlertType.DOOR_OPENED, AlertType.CONTAINER_NOT_ARRIVED);

    /** The (trip, type) pairs and alert ids of each side, for the five rules. */
    public record Result(SortedSet<String> firstPairs, SortedSet<String> secondPairs, Set<String> firstIds,
            Set<String> secondIds) {

        public boolean same() {
            return firstPairs.equals(secondPairs);
        }

        public SortedSet<String> onlyInFirst() {
            SortedSet<String> only = new TreeSet<>(firstPairs);
            only.removeAll(secondPairs);
            return only;
        }

        public SortedSet<String> onlyInSecond() {
            SortedSet<String> only = new TreeSet<>(secondPairs);
            only.removeAll(firstPairs);
            return only;
        }

        public int sharedIds() {
            Set<String> shared = new TreeSet<>(firstIds);
            shared.retainAll(secondIds);
            return shared.size();
        }
    }

    private PeerComparison() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("peer-comparison: usage: PeerComparison FIRST SECOND (alerts.jsonl files, or their folders)");
            return 2;
        }
        Path first = alertsFile(Path.of(args[0]));
        Path second = alertsFile(Path.of(args[1]));
        for (Path file : new Path[] {first, second}) {
            if (!Files.isRegularFile(file)) {
                err.println("peer-comparison: no alerts file " + file);
                return 2;
            }
        }
        Result result;
        try {
            result = compare(first, second);
        } catch (IOException e) {
            err.println("peer-comparison: " + e.getMessage());
            return 2;
        } catch (Json.Rejected e) {
            err.println("peer-comparison: not an alert: " + e.getMessage());
            return 2;
        }
        if (result.same()) {
            out.println("same trips, same types: " + result.firstPairs().size() + " (trip, type) pairs in both");
        } else {
            out.println("different trips or types: " + result.onlyInFirst().size() + " only in " + first + ", "
                    + result.onlyInSecond().size() + " only in " + second);
            result.onlyInFirst().forEach(pair -> out.println("  only in first:  " + pair));
            result.onlyInSecond().forEach(pair -> out.println("  only in second: " + pair));
        }
        out.println("alert ids: " + result.sharedIds() + " shared, of " + result.firstIds().size() + " and "
                + result.secondIds().size());
        return result.same() ? 0 : 1;
    }

    public static Result compare(Path first, Path second) throws IOException, Json.Rejected {
        Map<String, Alert> firstAlerts = finalAlerts(first);
        Map<String, Alert> secondAlerts = finalAlerts(second);
        return new Result(pairs(firstAlerts), pairs(secondAlerts), firstAlerts.keySet(), secondAlerts.keySet());
    }

    /** The last version of each alert of the five rules, by id. */
    static Map<String, Alert> finalAlerts(Path file) throws IOException, Json.Rejected {
        Map<String, Alert> alerts = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                Alert alert = Topic.ALERTS.parse(line);
                if (SEAL_RULES.contains(alert.type()) && alert.tripId() != null) {
                    alerts.put(alert.alertId(), alert);
                }
            }
        }
        return alerts;
    }

    private static SortedSet<String> pairs(Map<String, Alert> alerts) {
        SortedSet<String> pairs = new TreeSet<>();
        alerts.values().forEach(alert -> pairs.add(alert.tripId() + " " + alert.type()));
        return pairs;
    }

    private static Path alertsFile(Path given) {
        return Files.isDirectory(given) ? given.resolve(Topic.ALERTS.fileName()) : given;
    }
}
