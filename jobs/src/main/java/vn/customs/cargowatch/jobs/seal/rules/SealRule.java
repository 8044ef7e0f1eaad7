package vn.customs.cargowatch.jobs.seal.rules;

import java.io.Serializable;
import org.apache.flink.api.common.functions.RuntimeContext;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;

/**
 * One rule over a seal's trip: what it does with each signal, in event-time order, and when its one deadline comes (a
 * stop's 90 minutes, a silence's 15, an arrival's grace). The rules of a seal run together in {@link SealRules}, which
 * holds the signals until the watermark passes them, meets signals and deadlines strictly in event-time order, and
 * keeps each rule's deadline as a timer — the skeleton every timer rule used to repeat (traccar's {@code
 * BaseEventHandler} is the model: one method to write per concern). A rule keeps its own keyed state, and must clear it
 * when its trip ends.
 */
public interface SealRule extends Serializable {

    /** The rule's name: in its state's names and in its dead letters. */
    String name();

    /** Opens the rule's own keyed state. */
    void open(RuntimeContext context);

    /** Whether the rule reads this kind of signal at all; the others are not handed to it. */
    default boolean reads(TripSignal signal) {
        return true;
    }

    /** The next signal of the seal's trip. */
    void onSignal(TripSignal signal, Deadlines deadlines, Output out) throws Exception;

    /**
     * The rule's deadline has come ({@code Deadlines#set}): the watermark passed it, and every signal before it (or at
     * the same instant) has been handed over. Never called for the end of a finite input, which is no deadline.
     */
    default void onDeadline(long deadline, Deadlines deadlines, Output out) throws Exception {}

    /** The rule's one deadline, kept by {@link SealRules} as an event-time timer. */
    interface Deadlines {
        /** Sets (or moves) the rule's deadline. */
        void set(long at) throws Exception;

        /** The rule has no deadline any more. */
        void clear() throws Exception;
    }

    /** Where a rule's alerts go. */
    interface Output {
        void raise(Alert alert);
    }
}
