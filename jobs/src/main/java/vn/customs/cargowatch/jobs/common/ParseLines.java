package vn.customs.cargowatch.jobs.common;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.customs.cargowatch.connectors.JobMetrics;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Topic;

/**
 * Hands on a topic's records as its source decoded them ({@link TopicDecoder}), chained to the source. A message
 * the decoder rejected, or a record that comes later than the topic's out-of-order bound allows (judged here,
 * against the watermark it meets), goes to {@link #DEAD_LETTERS} with the reason and the message as received —
 * never dropped, never fatal.
 */
public final class ParseLines<T, OUT> extends ProcessFunction<TopicRecord<T>, OUT> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("deadletter") {};

    private final Topic<T> topic;
    private final Wrap<T, OUT> wrap;
    private final long outOfOrdernessMillis;
    private transient Counter recordsIn;

    /** For topics whose records carry {@code ts}: late records are rejected too. */
    public static <T> ParseLines<T, T> eventTimed(Topic<T> topic, Duration outOfOrderness) {
        return new ParseLines<>(topic, (record, line) -> record, outOfOrderness);
    }

    /** Like {@link #eventTimed}, handing each record on together with its line. */
    public static <T, OUT> ParseLines<T, OUT> keepingLines(Topic<T> topic, Duration outOfOrderness, Wrap<T, OUT> wrap) {
        return new ParseLines<>(topic, wrap, outOfOrderness);
    }

    /** For reference topics (zones, offices) that have no event time. */
    public static <T> ParseLines<T, T> reference(Topic<T> topic) {
        return new ParseLines<>(topic, (record, line) -> record, Duration.ZERO);
    }

    private ParseLines(Topic<T> topic, Wrap<T, OUT> wrap, Duration outOfOrderness) {
        this.topic = topic;
        this.wrap = wrap;
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        recordsIn = JobMetrics.of(getRuntimeContext().getMetricGroup(), "topic", topic.name()).counter("records_in");
    }

    @Override
    public void processElement(TopicRecord<T> decoded, Context ctx, Collector<OUT> out) {
        recordsIn.inc();
        if (decoded.rejection != null) {
            ctx.output(DEAD_LETTERS, decoded.rejection);
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        if (decoded.eventTime != Long.MIN_VALUE && watermark != Long.MIN_VALUE && decoded.eventTime <= watermark) {
            long newest = watermark + outOfOrdernessMillis + 1;
            ctx.output(DEAD_LETTERS, new DeadLetter(topic.name(), "late: "
                    + Duration.ofMillis(newest - decoded.eventTime).toSeconds() + " s older than the newest " + topic
                    + " record (out-of-order bound " + Duration.ofMillis(outOfOrdernessMillis).toSeconds() + " s)",
                    decoded.line, Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()),
                    DeadLetter.Kind.LATE));
            return;
        }
        out.collect(wrap.apply(decoded.record, decoded.line));
    }

    /** What the parsed record is handed on as. */
    @FunctionalInterface
    public interface Wrap<T, OUT> extends java.io.Serializable {
        OUT apply(T record, String line);
    }
}
