package vn.customs.cargowatch.connectors.sms;

/**
 * Sends alert SMS to officers' phones (3740 §II.4). One interface so that the SMPP link, the file of embedded
 * mode and a later HTTP gateway are interchangeable for whoever decides what to send.
 *
 * <p>Contract: {@link #send} blocks until the message is accepted in full (every segment) or fails; it does not
 * deduplicate (the caller does, by {@link SmsMessage#key()}), and a message that failed may have reached the
 * phone in part. Accepted means handed to the SMSC, not delivered: delivery is reported later, where the
 * implementation supports receipts.
 */
public interface SmsSender extends AutoCloseable {

    SmsReceipt send(SmsMessage message) throws SmsException;

    /** Whether delivery receipts follow what it sends, one per segment, named by the receipt's message ids. */
    default boolean sendsReceipts() {
        return false;
    }

    @Override
    void close();
}
