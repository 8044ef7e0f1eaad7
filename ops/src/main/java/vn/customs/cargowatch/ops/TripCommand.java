package vn.customs.cargowatch.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.customs.cargowatch.jobs.seal.TripClosingRules;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.Inspection.Condition;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.alerts.AlertStore;

/**
 * Closing a trip at its destination from the command line (3740 §II.3): {@code trip close} publishes the destination
 * officer's inspection on {@code trips.inspections} — the container, the GPS seal and the customs seal intact or not,
 * the reason, measures and result, the declarant's explanation of alerts — after the checks the pipeline makes (the
 * trip has arrived and is not closed, the unit is its destination Branch) and one it leaves to the officer (a reason
 * when something is not intact; each explained alert is the trip's). The pipeline stays the judge: it closes the trip
 * (or refuses the inspection to {@code deadletter}) when event time passes it.
 */
@Command(name = "trip", mixinStandardHelpOptions = true,
        description = "Close an arrived trip with the destination's inspection (3740 §II.3).",
        subcommands = {TripCommand.Close.class})
final class TripCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: close");
    }

    @Command(name = "close", mixinStandardHelpOptions = true,
            description = "Publish the destination officer's inspection, which closes the arrived trip.")
    static final class Close implements Callable<Integer> {

        @Mixin
        AlertCommand.Source source;

        @Parameters(index = "0", paramLabel = "TRIP_ID", description = "the trip's id")
        String tripId;

        @Option(names = "--by", required = true, paramLabel = "NAME", description = "the inspecting officer")
        String by;

        @Option(names = "--unit", required = true, paramLabel = "UNIT",
                description = "the officer's unit: the trip's destination Branch")
        String unit;

        @Option(names = "--container", required = true, paramLabel = "intact|not-intact",
                description = "the container")
        String container;

        @Option(names = "--gps-seal", required = true, paramLabel = "intact|not-intact", description = "the GPS seal")
        String gpsSeal;

        @Option(names = "--customs-seal", required = true, paramLabel = "intact|not-intact",
                description = "the customs seal")
        String customsSeal;

        @Option(names = "--reason", paramLabel = "TEXT",
                description = "why something is not intact (required then)")
        String reason;

        @Option(names = "--measures", paramLabel = "TEXT", description = "the measures taken")
        String measures;

        @Option(names = "--result", paramLabel = "TEXT", description = "the result of the handling")
        String result;

        @Option(names = "--explain", paramLabel = "ALERT_ID=TEXT",
                description = "the declarant's explanation of one of the trip's alerts; repeat for each")
        List<String> explain = new ArrayList<>();

        @Option(names = "--at", paramLabel = "TIME",
                description = "when the inspection was made (ISO-8601); default now. For replays of past days.")
        String at;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Instant ts = at == null ? Instant.now() : AlertCommand.parseTime(at);
            Inspection inspection = new Inspection(tripId, TypedText.nfc(by), unit, ts,
                    condition("--container", container), condition("--gps-seal", gpsSeal),
                    condition("--customs-seal", customsSeal), TypedText.nfc(reason), TypedText.nfc(measures),
                    TypedText.nfc(result), explanations());
            if (inspection.problem() != null) {
                throw new UserError("close refused: " + inspection.problem());
            }
            if (inspection.lacksReason()) {
                throw new UserError("close refused: something is not intact; say why with --reason");
            }
            try (AlertStore store = source.open()) {
                String refusal = TripClosingRules.refusal(store.closing(tripId).orElse(null), inspection);
                if (refusal != null) {
                    throw new UserError("close refused, not published: " + refusal);
                }
                for (Inspection.Explanation explanation : inspection.explanationsOrNone()) {
                    Optional<Alert> alert = store.alert(explanation.alertId());
                    if (alert.isEmpty() || !tripId.equals(alert.get().tripId())) {
                        throw new UserError("close refused, not published: --explain " + explanation.alertId()
                                + ": not an alert of trip " + tripId);
                    }
                }
                String where = store.publish(Topic.TRIPS_INSPECTIONS, inspection);
                spec.commandLine().getOut().println("trip " + tripId + ": closing published (container "
                        + inspection.container() + ", GPS seal " + inspection.gpsSeal() + ", customs seal "
                        + inspection.customsSeal() + ") to " + where);
            }
            return 0;
        }

        private List<Inspection.Explanation> explanations() {
            List<Inspection.Explanation> explanations = new ArrayList<>();
            for (String given : explain) {
                int equals = given.indexOf('=');
                if (equals <= 0 || equals == given.length() - 1) {
                    throw new UserError("--explain " + given + ": give ALERT_ID=TEXT");
                }
                explanations.add(new Inspection.Explanation(given.substring(0, equals).strip(),
                        TypedText.nfc(given.substring(equals + 1).strip())));
            }
            return explanations;
        }

        private static Condition condition(String option, String given) {
            return switch (given.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "intact" -> Condition.INTACT;
                case "not-intact" -> Condition.NOT_INTACT;
                default -> throw new UserError(option + " " + given + ": intact or not-intact");
            };
        }
    }
}
