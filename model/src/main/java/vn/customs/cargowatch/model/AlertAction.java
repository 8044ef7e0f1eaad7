package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code alerts.actions}: a supervisor's action on an alert (3740 §II.4). {@code byUnit} is the acting officer's
 * unit; only the alert's Branch, its Department or the General Department may act on it (3740 §I.7), and the unit
 * asked to verify on site may record its result (§II.4.2).
 *
 * <p>{@code escalateTo} names the unit asked to verify on site: required by {@code PROPOSE} (the officer's proposal,
 * §II.4.1.a, Phụ lục II) and {@code ESCALATE} (a leader's direct escalation); {@code APPROVE} (the Branch leader's
 * decision, §II.4.1.b) takes the unit from the proposal. {@code finding} is what a verification found: given with
 * {@code VERIFY} and {@code RESOLVE} when known, required with {@code ONSITE_RESULT}, whose whole point it is
 * (§II.4.2: "xác minh rõ lý do gây ra cảnh báo"). {@code closingReason} says why a {@code RESOLVE} closes the alert;
 * optional, so that resolutions published before it existed still apply. {@code byAddress} is the network address the
 * action was taken from, as the alert desk saw its client (issue 13: every action audited with user, unit, time and
 * address); optional, absent from the command line's actions.
 *
 * <p>{@code signature} is the HMAC of the publisher that signed it ({@link ActionSignature}): the desk signs what a
 * signed-in officer does, so that an action cannot bypass the sign-in that checked the officer's unit (3740 §I.7).
 * Optional in the contract; a pipeline with a signing key refuses an action without a right one.
 */
public record AlertAction(
        String alertId,
        Action action,
        String by,
        String byUnit,
        Instant ts,
        String note,
        String escalateTo,
        Finding finding,
        String closingReason,
        String byAddress,
        String signature) implements Validated, Timed, ActionSignature.Signable<AlertAction> {

    public enum Action { ACK, VERIFY, ESCALATE, RESOLVE, PROPOSE, APPROVE, ONSITE_RESULT }

    /** What a verification found (3740 §II.4.2), counted by the monthly report (Phụ lục IV). */
    public enum Finding { VIOLATION, NO_VIOLATION, UNCLEAR }

    /**
     * An action without the address it was taken from and unsigned, as every action was before the alert desk and
     * signatures (and as a signer's input is).
     */
    public AlertAction(String alertId, Action action, String by, String byUnit, Instant ts, String note,
            String escalateTo, Finding finding, String closingReason) {
        this(alertId, action, by, byUnit, ts, note, escalateTo, finding, closingReason, null, null);
    }

    /** An action without a finding or a closing reason, as every action was before §II.4's additions. */
    public AlertAction(String alertId, Action action, String by, String byUnit, Instant ts, String note,
            String escalateTo) {
        this(alertId, action, by, byUnit, ts, note, escalateTo, null, null, null, null);
    }

    @Override
    public AlertAction withSignature(String signature) {
        return new AlertAction(alertId, action, by, byUnit, ts, note, escalateTo, finding, closingReason, byAddress,
                signature);
    }

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
                action == Action.ESCALATE || action == Action.PROPOSE
                        ? Validated.requireText(escalateTo, "escalateTo") : null,
                findingProblem(),
                closingReasonProblem(),
                Validated.text(byAddress, "byAddress", Validated.ID),
                Validated.text(signature, "signature", ActionSignature.LENGTH));
    }

    private String findingProblem() {
        if (action == Action.ONSITE_RESULT && finding == null) {
            return "finding is missing: an on-site result says VIOLATION, NO_VIOLATION or UNCLEAR";
        }
        boolean found = action == Action.VERIFY || action == Action.ONSITE_RESULT || action == Action.RESOLVE;
        return finding != null && action != null && !found
                ? "finding is given with VERIFY, ONSITE_RESULT or RESOLVE, not with " + action : null;
    }

    private String closingReasonProblem() {
        if (closingReason == null) {
            return null;
        }
        if (action != null && action != Action.RESOLVE) {
            return "closingReason is given with RESOLVE, not with " + action;
        }
        return closingReason.isBlank() ? "closingReason is blank"
                : Validated.text(closingReason, "closingReason", Validated.NOTE);
    }
}
