package vn.customs.cargowatch.jobs.alerts;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertState;

/**
 * The handling of an alert as a state machine (3740 §II.4): the Branch officer <em>acknowledges</em> the alert,
 * calls the driver or declarant to <em>verify</em>, and when that is not convincing <em>escalates</em> to the
 * customs unit nearest the alert to verify on site; the result is recorded and the alert <em>resolved</em>.
 * Only the alert's Branch, its Department or the General Department may act on it (3740 §I.7); the General
 * Department's unit codes are those of the {@code customs.offices} of level GENERAL.
 *
 * <pre>
 *               ACK            VERIFY        ESCALATE      RESOLVE
 * OPEN          ACKNOWLEDGED   -             -             -
 * ACKNOWLEDGED  -              VERIFIED      ESCALATED     -
 * VERIFIED      -              -             ESCALATED     RESOLVED
 * ESCALATED     -              VERIFIED      -             RESOLVED
 * RESOLVED      -              -             -             -
 * CLOSED        -              -             -             -
 * </pre>
 *
 * Every "-" is refused with its reason. An alert is resolved only once a result is recorded (verified, or
 * escalated to the unit on site), so RESOLVE straight after ACK is refused. ESCALATED → VERIFIED is the nearest
 * unit's verification on site; VERIFIED → ESCALATED is a verification by phone that did not convince. A missing
 * state (the rules emit none) is OPEN.
 */
public final class AlertLifecycle {

    private static final Map<AlertState, Map<Action, AlertState>> TRANSITIONS = Map.of(
            AlertState.OPEN, Map.of(Action.ACK, AlertState.ACKNOWLEDGED),
            AlertState.ACKNOWLEDGED, Map.of(Action.VERIFY, AlertState.VERIFIED, Action.ESCALATE, AlertState.ESCALATED),
            AlertState.VERIFIED, Map.of(Action.ESCALATE, AlertState.ESCALATED, Action.RESOLVE, AlertState.RESOLVED),
            AlertState.ESCALATED, Map.of(Action.VERIFY, AlertState.VERIFIED, Action.RESOLVE, AlertState.RESOLVED),
            AlertState.RESOLVED, Map.of(),
            AlertState.CLOSED, Map.of());

    private AlertLifecycle() {}

    /** The state {@code action} moves the alert to, or why it is refused. */
    public record Result(AlertState state, String refusal) {

        static Result to(AlertState state) {
            return new Result(state, null);
        }

        static Result refused(String reason) {
            return new Result(null, reason);
        }

        public boolean accepted() {
            return refusal == null;
        }
    }

    /**
     * Applies {@code action} to {@code alert} (null when no such alert is known), which stands in {@code current}
     * (null is OPEN); {@code generalDepartment} holds the General Department's unit codes. Nothing is changed: the
     * caller applies the result.
     */
    public static Result apply(Alert alert, AlertState current, AlertAction action, Set<String> generalDepartment) {
        if (alert == null) {
            return Result.refused("unknown alert " + action.alertId() + ": no such alert is open");
        }
        String unit = action.byUnit();
        if (!unit.equals(alert.branchCode()) && !unit.equals(alert.departmentCode())
                && !generalDepartment.contains(unit)) {
            return Result.refused("unit " + unit + " may not act on this alert: only its Branch ("
                    + alert.branchCode() + "), its Department (" + alert.departmentCode()
                    + ") or the General Department (" + String.join(", ", new TreeSet<>(generalDepartment))
                    + ") may");
        }
        AlertState from = current == null ? AlertState.OPEN : current;
        AlertState to = TRANSITIONS.get(from).get(action.action());
        return to != null ? Result.to(to) : Result.refused(refusal(from, action.action()));
    }

    private static String refusal(AlertState from, Action action) {
        return switch (from) {
            case RESOLVED -> "the alert is already resolved; no further action is taken on it";
            case CLOSED -> "the alert is closed; no further action is taken on it";
            case OPEN -> "the alert must be acknowledged before it can be " + done(action);
            default -> switch (action) {
                case ACK -> "the alert is already acknowledged";
                case RESOLVE -> "the alert cannot be resolved before a verification is recorded";
                case VERIFY -> "the alert is already verified";
                case ESCALATE -> "the alert is already escalated";
            };
        };
    }

    private static String done(Action action) {
        return switch (action) {
            case ACK -> "acknowledged";
            case VERIFY -> "verified";
            case ESCALATE -> "escalated";
            case RESOLVE -> "resolved";
        };
    }
}
