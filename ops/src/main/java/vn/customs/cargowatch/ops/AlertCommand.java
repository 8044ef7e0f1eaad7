package vn.customs.cargowatch.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertAction.Finding;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.alerts.AlertFiles;
import vn.customs.cargowatch.ops.alerts.AlertKafkaCassandra;
import vn.customs.cargowatch.ops.alerts.AlertStore;
import vn.customs.cargowatch.ops.config.ConfigFile;

/**
 * Acting on an alert from the command line (3740 §II.4): {@code ack}, {@code verify}, {@code propose} (an officer's
 * proposal to ask a unit to verify on site, Phụ lục II), {@code approve} (the Branch leader's approval, §II.4.1.b),
 * {@code onsite-result} (the unit asked, §II.4.2), {@code escalate} (a leader's direct escalation) and {@code
 * resolve} publish an {@code alerts.actions} record and print the state the alert will be in; {@code show} prints
 * the alert, its history and the escalation proposal (Phụ lục II).
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
        description = "Act on an alert (ack, verify, propose, approve, onsite-result, escalate, resolve) or show it "
                + "with its history and the escalation proposal.",
        subcommands = {AlertCommand.Ack.class, AlertCommand.Verify.class, AlertCommand.Propose.class,
                AlertCommand.Approve.class, AlertCommand.OnsiteResult.class, AlertCommand.Escalate.class,
                AlertCommand.Resolve.class, AlertCommand.Show.class})
final class AlertCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "say what to do: ack, verify, propose, approve, onsite-result, escalate, resolve or show");
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

        /** Where the signing key is read from: the process's environment (a test gives its own). */
        Map<String, String> environment = System.getenv();

        /**
         * The key the action is signed with ({@code CARGOWATCH_ACTIONS_KEY}), or null: the action is published
         * unsigned, as before signatures, unless {@code actions.signatures} is required (a user error then).
         */
        ActionSignature.Key signingKey() {
            return ConfigFile.settings(config).actionsKey(environment);
        }

        /** Where the job that raised the alerts keeps its SMS ledger: the replay's output folder, or {@code run}'s. */
        Path smsLedger() {
            return output != null ? output.resolve("sms-ledger.jsonl")
                    : RunCommand.smsLedger(ConfigFile.settings(config));
        }

        AlertStore open() {
            return AlertStore.open(input, output, config);
        }

        /** Where the job wrote gate alerts' photos: the replay's, or run's ({@code camera.evidenceDir}). */
        Path evidenceDir() {
            return ReplayOutputs.evidenceDir(input, output, config);
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
                description = "the officer's unit: the alert's Branch, its Department or the General Department "
                        + "(for onsite-result also the unit asked to verify on site)")
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

        Finding finding() {
            return null;
        }

        String closingReason() {
            return null;
        }

        @Override
        public Integer call() {
            Instant ts = at == null ? Instant.now() : parseTime(at);
            String officer = TypedText.nfc(by);
            AlertAction action = new AlertAction(alertId, kind, officer, unit, ts, TypedText.nfc(note), escalateTo(),
                    finding(), TypedText.nfc(closingReason()));
            if (action.problem() != null) {
                throw new UserError(action.action() + " refused: " + action.problem());
            }
            ActionSignature.Key key = source.signingKey();
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
                AlertLifecycle.Result expected = AlertStore.expected(alert, history, pending, general);
                AlertState from = expected.state();
                AlertLifecycle.Result result = AlertLifecycle.apply(alert, from, expected.unitAsked(), action, general);
                if (!result.accepted()) {
                    throw new UserError(action.action() + " refused, not published: " + result.refusal());
                }
                String where = store.publish(Topic.ALERTS_ACTIONS,
                        key == null ? action : ActionSignature.sign(action, key));
                PrintWriter out = spec.commandLine().getOut();
                out.println("alert " + alertId + ": " + from + " -> " + result.state() + " (" + action.action()
                        + " by " + officer + ", " + unit + ", " + Times.vietnamTime(ts) + " Vietnam time)");
                if (action.action() == Action.APPROVE) {
                    out.println(result.unitAsked() + " is asked to verify on site");
                }
                out.println("published to " + where
                        + (key == null ? "" : ", signed with the key of " + ActionSignature.KEY_VARIABLE));
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

    /** What a verification found: optional on verify and resolve, required on onsite-result. */
    static final class Found {
        @Option(names = "--finding", paramLabel = "FINDING",
                description = "what the verification found: ${COMPLETION-CANDIDATES}")
        Finding finding;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Record a verification (by phone, or on site by the unit escalated to).")
    static final class Verify extends ActionCommand {

        @Mixin
        Found found;

        Verify() {
            super(Action.VERIFY);
        }

        @Override
        Finding finding() {
            return found.finding;
        }
    }

    @Command(name = "propose", mixinStandardHelpOptions = true,
            description = "Propose to the Branch leader to ask another unit to verify on site (3740 §II.4.1.a, "
                    + "Phụ lục II); 'alert show' proposes the nearest. The alert is PROPOSED until the leader "
                    + "approves.")
    static final class Propose extends ActionCommand {

        @Option(names = "--to", paramLabel = "UNIT", description = "the unit proposed to verify on site (required)")
        String to;

        Propose() {
            super(Action.PROPOSE);
        }

        @Override
        String escalateTo() {
            return requireTo("propose", to, alertId);
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "The Branch leader approves the pending proposal (3740 §II.4.1.b): the alert is ESCALATED "
                    + "to the unit proposed, whose officers on duty are texted.")
    static final class Approve extends ActionCommand {
        Approve() {
            super(Action.APPROVE);
        }
    }

    @Command(name = "onsite-result", mixinStandardHelpOptions = true,
            description = "Record the result of the verification on site (3740 §II.4.2), as the unit asked "
                    + "(--unit) or as the alert's Branch told of it; --finding is required.")
    static final class OnsiteResult extends ActionCommand {

        @Mixin
        Found found;

        OnsiteResult() {
            super(Action.ONSITE_RESULT);
        }

        @Override
        Finding finding() {
            if (found.finding == null) {
                throw new UserError("onsite-result needs --finding VIOLATION|NO_VIOLATION|UNCLEAR: what the "
                        + "verification on site found");
            }
            return found.finding;
        }
    }

    @Command(name = "escalate", mixinStandardHelpOptions = true,
            description = "A leader's direct escalation, without a proposal: ask another unit to verify on site "
                    + "(3740 Phụ lục II); 'alert show' proposes the nearest.")
    static final class Escalate extends ActionCommand {

        @Option(names = "--to", paramLabel = "UNIT", description = "the unit asked to verify on site (required)")
        String to;

        Escalate() {
            super(Action.ESCALATE);
        }

        @Override
        String escalateTo() {
            return requireTo("escalate", to, alertId);
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Resolve an alert once a verification is recorded.")
    static final class Resolve extends ActionCommand {

        @Mixin
        Found found;

        @Option(names = "--reason", paramLabel = "TEXT", description = "why the alert is closed")
        String reason;

        Resolve() {
            super(Action.RESOLVE);
        }

        @Override
        Finding finding() {
            return found.finding;
        }

        @Override
        String closingReason() {
            return reason;
        }
    }

    /** The unit a proposal or an escalation asks to verify on site, which the user must give. */
    private static String requireTo(String command, String to, String alertId) {
        if (to == null || to.isBlank()) {
            throw new UserError(command + " needs --to UNIT: the unit asked to verify on site "
                    + "(./cargowatch alert show " + alertId + " proposes the nearest)");
        }
        return to;
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
                out.print(describe(alert, history, store.pending(alertId, history), offices, source.evidenceDir()));
                out.print(texted(source.smsLedger(), alertId));
                out.flush();
            }
            return 0;
        }
    }

    /**
     * The camera's photo of a gate alert (1572 §II.1.4), to print with the on-site record: the thumbnail written for
     * it, else the image the camera sent; nothing for an alert without either.
     */
    static String photo(AlertDetails details, Path evidenceDir) {
        if (details == null || details.evidence() == null && details.imageUri() == null) {
            return "";
        }
        return details.evidence() != null
                ? "  photo      " + evidenceDir.resolve(details.evidence()) + " (the camera's image: "
                        + orDash(details.imageUri()) + ")\n"
                : "  photo      no thumbnail; the camera's image: " + details.imageUri() + "\n";
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
            List<CustomsOffice> offices, Path evidenceDir) {
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
        text.append(photo(alert.details(), evidenceDir));
        text.append("History\n");
        if (history.isEmpty()) {
            text.append("  (no action yet)\n");
        }
        for (AlertHistoryEntry entry : history) {
            text.append("  ").append(Times.vietnamTime(entry.ts())).append("  ").append(entry.action()).append("  ")
                    .append(entry.fromState()).append(" -> ").append(entry.toState()).append("  by ").append(entry.by())
                    .append(" (").append(entry.byUnit()).append(')')
                    .append(particulars(entry.escalateTo(), entry.finding(), entry.closingReason(), entry.note()))
                    .append('\n');
        }
        for (AlertAction action : pending) {
            text.append("  ").append(Times.vietnamTime(action.ts())).append("  ").append(action.action())
                    .append("  published, not applied yet  by ").append(action.by()).append(" (")
                    .append(action.byUnit()).append(')')
                    .append(particulars(action.escalateTo(), action.finding(), action.closingReason(), action.note()))
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

    private static Set<String> generalDepartment(List<CustomsOffice> offices) {
        return offices.stream().filter(office -> office.level() == CustomsOffice.Level.GENERAL)
                .map(CustomsOffice::unitCode).collect(Collectors.toSet());
    }

    private static UserError unknown(String alertId, AlertStore store) {
        return new UserError("unknown alert " + alertId + " in " + store.describe());
    }

    /** A time the pipeline would take: an action it would dead-letter for its time is not published. */
    static Instant parseTime(String text) {
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

    /** The unit asked, what was found, why the alert was closed and the note, as far as the action says. */
    private static String particulars(String escalateTo, Finding finding, String closingReason, String note) {
        return (escalateTo == null ? "" : "  to " + escalateTo) + (finding == null ? "" : "  found " + finding)
                + (closingReason == null ? "" : "  closed: \"" + closingReason + "\"")
                + (note == null ? "" : "  \"" + note + "\"");
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}
