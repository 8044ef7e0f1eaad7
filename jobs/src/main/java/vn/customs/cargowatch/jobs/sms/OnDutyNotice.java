package vn.customs.cargowatch.jobs.sms;

import vn.customs.cargowatch.model.Alert;

/**
 * The officers on duty at a unit to be told of an alert (3740 §II.4): its Branch of a raised or escalated alert, or
 * the unit an alert was escalated to. Who they are is decided at the alert's time by {@link OnDutyOfficers}.
 *
 * @param alert the alert in the state to be texted
 * @param unitCode the unit whose officers on duty are texted
 */
public record OnDutyNotice(Alert alert, String unitCode) {}
