package vn.customs.cargowatch.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.customs.cargowatch.jobs.alerts.AlertLifecycle;
import vn.customs.cargowatch.jobs.alerts.EscalationProposal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.ops.alerts.AlertFiles;
import vn.customs.cargowatch.ops.alerts.AlertKafkaCassandra;
import vn.customs.cargowatch.ops.alerts.AlertStore;
import vn.customs.cargowatch.ops.config.ConfigFile;

/**
 * Acting on an alert from the command line (3740 §II.4): {@code ack}, {@code verify}, {@code escalate} and
 * {@code resolve} publish an {@code alerts.actions} record and print the state the alert will be in; {@code show}
 * prints the alert, its history and the escalation proposal (Phụ lục II).
 *
 * <p>The expected state is computed with {@link AlertLifecycle}, the pipeline's own state machine, from the alert's
 * state, the actions published but not yet applied, and the new one. An action the pipeline would refuse is not
 * published: the reason is one plain line and exit code 2. The pipeline remains the judge: it applies the action
 * (or refuses it to {@code deadletter}) when event time passes it.
 *
 * <p>Embedded mode ({@code --input DIR --output DIR}) appends to the replay's input and reads its output
 * ({@link AlertFiles}); otherwise Kafka and Cassandra of {@code --config} ({@link AlertKafkaCassandra}).
 */
@Command(name = "alert", mixinStandardHelpOptions = true,
        description = "Act on an alert (ack, verify, escalate, resolve) or show it with its history and the "
                + "escalation proposal.",
        subcommands = {AlertCommand.Ack.class, AlertCommand.Verify.class, AlertCommand.Escalate.class,
                AlertCommand.Resolve.class, AlertCommand.Show.class})
final class AlertCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "say what to do: ack, verify, escalate, resolve or show");
    }

    /** Where alerts are read and actions published: the replay's folders, or Kafka and Cassandra. */
    static final class Source {

        @Option(names = "--input", paramLabel = "DIR",
                description = "embedded mode: the replay's input folder; the action is appended to its "
                        + "alerts.actions.jsonl, the units read from its customs.offices.jsonl")
        Path input;

        @Option(names = "--output", paramLabel = "DIR",
                description = "embedded mode: the replay's output folder (alerts.jsonl, alerts.history.jsonl)")
        Path output;

        @Option(names = "--config", paramLabel = "FILE",
                description = "production: YAML configuration (kafka.bootstrapServers, cassandra.*)")
        Path config;

        /** Where the job that raised the alerts keeps its SMS ledger: the replay's output folder, or {@code run}'s. */
        Path smsLedger() {
            return output != null ? output.resolve("sms-ledger.jsonl")
                    : RunCommand.smsLedger(ConfigFile.settings(config));
        }

        AlertStore open() {
            if (input != null || output != null) {
                if (input == null || output == null) {
                    throw new UserError("embedded mode needs both --input DIR and --output DIR (those of the replay)");
                }
                if (config != null) {
                    throw new UserError("give either --input/--output (embedded) or --config (Kafka and Cassandra)");
                }
                return new AlertFiles(input, output);
            }
            ConfigFile.Settings settings = ConfigFile.settings(config);
            return new AlertKafkaCassandra(settings.kafka().bootstrapServers(), settings.cassandra());
        }
    }

    /** What an action subcommand shares: the alert, who acts, the note, when. */
    abstract static class ActionCommand implements Callable<Integer> {

        @Mixin
        Source source;

        @Parameters(index = "0", paramLabel = "ALERT_ID", description = "the alert's id")
        String alertId;

        @Option(names = "--by", required = true, paramLabel = "NAME", description = "the acting officer")
        String by;

        @Option(names = "--unit", required = true, paramLabel = "UNIT",
                description = "the officer's unit: the alert's Branch, its Department or the General Department")
        String unit;

        @Option(names = "--note", paramLabel = "TEXT", description = "what was done or found")
        String note;

        @Option(names = "--at", paramLabel = "TIME",
                description = "when the action was taken (ISO-8601); default now. For replays of past days.")
        String at;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final Action kind;

        ActionCommand(Action kind) {
            this.kind = kind;
        }

        String escalateTo() {
            return null;
        }

        @Override
        public Integer call() {
            Instant ts = at == null ? Instant.now() : parseTime(at);
            AlertAction action = new AlertAction(alertId, kind, by, unit, ts, note, escalateTo());
            if (action.problem() != null) {
                throw new UserError(action.action() + " refused: " + action.problem());
            }
            try (AlertStore store = source.open()) {
                Alert alert = store.alert(alertId).orElseThrow(() -> unknown(alertId, store));
                List<AlertHistoryEntry> history = store.history(alertId);
                List<AlertAction> pending = store.pending(alertId, history);
                Set<String> general = generalDepartment(store.offices());
                Instant earliest = latest(alert.raisedAt(),
                        history.isEmpty() ? null : history.get(history.size() - 1).ts(),
                        pending.isEmpty() ? null : pending.get(pending.size() - 1).ts());
                if (earliest != null && ts.isBefore(earliest)) {
                    throw new UserError(action.action() + " refused, not published: --at " + Times.format(ts)
                            + " is before the alert's last event (" + Times.format(earliest)
                            + "); actions are applied in time order");
                }
                AlertState from = expectedState(alert, pending, general);
                AlertLifecycle.Result result = AlertLifecycle.apply(alert, from, action, general);
                if (!result.accepted()) {
                    throw new UserError(action.action() + " refused, not published: " + result.refusal());
                }
                String where = store.publish(action);
                PrintWriter out = spec.commandLine().getOut();
                out.println("alert " + alertId + ": " + from + " -> " + result.state() + " (" + action.action()
                        + " by " + by + ", " + unit + ", " + Times.vietnamTime(ts) + " Vietnam time)");
                out.println("published to " + where);
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge an alert (OPEN → ACKNOWLEDGED).")
    static final class Ack extends ActionCommand {
        Ack() {
            super(Action.ACK);
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Record a verification (by phone, or on site by the unit escalated to).")
    static final class Verify extends ActionCommand {
        Verify() {
            super(Action.VERIFY);
        }
    }

    @Command(name = "escalate", mixinStandardHelpOptions = true,
            description = "Ask another unit to verify on site (3740 Phụ lục II); 'alert show' proposes the nearest.")
    static final class Escalate extends ActionCommand {

        @Option(names = "--to", paramLabel = "UNIT", description = "the unit asked to verify on site (required)")
        String to;

        Escalate() {
            super(Action.ESCALATE);
        }

        @Override
        String escalateTo() {
            if (to == null || to.isBlank()) {
                throw new UserError("escalate needs --to UNIT: the unit asked to verify on site "
                        + "(./cargowatch alert show " + alertId + " proposes the nearest)");
            }
            return to;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Resolve an alert once a verification is recorded.")
    static final class Resolve extends ActionCommand {
        Resolve() {
            super(Action.RESOLVE);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print an alert, its history and the escalation proposal (nearest Branches).")
    static final class Show implements Callable<Integer> {

        @Mixin
        Source source;

        @Parameters(index = "0", paramLabel = "ALERT_ID", description = "the alert's id")
        String alertId;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (AlertStore store = source.open()) {
                Alert alert = store.alert(alertId).orElseThrow(() -> unknown(alertId, store));
                List<CustomsOffice> offices = store.offices();
                PrintWriter out = spec.commandLine().getOut();
                List<AlertHistoryEntry> history = store.history(alertId);
                out.print(describe(alert, history, store.pending(alertId, history), offices));
                out.print(texted(source.smsLedger(), alertId));
                out.flush();
            }
            return 0;
        }
    }

    /** The SMS sent about the alert and whether they arrived, when the ledger is at hand. */
    static String texted(Path ledger, String alertId) {
        if (!Files.exists(ledger)) {
            return "";
        }
        try {
            return SmsCommand.describe(ledger, SmsCommand.about(ledger, alertId), alertId);
        } catch (IOException e) {
            return "SMS: cannot read " + ledger + ": " + e.getMessage() + "\n";
        }
    }

    /** The alert, its history, the actions not yet applied, and the escalation proposal, as printed by show. */
    static String describe(Alert alert, List<AlertHistoryEntry> history, List<AlertAction> pending,
            List<CustomsOffice> offices) {
        StringBuilder text = new StringBuilder();
        text.append("Alert ").append(alert.alertId()).append('\n');
        text.append("  type       ").append(alert.type()).append(" (").append(alert.severity()).append(")\n");
        text.append("  container  ").append(orDash(alert.containerNo())).append("   trip ").append(orDash(alert.tripId()))
                .append('\n');
        text.append("  place      ");
        if (alert.lat() != null && alert.lon() != null) {
            text.append(String.format(Locale.ROOT, "%.5f, %.5f", alert.lat(), alert.lon()));
        } else if (alert.details() != null && alert.details().icdCode() != null) {
            text.append("ICD ").append(alert.details().icdCode());
        } else {
            text.append("-");
        }
        text.append('\n');
        if (alert.nearestOffice() != null) {
            text.append("  nearest    ").append(alert.nearestOffice().name()).append(" (")
                    .append(alert.nearestOffice().unitCode()).append(", ")
                    .append(String.format(Locale.ROOT, "%.1f", alert.nearestOffice().distanceKm())).append(" km)\n");
        }
        text.append("  started    ").append(alert.startTs() == null ? "-" : Times.vietnamTime(alert.startTs()))
                .append(" Vietnam time");
        if (alert.endTs() != null) {
            text.append(", ended ").append(Times.vietnamTime(alert.endTs()));
        }
        text.append('\n');
        text.append("  units      Branch ").append(orDash(alert.branchCode())).append(", Department ")
                .append(orDash(alert.departmentCode())).append('\n');
        text.append("  state      ").append(alert.state() == null ? AlertState.OPEN : alert.state()).append('\n');
        text.append("History\n");
        if (history.isEmpty()) {
            text.append("  (no action yet)\n");
        }
        for (AlertHistoryEntry entry : history) {
            text.append("  ").append(Times.vietnamTime(entry.ts())).append("  ").append(entry.action()).append("  ")
                    .append(entry.fromState()).append(" -> ").append(entry.toState()).append("  by ").append(entry.by())
                    .append(" (").append(entry.byUnit()).append(')').append(toAndNote(entry.escalateTo(), entry.note()))
                    .append('\n');
        }
        for (AlertAction action : pending) {
            text.append("  ").append(Times.vietnamTime(action.ts())).append("  ").append(action.action())
                    .append("  published, not applied yet  by ").append(action.by()).append(" (")
                    .append(action.byUnit()).append(')').append(toAndNote(action.escalateTo(), action.note()))
                    .append('\n');
        }
        text.append("Escalation proposal\n");
        Optional<EscalationProposal> proposal = EscalationProposal.of(alert, offices);
        if (proposal.isPresent()) {
            proposal.get().text().lines().forEach(line -> text.append("  ").append(line).append('\n'));
        } else if (alert.lat() == null || alert.lon() == null) {
            text.append("  (the alert has no position)\n");
        } else {
            text.append("  (no Branch-level unit known in customs.offices)\n");
        }
        return text.toString();
    }

    /** The state the alert will be in once the pipeline has applied the published actions it has not yet. */
    static AlertState expectedState(Alert alert, List<AlertAction> pending, Set<String> general) {
        AlertState state = alert.state() == null ? AlertState.OPEN : alert.state();
        for (AlertAction action : pending) {
            AlertLifecycle.Result result = AlertLifecycle.apply(alert, state, action, general);
            if (result.accepted()) {
                state = result.state();
            }
        }
        return state;
    }

    private static Set<String> generalDepartment(List<CustomsOffice> offices) {
        return offices.stream().filter(office -> office.level() == CustomsOffice.Level.GENERAL)
                .map(CustomsOffice::unitCode).collect(Collectors.toSet());
    }

    private static UserError unknown(String alertId, AlertStore store) {
        return new UserError("unknown alert " + alertId + " in " + store.describe());
    }

    /** A time the pipeline would take: an action it would dead-letter for its time is not published. */
    private static Instant parseTime(String text) {
        try {
            return Times.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("--at " + e.getMessage());
        }
    }

    private static Instant latest(Instant... instants) {
        Instant latest = null;
        for (Instant instant : instants) {
            if (instant != null && (latest == null || instant.isAfter(latest))) {
                latest = instant;
            }
        }
        return latest;
    }

    private static String toAndNote(String escalateTo, String note) {
        return (escalateTo == null ? "" : "  to " + escalateTo) + (note == null ? "" : "  \"" + note + "\"");
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}
