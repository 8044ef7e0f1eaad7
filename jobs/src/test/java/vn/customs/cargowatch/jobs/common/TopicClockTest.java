package vn.customs.cargowatch.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One sender's clock never moves a topic's time: the topic is as far as two senders have come. */
class TopicClockTest {

    static final long MINUTE = 60_000;
    static final long SIX = 1_795_327_200_000L; // 2026-11-22T06:00:00Z
    static final long DAY = Duration.ofDays(1).toMillis();

    private final TopicClock clock = new TopicClock(DAY);

    @Test
    void shouldHaveNoTimeUntilASecondSenderIsHeard() {
        assertThat(clock.accept("seal-A", SIX)).isEqualTo(Long.MIN_VALUE);
        assertThat(clock.accept("seal-A", SIX + MINUTE)).as("the same sender again").isEqualTo(Long.MIN_VALUE);
        assertThat(clock.accept("seal-B", SIX + 30_000)).isEqualTo(SIX + 30_000);
    }

    @Test
    void shouldNotLetOneSealFourHoursAheadMoveTheFleetsTime() {
        clock.accept("seal-A", SIX);
        clock.accept("seal-B", SIX);
        clock.accept("seal-C", SIX);

        assertThat(clock.accept("seal-RUNAWAY", SIX + 240 * MINUTE)).isEqualTo(SIX);
        assertThat(clock.isAhead(SIX + 240 * MINUTE)).as("within events.maxAhead: taken at its word").isFalse();
        for (int minute = 1; minute <= 60; minute++) {
            clock.accept("seal-RUNAWAY", SIX + (240 + minute) * MINUTE);
            clock.accept("seal-A", SIX + minute * MINUTE);
            clock.accept("seal-B", SIX + minute * MINUTE - 20_000);
        }

        assertThat(clock.time()).as("as far as two of the fleet have come").isEqualTo(SIX + 60 * MINUTE);
    }

    @Test
    void shouldJudgeAheadnessAgainstTheTopicsTimeAtTheBound() {
        clock.accept("seal-A", SIX);
        clock.accept("seal-B", SIX);

        assertThat(clock.isAhead(SIX + DAY)).isFalse();
        assertThat(clock.isAhead(SIX + DAY + 1)).isTrue();
    }

    @Test
    void shouldNeverGoBack() {
        clock.accept("seal-A", SIX + 10 * MINUTE);
        clock.accept("seal-B", SIX + 10 * MINUTE);

        assertThat(clock.accept("seal-C", SIX)).isEqualTo(SIX + 10 * MINUTE);
        assertThat(clock.accept("seal-A", SIX)).isEqualTo(SIX + 10 * MINUTE);
    }

    @Test
    void shouldKeepExactlyTheSecondNewestOfTheSendersNewestStamps() {
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            TopicClock judged = new TopicClock(DAY);
            Map<String, Long> newest = new HashMap<>();
            long second = Long.MIN_VALUE;
            for (int i = 0; i < 300; i++) {
                String sender = "s" + random.nextInt(1 + run % 12);
                long stamp = SIX + random.nextInt(10_000) * 1_000L;
                newest.merge(sender, stamp, Math::max);
                if (newest.size() >= 2) {
                    second = Math.max(second, newest.values().stream().sorted((a, b) -> Long.compare(b, a))
                            .skip(1).findFirst().orElseThrow());
                }
                assertThat(judged.accept(sender, stamp)).as("run %d, record %d", run, i).isEqualTo(second);
            }
        }
    }
}
