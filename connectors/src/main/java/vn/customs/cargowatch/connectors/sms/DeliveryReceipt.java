package vn.customs.cargowatch.connectors.sms;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Set;

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

    /** Every final state SMPP 3.4 names, and UNKNOWN for a state it does not. */
    public static final List<String> STATES =
            List.of(DELIVERED, "UNDELIV", "EXPIRED", "REJECTD", "DELETED", "ACCEPTD", "UNKNOWN");

    /** Final states in which the phone will not get the segment. */
    private static final Set<String> UNDELIVERABLE = Set.of("UNDELIV", "EXPIRED", "REJECTD", "DELETED");

    public boolean delivered() {
        return DELIVERED.equals(state);
    }

    /** The phone will not get this segment. */
    public boolean failed() {
        return UNDELIVERABLE.contains(state);
    }
}
