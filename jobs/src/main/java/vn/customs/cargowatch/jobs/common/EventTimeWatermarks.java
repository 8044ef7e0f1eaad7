package vn.customs.cargowatch.jobs.common;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Times;

/**
 * Event time of a topic: the newest timestamp seen minus the out-of-order bound.
 *
 * <p>Emitted from the records themselves rather than on a wall-clock period, so a replay decides
 * "late" the same way every time. A record stamped far ahead of the topic (a seal with a broken clock)
 * does not move time forward; it is dead-lettered by {@link ParseLines}.
 */
public final class EventTimeWatermarks implements WatermarkGenerator<String> {

    /** Watermarks advance in steps of at least this much, so that a busy topic does not emit one per record. */
    static final long STEP_MILLIS = 1_000;

    private final long outOfOrdernessMillis;
    private final long maxAheadMillis;
    private long newest = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    EventTimeWatermarks(Duration outOfOrderness, Duration maxAhead) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.maxAheadMillis = maxAhead.toMillis();
    }

    /** The strategy for a topic whose lines carry {@code ts}. */
    public static WatermarkStrategy<String> forLines(Duration outOfOrderness, Duration maxAhead) {
        return WatermarkStrategy.<String>forGenerator(context -> new EventTimeWatermarks(outOfOrderness, maxAhead))
                .withTimestampAssigner((line, previous) -> Json.eventTimeOf(line));
    }

    @Override
    public void onEvent(String line, long timestamp, WatermarkOutput output) {
        long advanced = Times.newestAccepted(newest, timestamp, maxAheadMillis);
        if (advanced == newest) {
            return;
        }
        newest = advanced;
        long watermark = newest - outOfOrdernessMillis - 1;
        if (emitted == Long.MIN_VALUE || watermark >= emitted + STEP_MILLIS) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Deliberately nothing: see the class comment.
    }
}
