package vn.customs.cargowatch.model;

import java.time.Instant;
import java.util.List;

/**
 * {@code trips.inspections} (an input added by issue 14, key {@code tripId}): the destination officer's closing of an
 * arrived trip (3740 §II.3) — the container, the GPS seal and the customs seal checked, each INTACT or NOT_INTACT,
 * with the reason, the measures taken and the result when one is not, and the declarant's explanation of each alert
 * that was not verified. {@code byUnit} is the destination Branch; the pipeline refuses any other, and an inspection
 * of a trip that has not arrived.
 */
public record Inspection(
        String tripId,
        String by,
        String byUnit,
        Instant ts,
        Condition container,
        Condition gpsSeal,
        Condition customsSeal,
        String reason,
        String measures,
        String result,
        List<Explanation> explanations) implements Validated, Timed {

    /** What the officer found a container or seal to be. */
    public enum Condition {
        INTACT, NOT_INTACT;

        /** As the officers' forms say it. */
        public String vietnamese() {
            return this == INTACT ? "nguyên vẹn" : "không nguyên vẹn";
        }
    }

    /** The declarant's explanation of one of the trip's alerts (3740 §II.3: each alert not verified). */
    public record Explanation(String alertId, String text) {

        String problem(String field) {
            return Validated.first(
                    Validated.requireText(alertId, field + ".alertId", Validated.ID),
                    Validated.requireText(text, field + ".text", Validated.NOTE));
        }
    }

    /** More alerts than one trip is explained for. */
    public static final int MAX_EXPLANATIONS = 200;

    /** Whether the officer found everything intact. */
    public boolean allIntact() {
        return container == Condition.INTACT && gpsSeal == Condition.INTACT && customsSeal == Condition.INTACT;
    }

    /**
     * Whether something is not intact and no reason says why: the officer's tools (the command line, the desk) ask
     * for one; the contract leaves it optional, so the pipeline closes the trip all the same.
     */
    public boolean lacksReason() {
        return !allIntact() && (reason == null || reason.isBlank());
    }

    /** The explanations given, none when absent. */
    public List<Explanation> explanationsOrNone() {
        return explanations == null ? List.of() : explanations;
    }

    @Override
    public String problem() {
        return Validated.first(
                Validated.requireText(tripId, "tripId", Validated.ID),
                Validated.requireText(by, "by", Validated.NAME),
                Validated.requireText(byUnit, "byUnit", Validated.ID),
                ts == null ? "ts is missing" : null,
                container == null ? "container is missing: INTACT or NOT_INTACT" : null,
                gpsSeal == null ? "gpsSeal is missing: INTACT or NOT_INTACT" : null,
                customsSeal == null ? "customsSeal is missing: INTACT or NOT_INTACT" : null,
                Validated.text(reason, "reason", Validated.NOTE),
                Validated.text(measures, "measures", Validated.NOTE),
                Validated.text(result, "result", Validated.NOTE),
                Validated.list(explanations, "explanations", MAX_EXPLANATIONS, Explanation::problem));
    }
}
