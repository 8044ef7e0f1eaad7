package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code alerts.actions}: a supervisor's action on an alert (3740 §II.4). {@code byUnit} is the acting officer's
 * unit; only the alert's Branch, its Department or the General Department may act on it (3740 §I.7).
 * {@code escalateTo} names the unit asked to verify on site, and is required by {@code ESCALATE}.
 */
public record AlertAction(
        String alertId, Action action, String by, String byUnit, Instant ts, String note, String escalateTo)
        implements Validated, Timed {

    public enum Action { ACK, VERIFY, ESCALATE, RESOLVE }

    @Override
    public String problem() {
        return Validated.first(
                Validated.requireText(alertId, "alertId", Validated.ID),
                action == null ? "action is missing" : null,
                Validated.requireText(by, "by", Validated.NAME),
                Validated.requireText(byUnit, "byUnit", Validated.ID),
                ts == null ? "ts is missing" : null,
                Validated.text(note, "note", Validated.NOTE),
                Validated.text(escalateTo, "escalateTo", Validated.ID),
                action == Action.ESCALATE ? Validated.requireText(escalateTo, "escalateTo") : null);
    }
}
