package vn.customs.cargowatch.jobs.alerts;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;

/**
 * The handling of an alert as a state machine (3740 §II.4): the Branch officer <em>acknowledges</em> the alert,
 * calls the driver or declarant to <em>verify</em>, and when that is not convincing <em>proposes</em> to ask the
 * customs unit nearest the alert to verify on site (§II.4.1.a, Phụ lục II); the Branch leader's <em>approval</em>
 * makes the alert ESCALATED (§II.4.1.b); the unit asked records its <em>on-site result</em> (§II.4.2) and the alert
 * is <em>resolved</em>. {@code ESCALATE} is a leader's direct escalation, without a proposal: it stays valid for the
 * actions published before proposals existed.
 *
 * <pre>
 *               ACK            VERIFY    ESCALATE   RESOLVE   PROPOSE   APPROVE    ONSITE_RESULT
 * OPEN          ACKNOWLEDGED   -         -          -         -         -          -
 * ACKNOWLEDGED  -              VERIFIED  ESCALATED  -         PROPOSED  -          -
 * VERIFIED      -              -         ESCALATED  RESOLVED  PROPOSED  -          -
 * PROPOSED      -              VERIFIED  ESCALATED  -         PROPOSED  ESCALATED  -
 * ESCALATED     -              VERIFIED  -          RESOLVED  -         -          VERIFIED
 * RESOLVED      -              -         -          -         -         -          -
 * CLOSED        -              -         -          -         -         -          -
 * </pre>
 *
 * Every "-" is refused with its reason. An alert is resolved only once a result is recorded (verified, or
 * escalated to the unit on site), so RESOLVE straight after ACK is refused, and so is RESOLVE while a proposal
 * waits for the leader: the leader decides it first, or a verification that convinces after all withdraws it
 * (PROPOSED → VERIFIED). A second PROPOSE replaces the pending one (a nearer unit, a correction). ESCALATED →
 * VERIFIED is the verification on site, recorded by the unit asked (ONSITE_RESULT) or by the Branch (VERIFY);
 * VERIFIED → PROPOSED or ESCALATED is a verification by phone that did not convince. A missing state (the rules
 * emit none) is OPEN.
 *
 * <p>Only the alert's Branch, its Department or the General Department may act on it (3740 §I.7); the General
 * Department's unit codes are those of the {@code customs.offices} of level GENERAL. The one exception is the unit
 * asked to verify on site (the {@code escalateTo} of the latest proposal or escalation): it may record its
 * ONSITE_RESULT, and nothing else. Which officer of a unit may approve (the leader) is the sign-in's to check: an
 * action carries no role.
 */
public final class AlertLifecycle {

    private static final Map<AlertState, Map<Action, AlertState>> TRANSITIONS = Map.of(
            AlertState.OPEN, Map.of(Action.ACK, AlertState.ACKNOWLEDGED),
            AlertState.ACKNOWLEDGED, Map.of(Action.VERIFY, AlertState.VERIFIED, Action.ESCALATE, AlertState.ESCALATED,
                    Action.PROPOSE, AlertState.PROPOSED),
            AlertState.VERIFIED, Map.of(Action.ESCALATE, AlertState.ESCALATED, Action.RESOLVE, AlertState.RESOLVED,
                    Action.PROPOSE, AlertState.PROPOSED),
            AlertState.PROPOSED, Map.of(Action.VERIFY, AlertState.VERIFIED, Action.ESCALATE, AlertState.ESCALATED,
                    Action.PROPOSE, AlertState.PROPOSED, Action.APPROVE, AlertState.ESCALATED),
            AlertState.ESCALATED, Map.of(Action.VERIFY, AlertState.VERIFIED, Action.RESOLVE, AlertState.RESOLVED,
                    Action.ONSITE_RESULT, AlertState.VERIFIED),
            AlertState.RESOLVED, Map.of(),
            AlertState.CLOSED, Map.of());

    private AlertLifecycle() {}

    /**
     * The state {@code action} moves the alert to and the unit asked to verify on site after it, or why it is
     * refused.
     */
    public record Result(AlertState state, String unitAsked, String refusal) {

        static Result to(AlertState state, String unitAsked) {
            return new Result(state, unitAsked, null);
        }

        static Result refused(String reason) {
            return new Result(null, null, reason);
        }

        public boolean accepted() {
            return refusal == null;
        }
    }

    /**
     * Applies {@code action} to {@code alert} (null when no such alert is known), which stands in {@code current}
     * (null is OPEN) with {@code unitAsked} the unit its latest proposal or escalation names (null when none);
     * {@code generalDepartment} holds the General Department's unit codes. Nothing is changed: the caller applies
     * the result.
     */
    public static Result apply(Alert alert, AlertState current, String unitAsked, AlertAction action,
            Set<String> generalDepartment) {
        if (alert == null) {
            return Result.refused("unknown alert " + action.alertId() + ": no such alert is open");
        }
        String unit = action.byUnit();
        boolean asked = action.action() == Action.ONSITE_RESULT && unit.equals(unitAsked);
        if (!asked && !unit.equals(alert.branchCode()) && !unit.equals(alert.departmentCode())
                && !generalDepartment.contains(unit)) {
            return Result.refused("unit " + unit + " may not act on this alert: only its Branch ("
                    + alert.branchCode() + "), its Department (" + alert.departmentCode()
                    + ") or the General Department (" + String.join(", ", new TreeSet<>(generalDepartment))
                    + ") may" + (action.action() == Action.ONSITE_RESULT && unitAsked != null
                            ? ", and the unit asked to verify on site (" + unitAsked + ") may record its result"
                            : ""));
        }
        AlertState from = current == null ? AlertState.OPEN : current;
        AlertState to = TRANSITIONS.get(from).get(action.action());
        if (to == null) {
            return Result.refused(refusal(from, action.action(), unitAsked));
        }
        if (action.action() == Action.APPROVE && action.escalateTo() != null
                && !action.escalateTo().equals(unitAsked)) {
            return Result.refused("the proposal asks " + unitAsked + ", not " + action.escalateTo()
                    + ": approve it as proposed, or propose " + action.escalateTo() + " instead");
        }
        boolean names = action.action() == Action.PROPOSE || action.action() == Action.ESCALATE;
        return Result.to(to, names ? action.escalateTo() : unitAsked);
    }

    /** The unit the latest proposal or escalation of {@code history} names: who may record the on-site result. */
    public static String unitAsked(List<AlertHistoryEntry> history) {
        String asked = null;
        for (AlertHistoryEntry entry : history) {
            if (entry.action() == Action.PROPOSE || entry.action() == Action.ESCALATE
                    || entry.action() == Action.APPROVE) {
                asked = entry.escalateTo();
            }
        }
        return asked;
    }

    private static String refusal(AlertState from, Action action, String unitAsked) {
        if (from == AlertState.RESOLVED) {
            return "the alert is already resolved; no further action is taken on it";
        }
        if (from == AlertState.CLOSED) {
            return "the alert is closed; no further action is taken on it";
        }
        return switch (action) {
            case APPROVE -> from == AlertState.ESCALATED ? "the alert is already escalated"
                    : "no escalation proposal is pending: an officer proposes first";
            case ONSITE_RESULT -> from == AlertState.PROPOSED
                    ? "the escalation to " + unitAsked + " is not approved yet: the Branch leader approves it first"
                    : "an on-site result is recorded on an escalated alert; this one is " + from;
            case ACK -> "the alert is already acknowledged";
            case VERIFY, ESCALATE, PROPOSE, RESOLVE -> switch (from) {
                case OPEN -> "the alert must be acknowledged before it can be " + done(action);
                case PROPOSED -> "the alert cannot be resolved while an escalation proposal waits for the Branch "
                        + "leader: approve it, or record a verification";
                case VERIFIED -> "the alert is already verified";
                case ESCALATED -> "the alert is already escalated";
                default -> "the alert cannot be resolved before a verification is recorded";
            };
        };
    }

    private static String done(Action action) {
        return switch (action) {
            case VERIFY -> "verified";
            case ESCALATE -> "escalated";
            case PROPOSE -> "proposed for escalation";
            default -> "resolved";
        };
    }
}
