package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code alerts.history}: one applied supervisor action, kept with its alert (3740 §II.4: results are recorded on
 * the alert) — who acted, from which unit, when, with what note, the unit asked to verify on site (proposed,
 * escalated to or approved), what the verification found, why the alert was closed, the state it moved the alert from
 * and to, and the network address the action was taken from when the alert desk published it ({@code byAddress}).
 */
public record AlertHistoryEntry(
        String alertId,
        AlertAction.Action action,
        String by,
        String byUnit,
        Instant ts,
        String note,
        String escalateTo,
        AlertState fromState,
        AlertState toState,
        AlertAction.Finding finding,
        String closingReason,
        String byAddress) {

    /** An entry without the address the action came from, as every entry was before the alert desk. */
    public AlertHistoryEntry(String alertId, AlertAction.Action action, String by, String byUnit, Instant ts,
            String note, String escalateTo, AlertState fromState, AlertState toState, AlertAction.Finding finding,
            String closingReason) {
        this(alertId, action, by, byUnit, ts, note, escalateTo, fromState, toState, finding, closingReason, null);
    }

    /** An entry without a finding or a closing reason, as every entry was before §II.4's additions. */
    public AlertHistoryEntry(String alertId, AlertAction.Action action, String by, String byUnit, Instant ts,
            String note, String escalateTo, AlertState fromState, AlertState toState) {
        this(alertId, action, by, byUnit, ts, note, escalateTo, fromState, toState, null, null, null);
    }

    /** {@code action} applied, naming {@code escalateTo}: an approval names the unit of the proposal it approves. */
    public static AlertHistoryEntry of(AlertAction action, String escalateTo, AlertState from, AlertState to) {
        return new AlertHistoryEntry(action.alertId(), action.action(), action.by(), action.byUnit(), action.ts(),
                action.note(), escalateTo, from, to, action.finding(), action.closingReason(), action.byAddress());
    }
}
