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

    @Test
    void shouldReadTheCommonFormExactlyAsOffsetDateTimeDoesAndLeaveTheRestToIt() {
        java.util.Random random = new java.util.Random(42);
        String[] offsets = {"Z", "+07:00", "-03:30", "+18:00", "+18:01", "+19:00", "z", "+0700", "+07:00:00", "-00:00"};
        String[] fractions = {"", ".1", ".123", ".123456789", ".1234567890", ".", ".12a"};
        int read = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", random.nextInt(2200),
                    random.nextInt(14), random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61),
                    fractions[random.nextInt(fractions.length)], offsets[random.nextInt(offsets.length)]);
            java.time.Instant expected;
            try {
                expected = java.time.OffsetDateTime.parse(text).toInstant();
            } catch (java.time.DateTimeException e) {
                expected = null;
            }
            java.time.Instant fast = Times.commonForm(text);
            if (fast != null) {
                read++;
                assertThat(fast).as(text).isEqualTo(expected);
            }
        }
        assertThat(read).as("the common form is read by hand").isGreaterThan(2_000);
    }

    @Test
    void shouldWriteTimesAsIsoInstantDoesToTheMillisecond() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochMilli(Times.EARLIEST.toEpochMilli()
                    + (long) (random.nextDouble() * (Times.LATEST.toEpochMilli() - Times.EARLIEST.toEpochMilli())))
                    .plusNanos(random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000));
            if (random.nextInt(4) == 0) {
                instant = Instant.ofEpochSecond(instant.getEpochSecond()); // no fraction at all
            }
            assertThat(Times.format(instant)).as("%s", instant)
                    .isEqualTo(java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                            instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        }
    }
}
