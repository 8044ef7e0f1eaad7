package vn.customs.cargowatch.jobs.common;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.clock.RelativeClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.customs.cargowatch.connectors.JobMetrics;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.Topic;

/**
 * Event time of a topic's partition: its {@link TopicClock}'s time, as the decoder stamped it on each record,
 * minus the out-of-order bound.
 *
 * <p>Emitted from the records themselves rather than on a wall-clock period, so a replay decides "late" the same
 * way every time ({@link #of}). Only accepted records carry a topic time; a rejected one (unreadable, invalid, too far
 * ahead) moves nothing.
 *
 * <p>A live feed ({@link #live}: Kafka) may fall quiet — at night, at a quiet gate, or with only one sender still
 * sending, since the topic clock needs two — and nothing would then move its deadlines (a stop, a lost signal, a
 * trip not arrived, a silent camera) or the decisions held for event time. So a partition whose time has not moved
 * for {@code quietAfter} (on Flink's input-activity clock, which does not count time spent back-pressured) is quiet,
 * and then:
 * <ul>
 *   <li>if its records are <em>live</em> — the newest stamp it has read was no further than the bound behind the wall
 *       clock when it was read — its watermark follows the wall clock less the bound. A live record still to come is
 *       stamped at most the bound before now, so the clock never makes late a record the bound would have taken;
 *       its records move it again as soon as they move its time;</li>
 *   <li>otherwise — history fed through Kafka, a backlog read after an outage, a partition that has read nothing
 *       since the job started — it is idle: it stops holding the others back, and its time waits for its records
 *       as in a replay. The wall clock must never overtake records that are still to come.</li>
 * </ul>
 * A stamp further ahead of the wall clock than the bound says nothing about liveness (a seal's clock set wrong).
 * The gauge {@code watermark_follows_clock{topic}} counts a subtask's partitions of the topic whose event time
 * follows the clock, and a log line marks when each starts and stops.
 */
public final class EventTimeWatermarks<T> implements WatermarkGenerator<TopicRecord<T>> {

    /** Watermarks advance in steps of at least this much, so that a busy topic does not emit one per record. */
    static final long STEP_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(EventTimeWatermarks.class);

    private final long outOfOrdernessMillis;
    private final Quiet quiet;
    private long emitted = Long.MIN_VALUE;

    // live only
    private long topicTime = Long.MIN_VALUE;
    private long movedAtNanos;
    private long newestStamp = Long.MIN_VALUE;
    private long newestReadAt;
    private boolean followsClock;
    private boolean idle;

    /**
     * How a live partition knows it is quiet: after {@code afterNanos} without its time moving, on {@code activity};
     * the wall clock it then follows; and where it says so.
     */
    record Quiet(long afterNanos, RelativeClock activity, LongSupplier wallClock, ClockFollowers followers) {}

    EventTimeWatermarks(Duration outOfOrderness) {
        this(outOfOrderness, null);
    }

    EventTimeWatermarks(Duration outOfOrderness, Quiet quiet) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.quiet = quiet;
        if (quiet != null) {
            movedAtNanos = quiet.activity().relativeTimeNanos();
        }
    }

    /** The strategy for a topic decoded by a {@link TopicDecoder}, read as history: pure event time. */
    public static <T> WatermarkStrategy<TopicRecord<T>> of(Duration outOfOrderness) {
        return WatermarkStrategy.<TopicRecord<T>>forGenerator(context -> new EventTimeWatermarks<>(outOfOrderness))
                .withTimestampAssigner((record, previous) -> record.eventTime);
    }

    /** The strategy for a topic read live: a partition quiet for {@code quietAfter} follows the clock or is idle. */
    public static <T> WatermarkStrategy<TopicRecord<T>> live(Topic<?> topic, Duration outOfOrderness,
            Duration quietAfter) {
        return WatermarkStrategy.<TopicRecord<T>>forGenerator(new LiveGenerators<>(topic.name(), outOfOrderness,
                        quietAfter))
                .withTimestampAssigner((record, previous) -> record.eventTime);
    }

    @Override
    public void onEvent(TopicRecord<T> record, long timestamp, WatermarkOutput output) {
        if (quiet != null && record.eventTime != Long.MIN_VALUE) {
            noteStamp(record.eventTime);
        }
        if (record.topicTime == Long.MIN_VALUE) {
            return;
        }
        if (quiet != null && record.topicTime > topicTime) {
            topicTime = record.topicTime;
            movedAtNanos = quiet.activity().relativeTimeNanos();
            stopFollowing("moves with its records again");
        }
        long watermark = record.topicTime - outOfOrdernessMillis - 1;
        if (emitted == Long.MIN_VALUE || watermark >= emitted + STEP_MILLIS) {
            emit(watermark, output);
        }
    }

    /**
     * Pure event time emits nothing here: see the class comment. Live, a quiet partition follows the clock or is
     * idle.
     */
    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (quiet == null || quiet.activity().relativeTimeNanos() - movedAtNanos < quiet.afterNanos()) {
            return;
        }
        if (isLive()) {
            long watermark = quiet.wallClock().getAsLong() - outOfOrdernessMillis - 1;
            if (emitted == Long.MIN_VALUE || watermark >= emitted + STEP_MILLIS) {
                emit(watermark, output);
                if (!followsClock) {
                    followsClock = true;
                    quiet.followers().started(watermark + 1, Duration.ofMillis(outOfOrdernessMillis),
                            Duration.ofNanos(quiet.afterNanos()));
                }
            }
        } else if (!idle) {
            idle = true;
            output.markIdle();
        }
    }

    /** Whether the partition follows the wall clock now. */
    boolean followsClock() {
        return followsClock;
    }

    private void emit(long watermark, WatermarkOutput output) {
        emitted = watermark;
        idle = false; // a watermark makes an idle output active again
        output.emitWatermark(new Watermark(watermark));
    }

    private void noteStamp(long stamp) {
        long now = quiet.wallClock().getAsLong();
        if (stamp > now + outOfOrdernessMillis || stamp < newestStamp) {
            return; // from a clock set ahead, or older than what the partition has read: says nothing new
        }
        newestStamp = stamp;
        newestReadAt = now;
        if (!isLive()) {
            stopFollowing("reads records stamped " + Duration.ofMillis(now - stamp).toSeconds()
                    + " s behind the wall clock: history, not a live feed");
        }
    }

    private boolean isLive() {
        return newestStamp != Long.MIN_VALUE && newestReadAt - newestStamp <= outOfOrdernessMillis;
    }

    private void stopFollowing(String why) {
        if (followsClock) {
            followsClock = false;
            quiet.followers().stopped(why);
        }
    }

    /**
     * Makes the live generators of one topic's partitions in a source subtask (Flink deserializes one supplier per
     * subtask and asks it once per partition), with one gauge for all of them.
     */
    private static final class LiveGenerators<T> implements WatermarkGeneratorSupplier<TopicRecord<T>> {
        private final String topic;
        private final Duration outOfOrderness;
        private final Duration quietAfter;
        private transient ClockFollowers followers;

        LiveGenerators(String topic, Duration outOfOrderness, Duration quietAfter) {
            this.topic = topic;
            this.outOfOrderness = outOfOrderness;
            this.quietAfter = quietAfter;
        }

        @Override
        public WatermarkGenerator<TopicRecord<T>> createWatermarkGenerator(Context context) {
            if (followers == null) {
                followers = ClockFollowers.register(context.getMetricGroup(), topic);
            }
            return new EventTimeWatermarks<>(outOfOrderness, new Quiet(quietAfter.toNanos(),
                    context.getInputActivityClock(), System::currentTimeMillis, followers));
        }
    }

    /**
     * How many of a subtask's partitions of one topic follow the wall clock ({@code watermark_follows_clock}, labelled
     * by topic), and the log lines that say when one starts or stops.
     */
    static final class ClockFollowers implements Gauge<Integer> {
        private final String topic;
        private final AtomicInteger partitions = new AtomicInteger();

        ClockFollowers(String topic) {
            this.topic = topic;
        }

        static ClockFollowers register(MetricGroup group, String topic) {
            return JobMetrics.of(group, "topic", topic).gauge("watermark_follows_clock", new ClockFollowers(topic));
        }

        void started(long eventTime, Duration outOfOrderness, Duration quietAfter) {
            partitions.incrementAndGet();
            LOG.info("{}: a partition whose time has not moved for {} s follows the wall clock: its event time is {} "
                            + "(now less events.outOfOrderness, {} s), and deadlines after its last record pass",
                    topic, quietAfter.toSeconds(), Times.format(Instant.ofEpochMilli(eventTime)),
                    outOfOrderness.toSeconds());
        }

        void stopped(String why) {
            partitions.decrementAndGet();
            LOG.info("{}: a partition that followed the wall clock {}", topic, why);
        }

        @Override
        public Integer getValue() {
            return partitions.get();
        }
    }
}
