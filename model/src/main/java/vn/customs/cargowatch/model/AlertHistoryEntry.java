package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code alerts.history}: one applied supervisor action, kept with its alert (3740 §II.4: results are recorded on
 * the alert) — who acted, from which unit, when, with what note, and the state it moved the alert from and to.
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
        AlertState toState) {

    public static AlertHistoryEntry of(AlertAction action, AlertState from, AlertState to) {
        return new AlertHistoryEntry(action.alertId(), action.action(), action.by(), action.byUnit(), action.ts(),
                action.note(), action.escalateTo(), from, to);
    }
}
