package vn.customs.cargowatch.connectors.sms;

import java.io.Serializable;
import java.time.Instant;

/**
 * What the SMSC reported for one segment it had accepted: whether it reached the phone.
 *
 * @param messageId the id the SMSC gave the segment when it accepted it ({@link SmsReceipt#messageIds()})
 * @param state the final state as SMPP 3.4 Appendix B names it: {@code DELIVRD}, {@code UNDELIV},
 *     {@code EXPIRED}, {@code REJECTD}, {@code DELETED}, {@code ACCEPTD} or {@code UNKNOWN}
 * @param recipient the phone the segment was for
 * @param error the network's error code ({@code err:}), {@code 000} when none
 * @param receivedAt when this process received the receipt; the SMSC's own "done date" has no time zone
 */
public record DeliveryReceipt(String messageId, String state, String recipient, String error, Instant receivedAt)
        implements Serializable {

    public static final String DELIVERED = "DELIVRD";

    public boolean delivered() {
        return DELIVERED.equals(state);
    }
}
