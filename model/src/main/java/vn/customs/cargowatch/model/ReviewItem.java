package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code gate.review}: the shift review list (1572 §I.4.2, §II.1.5) — a recognition the officer on duty
 * must complete (INCOMPLETE: container number or plate missing or unreadable) or confirm (CORRECTED: the
 * check digit corrected a misread) before the end of the shift.
 */
public record ReviewItem(
        String eventId,
        String icdCode,
        String gateId,
        String cameraId,
        Instant ts,
        Kind kind,
        String containerNoRead,
        String containerNo,
        String plate,
        String reason,
        Instant shiftEnd) {

    public enum Kind { INCOMPLETE, CORRECTED }
}
