package vn.customs.cargowatch.jobs.common;

import vn.customs.cargowatch.connectors.JobMetrics;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * Turns a topic's raw lines into records. A line that cannot be read, breaks a rule of the contract,
 * comes later than the topic's out-of-order bound, or is stamped too far ahead goes to
 * {@link #DEAD_LETTERS} with the reason and the line as received — never dropped, never fatal.
 */
public final class ParseLines<T, OUT> extends ProcessFunction<String, OUT> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("deadletter") {};

    private final Topic<T> topic;
    private final Wrap<T, OUT> wrap;
    private final boolean eventTimed;
    private final long maxAheadMillis;
    private final long outOfOrdernessMillis;
    private transient Counter recordsIn;

    /** For topics whose records carry {@code ts}: late and far-ahead records are rejected too. */
    public static <T> ParseLines<T, T> eventTimed(Topic<T> topic, Duration outOfOrderness, Duration maxAhead) {
        return new ParseLines<>(topic, (record, line) -> record, true, outOfOrderness, maxAhead);
    }

    /** Like {@link #eventTimed}, handing each record on together with its line. */
    public static <T, OUT> ParseLines<T, OUT> keepingLines(
            Topic<T> topic, Duration outOfOrderness, Duration maxAhead, Wrap<T, OUT> wrap) {
        return new ParseLines<>(topic, wrap, true, outOfOrderness, maxAhead);
    }

    /** For reference topics (zones, offices) that have no event time. */
    public static <T> ParseLines<T, T> reference(Topic<T> topic) {
        return new ParseLines<>(topic, (record, line) -> record, false, Duration.ZERO, Duration.ZERO);
    }

    private ParseLines(Topic<T> topic, Wrap<T, OUT> wrap, boolean eventTimed, Duration outOfOrderness,
            Duration maxAhead) {
        this.topic = topic;
        this.wrap = wrap;
        this.eventTimed = eventTimed;
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.maxAheadMillis = maxAhead.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        recordsIn = JobMetrics.of(getRuntimeContext().getMetricGroup(), "topic", topic.name()).counter("records_in");
    }

    @Override
    public void processElement(String line, Context ctx, Collector<OUT> out) {
        recordsIn.inc();
        T record;
        try {
            record = topic.parse(line);
        } catch (Json.Rejected rejected) {
            reject(line, rejected.getMessage(), rejected.kind(), ctx);
            return;
        }
        if (eventTimed) {
            Json.Rejected timing = timingProblem(ctx.timestamp(), ctx.timerService().currentWatermark());
            if (timing != null) {
                reject(line, timing.getMessage(), timing.kind(), ctx);
                return;
            }
        }
        out.collect(wrap.apply(record, line));
    }

    private Json.Rejected timingProblem(Long timestamp, long watermark) {
        if (timestamp == null || timestamp == Long.MIN_VALUE || watermark == Long.MIN_VALUE) {
            return null;
        }
        long newest = watermark + outOfOrdernessMillis + 1;
        if (timestamp <= watermark) {
            return new Json.Rejected("late: " + Duration.ofMillis(newest - timestamp).toSeconds()
                    + " s older than the newest " + topic + " record (out-of-order bound "
                    + Duration.ofMillis(outOfOrdernessMillis).toSeconds() + " s)", DeadLetter.Kind.LATE);
        }
        if (timestamp > newest + maxAheadMillis) {
            return new Json.Rejected("ts more than " + Duration.ofMillis(maxAheadMillis).toHours()
                    + " h ahead of the " + topic + " stream", DeadLetter.Kind.AHEAD);
        }
        return null;
    }

    private void reject(String line, String reason, DeadLetter.Kind kind, Context ctx) {
        ctx.output(DEAD_LETTERS, new DeadLetter(topic.name(), reason, line,
                Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()), kind));
    }

    /** What the parsed record is handed on as. */
    @FunctionalInterface
    public interface Wrap<T, OUT> extends java.io.Serializable {
        OUT apply(T record, String line);
    }
}
