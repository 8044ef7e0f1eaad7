package vn.customs.cargowatch.jobs.alerts;

import java.time.Duration;
import java.time.Instant;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CustomsOffice;

/** An alert of the Hải Phòng Branch and the actions of its officers, at named instants. */
final class AlertFixtures {

    static final String ALERT_ID = "a-1";
    static final String BRANCH = "HP01";
    static final String DEPARTMENT = "HP";
    static final String GENERAL = "00";
    static final String OTHER_BRANCH = "HN02";
    /** The Branch nearest the alert, asked to verify on site by the proposals and escalations here. */
    static final String ASKED = "HP05";

    static final Instant RAISED = Instant.parse("2026-11-22T08:00:00Z");
    static final Instant TEN_MINUTES_LATER = RAISED.plus(Duration.ofMinutes(10));
    static final Instant HALF_AN_HOUR_LATER = RAISED.plus(Duration.ofMinutes(30));
    static final Instant AN_HOUR_LATER = RAISED.plus(Duration.ofHours(1));
    static final Instant TWO_HOURS_LATER = RAISED.plus(Duration.ofHours(2));

    private AlertFixtures() {}

    /** The General Department, as customs.offices names it. */
    static CustomsOffice generalDepartment() {
        return new CustomsOffice(GENERAL, "Tổng cục Hải quan", CustomsOffice.Level.GENERAL, null, 21.0245, 105.8412,
                null);
    }

    /** A Department that is not the alert's. */
    static CustomsOffice otherDepartment() {
        return new CustomsOffice("01", "Cục Hải quan TP Hà Nội", CustomsOffice.Level.DEPARTMENT, GENERAL, 21.03,
                105.85, null);
    }

    /** The rules' WRONG_ROUTE alert: no state of its own. */
    static Alert raised() {
        return new Alert(ALERT_ID, AlertType.WRONG_ROUTE, AlertType.WRONG_ROUTE.severity(), "trip-1", "356000000000001",
                "MSCU1234565", RAISED, RAISED, null, 20.86, 106.68, BRANCH, DEPARTMENT, null, AlertDetails.NONE, null);
    }

    /** An UNCLEARED_EXIT at {@code icdCode}'s gate, as the gate rules raise it: no place, no unit. */
    static Alert gateAlert(String icdCode) {
        return new Alert(ALERT_ID, AlertType.UNCLEARED_EXIT, AlertType.UNCLEARED_EXIT.severity(), null, null,
                "MSCU1234565", RAISED, RAISED, null, null, null, null, null, null,
                AlertDetails.builder().icdCode(icdCode).gateId(icdCode + "-G1").build(), AlertState.OPEN);
    }

    /** The same episode ended by itself: the truck is back on route. */
    static Alert ended(Instant end) {
        return raised().withEnd(end);
    }

    /** {@code action} as the contract requires it: a proposal or an escalation asks HP05; an on-site result finds. */
    static AlertAction action(Action action, String unit, Instant ts) {
        return new AlertAction(ALERT_ID, action, "officer " + unit, unit, ts, "called the driver",
                action == Action.ESCALATE || action == Action.PROPOSE ? ASKED : null,
                action == Action.ONSITE_RESULT ? AlertAction.Finding.NO_VIOLATION : null, null);
    }
}
