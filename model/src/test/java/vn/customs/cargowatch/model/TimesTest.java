package vn.customs.cargowatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

    private static final long DAY = 86_400_000L;

    @Test
    void shouldMoveTheNewestEventTimeOnlyForwardAndNotForABrokenClock() {
        assertThat(Times.newestAccepted(Long.MIN_VALUE, 1_000, DAY)).as("the first stamp").isEqualTo(1_000);
        assertThat(Times.newestAccepted(1_000, 500, DAY)).as("an older stamp").isEqualTo(1_000);
        assertThat(Times.newestAccepted(1_000, 1_000 + DAY, DAY)).as("exactly a day ahead").isEqualTo(1_000 + DAY);
        assertThat(Times.newestAccepted(1_000, 1_001 + DAY, DAY)).as("more than a day ahead").isEqualTo(1_000);
        assertThat(Times.newestAccepted(1_000, Long.MIN_VALUE, DAY)).as("no stamp").isEqualTo(1_000);
    }

    @Test
    void shouldWriteTheShortFormInVietnamTimeAcrossTheUtcDateLine() {
        assertThat(Times.vietnamShort(Instant.parse("2026-11-23T07:05:00Z"))).isEqualTo("14:05 23/11");
        assertThat(Times.vietnamShort(Instant.parse("2026-11-22T17:30:00Z"))).as("UTC evening is the next morning")
                .isEqualTo("00:30 23/11");
    }
}
