package vn.customs.cargowatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A dead letter keeps the record as it came, small enough for any sink, and valid JSON whatever the bytes. */
class DeadLetterTest {

    static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

    @Test
    void shouldKeepUtf8BytesAsText() {
        DeadLetter letter = DeadLetter.ofBytes("seal.fixes", "r", "{\"a\":\"Hải Phòng\"}".getBytes(StandardCharsets.UTF_8),
                NOW, DeadLetter.Kind.INVALID);

        assertThat(letter.payload()).isEqualTo("{\"a\":\"Hải Phòng\"}");
        assertThat(letter.payloadEncoding()).isNull();
        assertThat(Json.write(letter)).doesNotContain("payloadEncoding").doesNotContain("payloadTruncated");
    }

    @Test
    void shouldKeepBytesThatAreNotUtf8AsBase64() {
        byte[] raw = {'{', (byte) 0xFF, '}'};

        DeadLetter letter = DeadLetter.ofBytes("seal.fixes", "r", raw, NOW, DeadLetter.Kind.UNREADABLE);

        assertThat(letter.payloadEncoding()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(letter.payload())).isEqualTo(raw);
        assertThat(Json.write(letter)).contains("\"payloadEncoding\":\"base64\"");
    }

    @Test
    void shouldCutAPayloadAt64KilobytesOnACharacterBoundary() {
        String payload = "ả".repeat(40_000); // 3 bytes each: 120,000 bytes

        DeadLetter letter = new DeadLetter("seal.fixes", "r", payload, NOW, DeadLetter.Kind.INVALID);

        assertThat(letter.payloadTruncated()).isTrue();
        assertThat(letter.payload().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(DeadLetter.MAX_PAYLOAD_BYTES).isGreaterThan(DeadLetter.MAX_PAYLOAD_BYTES - 3);
        assertThat(payload).startsWith(letter.payload());
        assertThat(new DeadLetter("seal.fixes", "r", "ả".repeat(21_845), NOW, null).payloadTruncated())
                .as("65,535 bytes").isNull();
    }

    @Test
    void shouldCutBytesThatAreNotUtf8At64Kilobytes() {
        byte[] raw = new byte[100_000];
        java.util.Arrays.fill(raw, (byte) 0xFF);

        DeadLetter letter = DeadLetter.ofBytes("seal.fixes", "r", raw, NOW, DeadLetter.Kind.UNREADABLE);

        assertThat(letter.payloadTruncated()).isTrue();
        assertThat(Base64.getDecoder().decode(letter.payload())).hasSize(DeadLetter.MAX_PAYLOAD_BYTES);
    }

    @Test
    void shouldCutAVeryLongReason() {
        DeadLetter letter = new DeadLetter("seal.fixes", "x".repeat(5_000), "p", NOW, DeadLetter.Kind.INTERNAL);

        assertThat(letter.reason()).hasSize(DeadLetter.MAX_REASON).endsWith("…");
    }

    @Test
    void shouldWriteHalfACharacterInTheReasonAsItsEscapeSoThatUtf8CarriesTheReasonWhole() throws Exception {
        DeadLetter letter = new DeadLetter("seal.fixes", "ts: '\uD800x' is not a time", "{\"ts\":\"\\uD800x\"}", NOW,
                DeadLetter.Kind.UNREADABLE);

        assertThat(letter.reason()).isEqualTo("ts: '\\uD800x' is not a time");
        byte[] written = Json.write(letter).getBytes(StandardCharsets.UTF_8);
        assertThat(Json.read(new String(written, StandardCharsets.UTF_8), DeadLetter.class).reason())
                .isEqualTo(letter.reason());
        assertThat(new DeadLetter("t", "pair \uD83D\uDE9A kept", "p", NOW).reason())
                .isEqualTo("pair \uD83D\uDE9A kept");
    }
}
