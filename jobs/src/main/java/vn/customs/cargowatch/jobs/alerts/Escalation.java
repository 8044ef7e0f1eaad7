package vn.customs.cargowatch.jobs.alerts;

import vn.customs.cargowatch.model.Alert;

/**
 * An alert escalated to a unit to verify on site (3740 §II.4: "đề nghị đơn vị hải quan gần nhất xác minh"), as
 * {@link AlertActions} applied it: what the unit asked has to be told of.
 *
 * @param alert the alert in its new state, ESCALATED
 * @param unitCode the unit asked ({@code escalateTo} of the escalation, or of the proposal approved)
 */
public record Escalation(Alert alert, String unitCode) {}
