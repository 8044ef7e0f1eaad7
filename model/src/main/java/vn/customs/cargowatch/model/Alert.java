package vn.customs.cargowatch.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code alerts}: one episode of one rule. The id is derived from what defines the episode (subject,
 * type, start), so a replay or a restart updates the same alert; an update (the episode ended, an
 * officer acted) is the same alert emitted again.
 */
public record Alert(
        String alertId,
        AlertType type,
        AlertType.Severity severity,
        String tripId,
        String imei,
        String containerNo,
        Instant startTs,
        Instant detectedAt,
        Instant endTs,
        Double lat,
        Double lon,
        String branchCode,
        String departmentCode,
        NearestOffice nearestOffice,
        AlertDetails details,
        AlertState state) {

    /** The deterministic id of the episode of {@code type} that began at {@code startTs} on {@code subject}. */
    public static String idOf(AlertType type, String subject, Instant startTs) {
        String name = type + "|" + subject + "|" + startTs.toEpochMilli();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** When the alert was raised: its detection, or its start for a rule that detects at the start. */
    public Instant raisedAt() {
        return detectedAt != null ? detectedAt : startTs;
    }

    public Alert withEnd(Instant end) {
        return new Alert(alertId, type, severity, tripId, imei, containerNo, startTs, detectedAt, end, lat, lon,
                branchCode, departmentCode, nearestOffice, details, state);
    }

    public Alert withState(AlertState newState) {
        return new Alert(alertId, type, severity, tripId, imei, containerNo, startTs, detectedAt, endTs, lat, lon,
                branchCode, departmentCode, nearestOffice, details, newState);
    }

    public Alert withDetails(AlertDetails newDetails) {
        return new Alert(alertId, type, severity, tripId, imei, containerNo, startTs, detectedAt, endTs, lat, lon,
                branchCode, departmentCode, nearestOffice, newDetails, state);
    }

    /** This alert owned by {@code branch} of {@code department} (3740 §I.7: who may act on it). */
    public Alert withUnits(String branch, String department) {
        return new Alert(alertId, type, severity, tripId, imei, containerNo, startTs, detectedAt, endTs, lat, lon,
                branch, department, nearestOffice, details, state);
    }

    public Alert withNearestOffice(NearestOffice office) {
        return new Alert(alertId, type, severity, tripId, imei, containerNo, startTs, detectedAt, endTs, lat, lon,
                branchCode, departmentCode, office, details, state);
    }
}
