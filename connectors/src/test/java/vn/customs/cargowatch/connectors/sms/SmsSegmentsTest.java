package vn.customs.cargowatch.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    private static final int REFERENCE = 0xA7;

    @Test
    void shouldSendSeventyCharactersAsOneSmsWithoutHeader() {
        String text = "ắ".repeat(70);

        List<byte[]> messages = SmsSegments.encode(text, REFERENCE);

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).hasSize(140).isEqualTo(text.getBytes(StandardCharsets.UTF_16BE));
    }

    @Test
    void shouldSplitSeventyOneCharactersIntoTwoPartsBehindConcatenationHeaders() {
        String text = "a".repeat(67) + "bcde";

        List<byte[]> messages = SmsSegments.encode(text, REFERENCE);

        assertThat(messages).hasSize(2);
        assertThat(header(messages.get(0))).isEqualTo(new byte[] {0x05, 0x00, 0x03, (byte) 0xA7, 0x02, 0x01});
        assertThat(header(messages.get(1))).isEqualTo(new byte[] {0x05, 0x00, 0x03, (byte) 0xA7, 0x02, 0x02});
        assertThat(messages.get(0)).hasSize(6 + 2 * 67);
        assertThat(body(messages.get(1))).isEqualTo("bcde");
    }

    @Test
    void shouldFitTwoHundredOneCharactersInThreePartsAndNotTwoHundredTwo() {
        List<String> three = SmsSegments.split("x".repeat(201));
        List<String> four = SmsSegments.split("x".repeat(202));

        assertThat(three).hasSize(3).allSatisfy(part -> assertThat(part).hasSize(67));
        assertThat(four).hasSize(4);
        assertThat(four.get(3)).isEqualTo("x");
    }

    @Test
    void shouldEncodeVietnameseAsBigEndianUcs2() {
        byte[] message = SmsSegments.encode("Hải quan Bắc Ninh", REFERENCE).get(0);

        // ả U+1EA3 and ắ U+1EAF; every other letter is ASCII behind a zero octet.
        assertThat(HexFormat.of().formatHex(message))
                .isEqualTo("0048" + "1ea3" + "0069" + "0020" + "0071" + "0075" + "0061" + "006e" + "0020"
                        + "0042" + "1eaf" + "0063" + "0020" + "004e" + "0069" + "006e" + "0068");
    }

    @Test
    void shouldComposeLettersTypedWithCombiningMarks() {
        String decomposed = "Ba\u0306\u0301c"; // a + breve + acute: three units that show as ắ
        assertThat(SmsSegments.split(decomposed)).containsExactly("Bắc");
    }

    @Test
    void shouldNeverCutASurrogatePairBetweenTwoParts() {
        String emoji = "\uD83D\uDE9A"; // a delivery truck, outside the BMP
        String text = "a".repeat(66) + emoji + "b".repeat(10);

        List<String> parts = SmsSegments.split(text);

        assertThat(parts).containsExactly("a".repeat(66), emoji + "b".repeat(10));
        assertThat(String.join("", parts)).isEqualTo(text);
    }

    @Test
    void shouldRefuseATextLongerThanTwoHundredFiftyFiveParts() {
        assertThat(SmsSegments.split("x".repeat(255 * 67))).hasSize(255);
        assertThatThrownBy(() -> SmsSegments.split("x".repeat(255 * 67 + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 SMS");
    }

    private static byte[] header(byte[] message) {
        return Arrays.copyOf(message, 6);
    }

    private static String body(byte[] message) {
        return new String(message, 6, message.length - 6, StandardCharsets.UTF_16BE);
    }
}
