package vn.customs.cargowatch.jobs.alerts;

import java.time.Instant;
import vn.customs.cargowatch.model.AlertAction;

/**
 * What a verification found on a sealed trip's seal alert (3740 §II.4), with the trip it belongs to: the actions name
 * only the alert, and the monthly report counts a trip's containers by what was found on its alerts.
 */
public record AlertFinding(String tripId, String alertId, AlertAction.Finding finding, Instant ts) {}
