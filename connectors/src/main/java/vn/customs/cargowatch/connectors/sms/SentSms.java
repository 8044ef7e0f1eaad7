package vn.customs.cargowatch.connectors.sms;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One SMS of the {@link SmsLedger} with what the SMSC reported about its segments: whether the phone got it.
 *
 * @param key the SMS's key ({@link SmsMessage#key()})
 * @param alertId the alert it is about; {@code null} for a digest
 * @param recipient the phone; {@code null} in a ledger written before receipts were recorded
 * @param sentAt when the SMSC accepted it
 * @param messageIds the SMSC's ids of its segments; empty in a ledger written before receipts were recorded
 * @param receipts the receipts of its segments, in the order received
 */
public record SentSms(String key, String alertId, String recipient, Instant sentAt, List<String> messageIds,
        List<DeliveryReceipt> receipts) {

    public enum Delivery {
        /** Every segment reached the phone. */
        DELIVERED,
        /** At least one segment never will: the officer has to be told some other way. */
        FAILED,
        /** Not every segment has a final receipt yet (or the SMSC sends none, as the file of embedded mode). */
        AWAITING
    }

    public SentSms {
        messageIds = List.copyOf(messageIds);
        receipts = List.copyOf(receipts);
    }

    public Delivery delivery() {
        if (receipts.stream().anyMatch(DeliveryReceipt::failed)) {
            return Delivery.FAILED;
        }
        boolean everySegment = !messageIds.isEmpty() && messageIds.stream().allMatch(id -> receipts.stream()
                .anyMatch(receipt -> receipt.delivered() && id.equals(receipt.messageId())));
        return everySegment ? Delivery.DELIVERED : Delivery.AWAITING;
    }

    /** The receipt that says why it failed, when it did. */
    public Optional<DeliveryReceipt> failure() {
        return receipts.stream().filter(DeliveryReceipt::failed).findFirst();
    }

    /** When the last segment reached the phone, once all did. */
    public Optional<Instant> deliveredAt() {
        return delivery() != Delivery.DELIVERED ? Optional.empty()
                : receipts.stream().map(DeliveryReceipt::receivedAt).max(Instant::compareTo);
    }
}
