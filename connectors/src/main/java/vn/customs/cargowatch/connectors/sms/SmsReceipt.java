package vn.customs.cargowatch.connectors.sms;

import java.io.Serializable;
import java.util.List;

/**
 * The SMSC accepted every segment of a message.
 *
 * @param messageIds the ids the SMSC gave the segments, in order; its delivery receipts name these
 */
public record SmsReceipt(List<String> messageIds) implements Serializable {

    public SmsReceipt {
        messageIds = List.copyOf(messageIds);
        if (messageIds.isEmpty()) {
            throw new IllegalArgumentException("a receipt without a message id");
        }
    }

    public int segments() {
        return messageIds.size();
    }
}
