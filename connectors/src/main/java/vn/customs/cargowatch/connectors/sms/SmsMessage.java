package vn.customs.cargowatch.connectors.sms;

import java.io.Serializable;

/**
 * One alert SMS to one phone (3740 §II.4: alerts go "by text message to registered phone numbers").
 *
 * @param recipient the phone number in international form without {@code +}, e.g. {@code 84912345678}
 * @param text what the phone shows; any length, the sender splits it into segments
 * @param alertId the alert the text is about; {@code null} for a digest of several alerts
 * @param key what the caller deduplicates on, e.g. {@code alertId + "/" + state + "/" + recipient}: the same key
 *     twice is the same SMS sent again, never a new one
 */
public record SmsMessage(String recipient, String text, String alertId, String key) implements Serializable {

    public SmsMessage {
        if (recipient == null || !recipient.matches("[0-9]{8,15}")) {
            throw new IllegalArgumentException("'" + recipient + "' is not a phone number in international form "
                    + "without + (8 to 15 digits, e.g. 84912345678)");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an SMS to " + recipient + " without text");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("an SMS to " + recipient + " without a key to deduplicate it by");
        }
    }
}
