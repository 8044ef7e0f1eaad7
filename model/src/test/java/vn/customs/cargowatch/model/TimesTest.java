package vn.customs.cargowatch.model;

import static org.assertj.core.api.Assertions.assertThat;

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
}
