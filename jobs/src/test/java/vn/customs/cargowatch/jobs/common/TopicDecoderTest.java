package vn.customs.cargowatch.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Topic;

/** Every message leaves the source judged: a record with its event time, or a dead letter that moves no time. */
class TopicDecoderTest {

    private final TopicDecoder<SealFix> decoder = TopicDecoder.eventTimed(Topic.SEAL_FIXES, Duration.ofDays(1));

    private static String fix(String imei, String ts, double lat) {
        return "{\"imei\":\"" + imei + "\",\"ts\":\"" + ts + "\",\"lat\":" + lat + ",\"lon\":106.3}";
    }

    private TopicRecord<SealFix> decode(String line) {
        return decoder.decode(line.getBytes(StandardCharsets.UTF_8), 0);
    }

    @Test
    void shouldStampAValidRecordWithItsEventTimeAndItsPartitionsTime() {
        decode(fix("356938035643809", "2026-11-22T06:00:00Z", 20.9));
        TopicRecord<SealFix> second = decode(fix("356938035643810", "2026-11-22T06:00:10Z", 20.9));

        assertThat(second.rejection).isNull();
        assertThat(second.record.imei()).isEqualTo("356938035643810");
        assertThat(second.eventTime).isEqualTo(second.record.ts().toEpochMilli());
        assertThat(second.topicTime).isEqualTo(java.time.Instant.parse("2026-11-22T06:00:00Z").toEpochMilli());
    }

    @Test
    void shouldNotLetAnInvalidFixStampedHoursAheadMoveTime() {
        decode(fix("356938035643809", "2026-11-22T06:00:00Z", 20.9));
        decode(fix("356938035643810", "2026-11-22T06:00:00Z", 20.9));
        TopicRecord<SealFix> invalid = decode(fix("356938035643811", "2026-11-22T10:00:00Z", 999));
        TopicRecord<SealFix> invalidToo = decode(fix("356938035643812", "2026-11-22T10:00:00Z", 999));

        assertThat(invalid.rejection.kind()).isEqualTo(DeadLetter.Kind.INVALID);
        assertThat(invalid.eventTime).isEqualTo(Long.MIN_VALUE);
        assertThat(invalidToo.topicTime).isEqualTo(Long.MIN_VALUE);
        assertThat(decoder.eventTime()).as("still 06:00, though two senders said 10:00")
                .isEqualTo(java.time.Instant.parse("2026-11-22T06:00:00Z").toEpochMilli());
    }

    @Test
    void shouldRejectAMessageThatIsNotUtf8AsUnreadableKeepingItsBytes() {
        byte[] message = "{\"imei\":\"35693803564380\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        TopicRecord<SealFix> decoded = decoder.decode(message, 0);

        assertThat(decoded.rejection.kind()).isEqualTo(DeadLetter.Kind.UNREADABLE);
        assertThat(decoded.rejection.reason()).startsWith("not UTF-8");
        assertThat(decoded.rejection.payloadEncoding()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(decoded.rejection.payload())).isEqualTo(message);
        assertThat(decoded.eventTime).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldCutAPayloadOver64KilobytesAndSaySo() {
        String huge = "{\"imei\":\"" + "9".repeat(2_000_000) + "\"}";

        DeadLetter letter = decode(huge).rejection;

        assertThat(letter.payloadTruncated()).isTrue();
        assertThat(letter.payload().getBytes(StandardCharsets.UTF_8)).hasSize(DeadLetter.MAX_PAYLOAD_BYTES);
        assertThat(huge).startsWith(letter.payload());
        assertThat(letter.reason().length()).isLessThan(200);
    }

    @Test
    void shouldRejectARecordMoreThanMaxAheadOfTheTopicAtTheBound() {
        decode(fix("356938035643809", "2026-11-22T06:00:00Z", 20.9));
        decode(fix("356938035643810", "2026-11-22T06:00:00Z", 20.9));

        assertThat(decode(fix("356938035643811", "2026-11-23T06:00:00Z", 20.9)).rejection).isNull();
        assertThat(decode(fix("356938035643811", "2026-11-23T06:00:00.001Z", 20.9)).rejection.kind())
                .isEqualTo(DeadLetter.Kind.AHEAD);
    }

    @Test
    void shouldKeepAClockPerPartition() {
        decoder.decode(fix("356938035643809", "2026-11-22T06:00:00Z", 20.9).getBytes(StandardCharsets.UTF_8), 0);
        decoder.decode(fix("356938035643810", "2026-11-22T06:00:00Z", 20.9).getBytes(StandardCharsets.UTF_8), 0);
        TopicRecord<SealFix> other = decoder.decode(
                fix("356938035643811", "2026-11-22T08:00:00Z", 20.9).getBytes(StandardCharsets.UTF_8), 1);

        assertThat(other.topicTime).as("partition 1 has heard one sender").isEqualTo(Long.MIN_VALUE);
    }
}
