package vn.customs.cargowatch.ops.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * A day of input made harder from a clean one, as real feeds are: within each event-timed topic, records swapped
 * with neighbours stamped less than half the out-of-order bound apart (disorder the job must reorder), records sent
 * twice, records held back far past the bound (late: dead letters), and lines that are not records at all. Reference
 * topics are copied as they are. Given the alerts a replay of the clean day raised, it adds the supervisors' actions on
 * them ({@code alerts.actions}): acknowledged, escalated and resolved by their own units, one refused for coming from
 * another unit's officer, one on an alert that does not exist. The same seed gives the same day.
 */
public final class DisorderedDay {

    private static final List<Topic<?>> EVENT_TIMED = List.of(Topic.SEAL_FIXES, Topic.SEAL_EVENTS, Topic.SEAL_TRIPS,
            Topic.CAMERA_RECOGNITIONS, Topic.CUSTOMS_DECLARATIONS);

    private final long seed;
    private final Duration outOfOrderness;

    public DisorderedDay(long seed, Duration outOfOrderness) {
        this.seed = seed;
        this.outOfOrderness = outOfOrderness;
    }

    public void write(Path clean, Path into, List<Alert> alertsOfTheCleanDay) throws IOException {
        Files.createDirectories(into);
        Random random = new Random(seed);
        for (Topic<?> topic : Topic.INPUTS) {
            Path file = clean.resolve(topic.fileName());
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (EVENT_TIMED.contains(topic)) {
                lines = disorder(lines, random);
            }
            Files.write(into.resolve(topic.fileName()), lines, StandardCharsets.UTF_8);
        }
        List<String> actions = disorder(actionsOn(alertsOfTheCleanDay), random);
        Files.write(into.resolve(Topic.ALERTS_ACTIONS.fileName()), actions, StandardCharsets.UTF_8);
    }

    /** Actions on the alerts in the order they were raised, each a few minutes after its alert was detected. */
    static List<String> actionsOn(List<Alert> alerts) {
        List<Alert> raised = alerts.stream().filter(alert -> alert.endTs() == null && alert.branchCode() != null)
                .sorted(Comparator.comparing(Alert::detectedAt).thenComparing(Alert::alertId)).toList();
        List<AlertAction> actions = new ArrayList<>();
        for (int i = 0; i < raised.size(); i++) {
            Alert alert = raised.get(i);
            Instant detected = alert.detectedAt();
            switch (i % 5) {
                case 0 -> actions.add(action(alert, Action.ACK, alert.branchCode(), detected.plusSeconds(300), null));
                case 1 -> {
                    actions.add(action(alert, Action.ACK, alert.branchCode(), detected.plusSeconds(120), null));
                    actions.add(action(alert, Action.RESOLVE, alert.branchCode(), detected.plusSeconds(1800), null));
                }
                case 2 -> actions.add(action(alert, Action.ESCALATE, alert.departmentCode(),
                        detected.plusSeconds(600), alert.branchCode()));
                case 3 -> actions.add(action(alert, Action.ACK, "OTHER-BRANCH", detected.plusSeconds(60), null));
                default -> { }
            }
        }
        if (!raised.isEmpty()) {
            Alert first = raised.get(0);
            actions.add(new AlertAction("00000000-0000-0000-0000-000000000000", Action.ACK, "Trần Văn Bình",
                    first.branchCode(), first.detectedAt().plusSeconds(60), "no such alert", null));
        }
        actions.sort(Comparator.comparing(AlertAction::ts));
        return actions.stream().map(Json::write).toList();
    }

    private static AlertAction action(Alert alert, Action action, String unit, Instant ts, String escalateTo) {
        return new AlertAction(alert.alertId(), action, "Nguyễn Thị Lan", unit, ts, action + " in the soak",
                escalateTo);
    }

    List<String> disorder(List<String> clean, Random random) {
        List<String> lines = new ArrayList<>(clean);
        long swapWithin = outOfOrderness.toMillis() / 2;
        for (int i = 0; i + 1 < lines.size(); i++) {
            int other = i + 1 + random.nextInt(4);
            if (other < lines.size() && random.nextInt(5) == 0
                    && Math.abs(Json.eventTimeOf(lines.get(i)) - Json.eventTimeOf(lines.get(other))) < swapWithin) {
                String swapped = lines.get(i);
                lines.set(i, lines.get(other));
                lines.set(other, swapped);
            }
        }
        List<String> out = new ArrayList<>(lines.size() + lines.size() / 20);
        List<String> heldBack = new ArrayList<>();
        for (String line : lines) {
            int draw = random.nextInt(200);
            if (draw < 4) {
                out.add(line);
                out.add(line); // sent twice
            } else if (draw < 5) {
                heldBack.add(line); // arrives after everything else: late unless the topic is short
            } else if (draw < 6) {
                out.add(line);
                out.add(line.substring(0, line.length() / 2)); // a truncated copy: not a record
            } else {
                out.add(line);
            }
        }
        out.addAll(heldBack);
        return out;
    }
}
