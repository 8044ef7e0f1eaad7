package vn.customs.cargowatch.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SmppSettingsTest {

    private static final SmppSettings SETTINGS = SmppSettings.of("127.0.0.1", 2775, "cargowatch", "s3cret", "HaiQuan");

    @Test
    void shouldDoubleTheBackoffUpToItsCap() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(SETTINGS::backoff).map(Duration::toMillis))
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
        assertThat(SETTINGS.backoff(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldRefuseACapBelowTheFirstWait() {
        assertThatThrownBy(() -> SETTINGS.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> SETTINGS.withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    }

    @Test
    void shouldNeverPrintThePassword() {
        assertThat(SETTINGS.toString()).doesNotContain("s3cret").contains("password=***");
    }
}
