package vn.customs.cargowatch.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

/**
 * A live partition that falls quiet follows the wall clock less the out-of-order bound, never further, and only when
 * its records are live; history and a partition that has read nothing are idle instead; a replay's watermarks come
 * from its records alone.
 */
class EventTimeWatermarksTest {

    static final Duration BOUND = Duration.ofMinutes(2);
    static final Duration QUIET_AFTER = Duration.ofSeconds(30);
    static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");

    /** The wall clock, and Flink's input-activity clock, which stands still while the source is back-pressured. */
    private final ManualClock wall = new ManualClock(NOW.toEpochMilli() * 1_000_000);
    private final ManualClock activity = new ManualClock(0);
    private final EventTimeWatermarks.ClockFollowers followers = new EventTimeWatermarks.ClockFollowers("seal.fixes");
    private final Output output = new Output();
    private final EventTimeWatermarks<String> live = new EventTimeWatermarks<>(BOUND,
            new EventTimeWatermarks.Quiet(QUIET_AFTER.toNanos(), activity, wall::absoluteTimeMillis, followers));

    /** What the partition told Flink: its watermarks, and whether it went idle. */
    static final class Output implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        int idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle++;
        }

        @Override
        public void markActive() {}

        Long last() {
            return watermarks.isEmpty() ? null : watermarks.get(watermarks.size() - 1);
        }
    }

    private static TopicRecord<String> record(Instant stamp, Instant topicTime) {
        TopicRecord<String> record = new TopicRecord<>();
        record.record = "fix";
        record.eventTime = stamp.toEpochMilli();
        record.topicTime = topicTime == null ? Long.MIN_VALUE : topicTime.toEpochMilli();
        return record;
    }

    private void read(EventTimeWatermarks<String> generator, Instant stamp, Instant topicTime) {
        TopicRecord<String> record = record(stamp, topicTime);
        generator.onEvent(record, record.eventTime, output);
    }

    /** Both clocks move on by {@code duration}, in the 200 ms periods in which Flink asks for watermarks. */
    private void pass(EventTimeWatermarks<String> generator, Duration duration) {
        for (long elapsed = 0; elapsed < duration.toMillis(); elapsed += 200) {
            wall.advanceTime(Duration.ofMillis(200));
            activity.advanceTime(Duration.ofMillis(200));
            generator.onPeriodicEmit(output);
        }
    }

    private long now() {
        return wall.absoluteTimeMillis();
    }

    @Test
    void shouldFollowTheWallClockLessTheBoundOnceALivePartitionIsQuiet() {
        read(live, NOW.minusSeconds(1), null);
        read(live, NOW, NOW.minusSeconds(1));
        assertThat(output.last()).isEqualTo(NOW.minusSeconds(1).minus(BOUND).toEpochMilli() - 1);

        pass(live, QUIET_AFTER.minusSeconds(1));
        assertThat(output.watermarks).as("not quiet yet").hasSize(1);
        assertThat(live.followsClock()).isFalse();

        pass(live, Duration.ofSeconds(2));
        assertThat(output.last()).isEqualTo(now() - BOUND.toMillis() - 1);
        assertThat(live.followsClock()).isTrue();
        assertThat(followers.getValue()).isEqualTo(1);

        pass(live, Duration.ofMinutes(30));
        assertThat(output.last()).as("a deadline 30 min after the last record passes").isEqualTo(now()
                - BOUND.toMillis() - 1);
        assertThat(output.idle).isZero();
    }

    @Test
    void shouldNeverMakeLateARecordTheBoundStillTakes() {
        read(live, NOW, null);
        read(live, NOW, NOW);
        pass(live, Duration.ofMinutes(5));

        long watermark = output.last();
        assertThat(now() - BOUND.toMillis()).as("stamped the bound before now: on time").isGreaterThan(watermark);
        assertThat(now() - BOUND.toMillis() - 1).as("a millisecond more: late").isLessThanOrEqualTo(watermark);
    }

    @Test
    void shouldFollowTheClockWhenOnlyOneSenderIsSending() {
        for (int second = 0; second < 120; second += 10) {
            wall.advanceTime(Duration.ofSeconds(10));
            activity.advanceTime(Duration.ofSeconds(10));
            read(live, Instant.ofEpochMilli(now()), null); // one seal: the topic clock has no time
            live.onPeriodicEmit(output);
        }
        assertThat(output.watermarks).as("records keep coming, the topic's time never moves").isNotEmpty();
        assertThat(output.last()).isEqualTo(now() - BOUND.toMillis() - 1);
    }

    @Test
    void shouldStopFollowingWhenItsRecordsMoveItsTimeAgain() {
        read(live, NOW, null);
        read(live, NOW, NOW);
        pass(live, Duration.ofMinutes(1));
        assertThat(live.followsClock()).isTrue();

        read(live, Instant.ofEpochMilli(now()), null);
        read(live, Instant.ofEpochMilli(now()), Instant.ofEpochMilli(now()));
        assertThat(live.followsClock()).isFalse();
        assertThat(followers.getValue()).isZero();
        int emitted = output.watermarks.size();
        pass(live, QUIET_AFTER.minusSeconds(1));
        assertThat(output.watermarks).as("its records lead it until it is quiet again").hasSize(emitted);
    }

    @Test
    void shouldBeIdleNotFollowTheClockWhenItsRecordsAreHistory() {
        Instant tenDaysAgo = NOW.minus(Duration.ofDays(10));
        read(live, tenDaysAgo, null);
        read(live, tenDaysAgo, tenDaysAgo);
        pass(live, Duration.ofMinutes(5));

        assertThat(output.watermarks).containsExactly(tenDaysAgo.minus(BOUND).toEpochMilli() - 1);
        assertThat(output.idle).isEqualTo(1);
        assertThat(live.followsClock()).isFalse();
    }

    @Test
    void shouldBeIdleWhenItHasReadNothingSinceItStarted() {
        pass(live, Duration.ofMinutes(5));

        assertThat(output.watermarks).isEmpty();
        assertThat(output.idle).isEqualTo(1);
    }

    @Test
    void shouldNotTakeAClockSetAheadForALiveFeed() {
        Instant tenDaysAgo = NOW.minus(Duration.ofDays(10));
        read(live, tenDaysAgo, null);
        read(live, tenDaysAgo, tenDaysAgo);
        read(live, NOW.plus(Duration.ofHours(7)), tenDaysAgo); // a seal on the wrong time zone
        pass(live, Duration.ofMinutes(5));

        assertThat(output.watermarks).hasSize(1);
        assertThat(output.idle).isEqualTo(1);
    }

    @Test
    void shouldStopFollowingWhenTheFeedFallsBehind() {
        read(live, NOW, null);
        read(live, NOW, NOW);
        pass(live, Duration.ofMinutes(1));
        assertThat(live.followsClock()).isTrue();

        // a newer record, but read 5 min after its stamp: the partition now reads a backlog
        wall.advanceTime(Duration.ofMinutes(5));
        read(live, NOW.plus(Duration.ofMinutes(1)), null);
        assertThat(live.followsClock()).isFalse();
        int emitted = output.watermarks.size();
        pass(live, Duration.ofMinutes(1));
        assertThat(output.watermarks).hasSize(emitted);
        assertThat(output.idle).isEqualTo(1);
    }

    @Test
    void shouldNotCountTimeSpentBackPressuredAsQuiet() {
        read(live, NOW, null);
        read(live, NOW, NOW);
        wall.advanceTime(Duration.ofMinutes(10)); // the input-activity clock stands still: Flink could not read
        live.onPeriodicEmit(output);

        assertThat(output.watermarks).hasSize(1);
        assertThat(output.idle).isZero();
    }

    @Test
    void shouldKeepPureEventTimeInAReplay() {
        EventTimeWatermarks<String> replay = new EventTimeWatermarks<>(BOUND);
        read(replay, NOW, null);
        read(replay, NOW, NOW);
        pass(replay, Duration.ofHours(1));

        assertThat(output.watermarks).containsExactly(NOW.minus(BOUND).toEpochMilli() - 1);
        assertThat(output.idle).isZero();
    }
}
