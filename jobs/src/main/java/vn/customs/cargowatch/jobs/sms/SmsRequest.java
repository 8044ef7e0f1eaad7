package vn.customs.cargowatch.jobs.sms;

import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertState;

/**
 * One phone to be told of one alert in its current state, before deduplication and rate limiting.
 *
 * @param recipient the phone, international form without {@code +}
 * @param alert the alert as it is now; a state of {@code null} (as the rules emit it) counts as {@link
 *     AlertState#OPEN}
 */
public record SmsRequest(String recipient, Alert alert) {

    public AlertState state() {
        return alert.state() == null ? AlertState.OPEN : alert.state();
    }

    /** What is texted at most once per phone: this alert in this state, e.g. {@code <alertId>/OPEN}. */
    public String dedupKey() {
        return alert.alertId() + "/" + state();
    }

    /** The key of its SMS, for the sink's ledger: {@code <alertId>/<state>/<recipient>}. */
    public String messageKey() {
        return dedupKey() + "/" + recipient;
    }
}
