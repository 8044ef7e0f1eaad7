package vn.customs.cargowatch.connectors.sms;

/**
 * An SMS that was not accepted.
 *
 * <p>Transient: the SMSC or the link may take it later (throttled, queue full, link down, no answer); the sender
 * has already retried with back-off, so the caller retries later or reports the number unreachable for now.
 * Permanent: sending it again cannot help (an invalid number, a text the SMSC refuses, credentials it rejects).
 */
public final class SmsException extends Exception {

    private final boolean isTransient;
    private final int commandStatus;

    private SmsException(String message, boolean isTransient, int commandStatus, Throwable cause) {
        super(message, cause);
        this.isTransient = isTransient;
        this.commandStatus = commandStatus;
    }

    public static SmsException temporary(String message, int commandStatus, Throwable cause) {
        return new SmsException(message, true, commandStatus, cause);
    }

    public static SmsException permanent(String message, int commandStatus, Throwable cause) {
        return new SmsException(message, false, commandStatus, cause);
    }

    /** True if the same SMS may succeed later. */
    public boolean isTransient() {
        return isTransient;
    }

    /** The SMPP command status the SMSC answered with, or 0 when it did not answer (link, time-out). */
    public int commandStatus() {
        return commandStatus;
    }
}
