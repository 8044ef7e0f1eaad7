package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code deadletter}: a record that could not be used, kept as received with the reason. {@code kind} sorts the
 * reasons into a few classes, so that operators can count and alert on them (the reason itself is free text).
 */
public record DeadLetter(String topic, String reason, String payload, Instant ts, Kind kind) {

    /** Why a record was not used, in classes a Prometheus label can carry. */
    public enum Kind {
        /** Not JSON, or a field of the wrong type. */
        UNREADABLE,
        /** Readable, but breaks a rule of the contract (a missing field, a value out of range). */
        INVALID,
        /** Older than its topic's out-of-order bound allows. */
        LATE,
        /** Stamped further ahead than {@code events.maxAhead}. */
        AHEAD,
        /** Valid on its own, but not acceptable in its context (a seal registered twice, an action refused). */
        REFUSED
    }

    /** A dead letter of an unknown kind (written before kinds existed). */
    public DeadLetter(String topic, String reason, String payload, Instant ts) {
        this(topic, reason, payload, ts, null);
    }
}
