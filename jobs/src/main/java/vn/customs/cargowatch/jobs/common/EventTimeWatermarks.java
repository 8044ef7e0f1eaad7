package vn.customs.cargowatch.jobs.common;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of a topic's partition: its {@link TopicClock}'s time, as the decoder stamped it on each record,
 * minus the out-of-order bound.
 *
 * <p>Emitted from the records themselves rather than on a wall-clock period, so a replay decides "late" the same
 * way every time. Only accepted records carry a topic time; a rejected one (unreadable, invalid, too far ahead)
 * moves nothing.
 */
public final class EventTimeWatermarks<T> implements WatermarkGenerator<TopicRecord<T>> {

    /** Watermarks advance in steps of at least this much, so that a busy topic does not emit one per record. */
    static final long STEP_MILLIS = 1_000;

    private final long outOfOrdernessMillis;
    private long emitted = Long.MIN_VALUE;

    EventTimeWatermarks(Duration outOfOrderness) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
    }

    /** The strategy for a topic decoded by a {@link TopicDecoder}. */
    public static <T> WatermarkStrategy<TopicRecord<T>> of(Duration outOfOrderness) {
        return WatermarkStrategy.<TopicRecord<T>>forGenerator(context -> new EventTimeWatermarks<>(outOfOrderness))
                .withTimestampAssigner((record, previous) -> record.eventTime);
    }

    @Override
    public void onEvent(TopicRecord<T> record, long timestamp, WatermarkOutput output) {
        if (record.topicTime == Long.MIN_VALUE) {
            return;
        }
        long watermark = record.topicTime - outOfOrdernessMillis - 1;
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
