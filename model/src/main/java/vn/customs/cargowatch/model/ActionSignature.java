package vn.customs.cargowatch.model;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an {@code alerts.actions} record: what makes an action the act of an officer whose unit a sign-in
 * checked (3740 §I.7), rather than whatever unit was typed. The desk signs what it publishes; the pipeline, given the
 * same key, refuses an action without a right signature before the lifecycle sees it.
 *
 * <p>The signature is HMAC-SHA256 with the key's bytes over the record's <b>canonical form</b>, written as 64
 * lower-case hexadecimal digits. The canonical form is the UTF-8 bytes of the record as the project's JSON codec
 * ({@link Json#write}) writes it without its signature: one line, no spaces, the fields in this order and each only
 * when present — {@code alertId, action, by, byUnit, ts, note, escalateTo, finding, closingReason} — {@code ts} as
 * ISO-8601 UTC to the millisecond with the milliseconds left out when zero ({@code 2026-11-22T08:30:00Z},
 * {@code 2026-11-22T08:30:00.120Z}), text as it was parsed (non-ASCII characters as themselves; {@code "}, {@code \}
 * and control characters escaped as JSON requires). It is taken from the parsed record, not the line: extra fields,
 * key order and the time's written form (epoch milliseconds or an offset) do not change it. docs/alert-lifecycle.md
 * gives it for producers in other languages.
 *
 * <p>The key is text of at least {@value #MIN_KEY_BYTES} bytes in UTF-8, read from the environment variable
 * {@value #KEY_VARIABLE} only, never from a file of the repository or the configuration.
 */
public final class ActionSignature {

    /** The environment variable the key is read from, wherever an action is signed or checked. */
    public static final String KEY_VARIABLE = "CARGOWATCH_ACTIONS_KEY";

    /** The shortest key taken: 256 bits, SHA-256's own size; a shorter one is a mistake, not a choice. */
    public static final int MIN_KEY_BYTES = 32;

    /** The length of a signature: HMAC-SHA256's 32 bytes in hexadecimal. */
    public static final int LENGTH = 64;

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private ActionSignature() {}

    /**
     * A record a signed-in officer's action is published as ({@code alerts.actions}, {@code gate.review.actions}): signed
     * over the whole record but its signature.
     */
    public interface Signable<T extends Signable<T>> {

        String signature();

        /** This record with {@code signature} (null: unsigned). */
        T withSignature(String signature);
    }

    /** A signing key, serializable so that it travels to the pipeline's operators with the job. */
    public static final class Key implements Serializable {

        private final byte[] bytes;

        private Key(byte[] bytes) {
            this.bytes = bytes;
        }

        /** Never the key itself: a key printed in a log is a key given away. */
        @Override
        public String toString() {
            return "ActionSignature.Key[" + bytes.length + " bytes]";
        }
    }

    /** The key of {@code text} (its UTF-8 bytes); shorter than {@value #MIN_KEY_BYTES} bytes is refused. */
    public static Key key(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(KEY_VARIABLE + " has " + bytes.length + " bytes; a signing key has at "
                    + "least " + MIN_KEY_BYTES + " (e.g. openssl rand -base64 48)");
        }
        return new Key(bytes);
    }

    /** {@code action} with its signature by {@code key}: what the desk and the {@code alert} command publish. */
    public static <T extends Signable<T>> T sign(T action, Key key) {
        return action.withSignature(HEX.formatHex(mac(action, key)));
    }

    /** The text a signature is computed over: the action as the JSON codec writes it, without its signature. */
    public static <T extends Signable<T>> String canonical(T action) {
        return Json.write(action.withSignature(null));
    }

    /**
     * Why the pipeline holding {@code key} refuses {@code action}, or null when its signature is right. The
     * comparison takes the same time wherever the signatures differ, so that timing does not reveal a right one.
     */
    public static <T extends Signable<T>> String problem(T action, Key key) {
        if (action.signature() == null) {
            return "unsigned action: actions must be signed with the key of " + KEY_VARIABLE
                    + " (the desk signs them; so does ./cargowatch alert when the key is set)";
        }
        byte[] given;
        try {
            given = action.signature().length() == LENGTH ? HEX.parseHex(action.signature()) : null;
        } catch (IllegalArgumentException notHex) {
            given = null;
        }
        if (given == null) {
            return "wrong signature: not " + LENGTH + " hexadecimal digits (HMAC-SHA256)";
        }
        return MessageDigest.isEqual(mac(action, key), given) ? null
                : "wrong signature: the action was changed after signing, or signed with another key";
    }

    private static <T extends Signable<T>> byte[] mac(T action, Key key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.bytes, ALGORITHM));
            return mac.doFinal(canonical(action).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // every Java platform has HmacSHA256 (a required algorithm of javax.crypto.Mac)
            throw new IllegalStateException(e);
        }
    }
}
