package vn.customs.cargowatch.jobs.common;

import java.time.Instant;
import java.util.function.Consumer;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;

/**
 * The last resort of an operator that can make nothing of a valid record: rather than failing the job — which, in
 * {@code run}, would restart it on the same record for ever — the record goes to {@code deadletter} as {@code
 * INTERNAL} with what went wrong (counted with the other dead letters, by topic and kind), the fault is logged with
 * its stack trace for the developers, and the job goes on with the next record.
 *
 * <p>Only faults of the code are caught ({@link RuntimeException}: a null where none was expected, an overflow...).
 * A failure of Flink's state or of an external system is not the record's doing and still fails the task, so
 * that Flink restores and retries it.
 */
public final class InternalErrors {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("internal-errors") {};

    private static final Logger LOG = LoggerFactory.getLogger(InternalErrors.class);

    private InternalErrors() {}

    /** One step of an operator on one record. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step}; if the code fails on {@code record}, sends an INTERNAL dead letter of it (as {@code topic})
     * to {@code deadLetters} instead of failing.
     */
    public static void guard(String operator, String topic, Object record, Consumer<DeadLetter> deadLetters, Step step)
            throws Exception {
        try {
            step.run();
        } catch (RuntimeException fault) {
            LOG.warn("{} could not handle a {} record; it goes to deadletter as INTERNAL: {}", operator, topic,
                    payloadOf(record), fault);
            deadLetters.accept(new DeadLetter(topic, "internal error in " + operator + ": " + fault, payloadOf(record),
                    Instant.now(), DeadLetter.Kind.INTERNAL));
        }
    }

    private static String payloadOf(Object record) {
        if (record instanceof String line) {
            return line;
        }
        try {
            return Json.write(record);
        } catch (RuntimeException unwritable) {
            return String.valueOf(record);
        }
    }
}
