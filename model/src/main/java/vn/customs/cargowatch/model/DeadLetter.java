package vn.customs.cargowatch.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * {@code deadletter}: a record that could not be used, kept as received with the reason. {@code kind} sorts the
 * reasons into a few classes, so that operators can count and alert on them (the reason itself is free text).
 *
 * <p>The payload is the raw record: its text when it is UTF-8, else its bytes in base64 with {@code payloadEncoding
 * "base64"}. A payload over {@value #MAX_PAYLOAD_BYTES} bytes is cut there, with {@code payloadTruncated true}: Kafka
 * refuses records over 1 MB by default, and a dead letter the sink cannot write would fail the job on the very
 * record it was meant to set aside. The reason is cut at {@value #MAX_REASON} characters for the same cause, and any
 * half character it quotes (a lone surrogate such as U+D800, which a record's escape can make) is written as a JSON
 * escape: UTF-8 cannot carry it, and a sink would put {@code ?} in its place.
 */
public record DeadLetter(String topic, String reason, String payload, Instant ts, Kind kind, String payloadEncoding,
        Boolean payloadTruncated) {

    /** The most of a raw record a dead letter keeps. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    /** The longest reason: a sentence, with at most {@value Validated#QUOTED} characters of the value it is about. */
    public static final int MAX_REASON = 400;

    /** {@code payloadEncoding} of a payload that was not UTF-8. */
    public static final String BASE64 = "base64";

    /** Why a record was not used, in classes a Prometheus label can carry. */
    public enum Kind {
        /** Not UTF-8, not JSON, or a field of the wrong type. */
        UNREADABLE,
        /** Readable, but breaks a rule of the contract (a missing field, a value out of range). */
        INVALID,
        /** Older than its topic's out-of-order bound allows. */
        LATE,
        /** Stamped further ahead than {@code events.maxAhead}. */
        AHEAD,
        /** Valid on its own, but not acceptable in its context (a seal registered twice, an action refused). */
        REFUSED,
        /** Valid, but an operator could make nothing of it: a fault of ours, logged, for the developers. */
        INTERNAL
    }

    /** A dead letter whose payload is text as received. */
    public DeadLetter(String topic, String reason, String payload, Instant ts, Kind kind) {
        this(topic, cutReason(reason), cutText(payload), ts, kind, null,
                payload != null && utf8Length(payload) > MAX_PAYLOAD_BYTES ? Boolean.TRUE : null);
    }

    /** A dead letter of an unknown kind (written before kinds existed). */
    public DeadLetter(String topic, String reason, String payload, Instant ts) {
        this(topic, reason, payload, ts, null);
    }

    /** A dead letter of raw bytes as received: their text when they are UTF-8, else base64. */
    public static DeadLetter ofBytes(String topic, String reason, byte[] raw, Instant ts, Kind kind) {
        String text = utf8(raw);
        if (text != null) {
            return new DeadLetter(topic, reason, text, ts, kind);
        }
        boolean truncated = raw.length > MAX_PAYLOAD_BYTES;
        byte[] kept = truncated ? Arrays.copyOf(raw, MAX_PAYLOAD_BYTES) : raw;
        return new DeadLetter(topic, cutReason(reason), Base64.getEncoder().encodeToString(kept), ts, kind, BASE64,
                truncated ? Boolean.TRUE : null);
    }

    /** {@code bytes} as text when they are valid UTF-8, else {@code null}: no byte is silently replaced. */
    public static String utf8(byte[] bytes) {
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1); // ASCII is UTF-8 as it is: the common case, quickly
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return strict.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String cutReason(String raw) {
        String reason = wholeCharacters(raw);
        if (reason == null || reason.length() <= MAX_REASON) {
            return reason;
        }
        return reason.substring(0, reason.offsetByCodePoints(0, reason.codePointCount(0, MAX_REASON - 1))) + "…";
    }

    /** {@code text} with each half character written as its JSON escape, {@code \\uD800}. */
    private static String wholeCharacters(String text) {
        int half = text == null ? -1 : Validated.halfCharacter(text, 0);
        if (half < 0) {
            return text;
        }
        StringBuilder whole = new StringBuilder(text.length() + 5);
        int from = 0;
        for (; half >= 0; half = Validated.halfCharacter(text, from)) {
            whole.append(text, from, half).append(String.format("\\u%04X", (int) text.charAt(half)));
            from = half + 1;
        }
        return whole.append(text, from, text.length()).toString();
    }

    private static String cutText(String payload) {
        if (payload == null || utf8Length(payload) <= MAX_PAYLOAD_BYTES) {
            return payload;
        }
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        int end = MAX_PAYLOAD_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // back to the start of a character: a cut payload is still UTF-8
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static int utf8Length(String text) {
        if (text.length() * 3L <= MAX_PAYLOAD_BYTES) {
            return text.length(); // short enough whatever its characters: no need to count
        }
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
