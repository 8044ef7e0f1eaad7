package vn.customs.cargowatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

    @Test
    void shouldAcceptTimesFrom2000UpToButNotIncluding2100() {
        assertThat(Times.parse("2000-01-01T07:00:00+07:00")).isEqualTo(Times.EARLIEST);
        assertThat(Times.parse("2099-12-31T23:59:59.999Z")).isEqualTo(Times.LATEST.minusMillis(1));
        assertThat(Times.ofEpochMillis(Times.EARLIEST.toEpochMilli())).isEqualTo(Times.EARLIEST);
        assertThatThrownBy(() -> Times.parse("1999-12-31T23:59:59.999Z")).hasMessageContaining("outside 2000-01-01");
        assertThatThrownBy(() -> Times.parse("2100-01-01T00:00:00Z")).hasMessageContaining("outside 2000-01-01");
        assertThatThrownBy(() -> Times.ofEpochMillis(Times.LATEST.toEpochMilli()))
                .hasMessage("'4102444800000' is outside 2000-01-01 to 2100-01-01");
        assertThatThrownBy(() -> Times.ofEpochMillis(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Times.parse("+999999999-12-31T23:59:59Z")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Found by TopicDecoderFuzzTest (jobs): a record with nanoseconds was not the record it is written as. */
    @Test
    void shouldReadATimeToTheMillisecondAsEventTimeAndOutputsHaveIt() {
        assertThat(Times.parse("2026-11-22T13:00:00.123456789+07:00"))
                .isEqualTo(Instant.parse("2026-11-22T06:00:00.123Z"));
        assertThat(Times.parse("2099-12-31T23:59:59.9999999Z")).isEqualTo(Times.LATEST.minusMillis(1));
        assertThat(Times.parse("2000-01-01T00:00:00.0009Z")).isEqualTo(Times.EARLIEST);
    }

    @Test
    void shouldWriteTheShortFormInVietnamTimeAcrossTheUtcDateLine() {
        assertThat(Times.vietnamShort(Instant.parse("2026-11-23T07:05:00Z"))).isEqualTo("14:05 23/11");
        assertThat(Times.vietnamShort(Instant.parse("2026-11-22T17:30:00Z"))).as("UTC evening is the next morning")
                .isEqualTo("00:30 23/11");
    }
}
