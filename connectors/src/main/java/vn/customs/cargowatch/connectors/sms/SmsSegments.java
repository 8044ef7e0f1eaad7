package vn.customs.cargowatch.connectors.sms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * How a text becomes the short messages of SMPP {@code submit_sm}s: UCS-2 (data coding 0x08, big-endian UTF-16),
 * because GSM 7-bit has none of Vietnamese's diacritics; 70 characters fit one SMS (140 octets), a longer text
 * goes in parts of 67 behind a 6-octet concatenation header (3GPP TS 23.040 §9.2.3.24.1, IEI 0x00, 8-bit
 * reference) that the phone uses to show them as one message.
 *
 * <p>The text is sent composed (NFC): a letter typed as a base and combining marks ("a" + hook + ...) shows the
 * same on a phone but takes up to three characters of the 70. A character outside the Basic Multilingual Plane
 * (two UTF-16 units) is never cut between two parts: a phone would show both halves as garbage.
 */
final class SmsSegments {

    static final int SINGLE_MAX = 70;
    static final int PART_MAX = 67;
    /** The concatenation header counts parts in one octet. */
    static final int MAX_PARTS = 255;

    private static final byte UDH_LENGTH = 0x05;
    private static final byte IEI_CONCATENATED_8BIT = 0x00;
    private static final byte IE_LENGTH = 0x03;

    private SmsSegments() {}

    /** The text of each SMS: the whole text if it fits one, else parts of at most {@link #PART_MAX} units. */
    static List<String> split(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (text.length() <= SINGLE_MAX) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + PART_MAX, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            parts.add(text.substring(start, end));
            start = end;
        }
        if (parts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("a text of " + text.length() + " characters needs " + parts.size()
                    + " SMS, more than the " + MAX_PARTS + " one message may have");
        }
        return parts;
    }

    /**
     * The short message of each SMS: UCS-2 octets, behind the concatenation header when there are several.
     * {@code reference} (0-255) must differ between long messages to the same phone that could be in flight
     * together, or the phone mixes their parts.
     */
    static List<byte[]> encode(String text, int reference) {
        List<String> parts = split(text);
        if (parts.size() == 1) {
            return List.of(parts.get(0).getBytes(StandardCharsets.UTF_16BE));
        }
        List<byte[]> messages = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            byte[] header = concatenationHeader(reference, parts.size(), i + 1);
            byte[] body = parts.get(i).getBytes(StandardCharsets.UTF_16BE);
            messages.add(ByteBuffer.allocate(header.length + body.length).put(header).put(body).array());
        }
        return messages;
    }

    /** UDHL, IEI, IE length, reference, total parts, this part's number (from 1). */
    static byte[] concatenationHeader(int reference, int total, int sequence) {
        return new byte[] {UDH_LENGTH, IEI_CONCATENATED_8BIT, IE_LENGTH, (byte) reference, (byte) total,
                (byte) sequence};
    }
}
