package vn.customs.cargowatch.model;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code cameras.incidents} (an output added by issue 15, key {@code incidentId}): the camera incident log of
 * 1572 §II.1.8 — a gate camera's failure with its place, course and recovery. Every CAMERA_SILENT and CAMERA_DEGRADED
 * episode is one incident: it opens with the episode ({@code end} null: officers check that gate by hand, §I.3.4) and
 * closes with it. The incident's id is its alert's, so a later record of the same incident replaces the earlier.
 *
 * @param kind            SILENT (no recognition for {@code gate.cameraSilence}) or DEGRADED (images nobody can use)
 * @param reason          DEGRADED: the check the images failed (BLACK, OVEREXPOSED, BLURRED, FROZEN, LOW_CONTRAST)
 * @param durationMinutes whole minutes from start to end, once it ended
 */
public record CameraIncident(
        String incidentId,
        Kind kind,
        String reason,
        String icdCode,
        String gateId,
        String cameraId,
        Instant start,
        Instant end,
        Long durationMinutes) {

    public enum Kind { SILENT, DEGRADED }

    /** The incident a camera alert's episode is, as far as the alert says: open, or ended with its recovery. */
    public static CameraIncident of(Alert alert) {
        Kind kind = alert.type() == AlertType.CAMERA_SILENT ? Kind.SILENT : Kind.DEGRADED;
        AlertDetails details = alert.details() == null ? AlertDetails.NONE : alert.details();
        Instant end = alert.endTs();
        return new CameraIncident(alert.alertId(), kind, kind == Kind.DEGRADED ? details.reason() : null,
                details.icdCode(), details.gateId(), details.cameraId(), alert.startTs(), end,
                end == null ? null : Duration.between(alert.startTs(), end).toMinutes());
    }

    /** Whether an alert of this type opens an incident. */
    public static boolean logs(AlertType type) {
        return type == AlertType.CAMERA_SILENT || type == AlertType.CAMERA_DEGRADED;
    }

    /** Whether officers are checking this camera's gate by hand now: the incident has not ended. */
    public boolean open() {
        return end == null;
    }
}
