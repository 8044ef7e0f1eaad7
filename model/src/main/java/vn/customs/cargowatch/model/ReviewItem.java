package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code gate.review}: the shift review list (1572 §I.4.2, §II.1.5) — a recognition the officer on duty
 * must complete (INCOMPLETE: container number or plate missing or unreadable) or confirm (CORRECTED: the
 * check digit corrected a misread) before the end of the shift.
 *
 * <p>Additions of issue 13: {@code direction} and {@code lane} of the read, for the officer completing it; and how the
 * item was reviewed — a later record of the same {@code eventId} replaces the earlier. {@code state} is OPEN (or
 * absent, as before reviews), COMPLETED by a read by hand ({@code completedBy} is its {@code eventId}, with what it
 * read) or CONFIRMED ({@code gate.review.actions}); {@code reviewedBy}, {@code reviewedByUnit}, {@code reviewedAt} and
 * {@code reviewNote} say who did it, when and why.
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
        Instant shiftEnd,
        Recognition.Direction direction,
        String lane,
        State state,
        String reviewedBy,
        String reviewedByUnit,
        Instant reviewedAt,
        String completedBy,
        String completedContainerNo,
        String completedPlate,
        String reviewNote) {

    public enum Kind { INCOMPLETE, CORRECTED }

    public enum State { OPEN, COMPLETED, CONFIRMED }

    /** An item as the gate matcher lists it: open, nothing reviewed yet. */
    public static ReviewItem open(String eventId, String icdCode, String gateId, String cameraId, Instant ts, Kind kind,
            String containerNoRead, String containerNo, String plate, String reason, Instant shiftEnd,
            Recognition.Direction direction, String lane) {
        return new ReviewItem(eventId, icdCode, gateId, cameraId, ts, kind, containerNoRead, containerNo, plate, reason,
                shiftEnd, direction, lane, State.OPEN, null, null, null, null, null, null, null);
    }

    /** Whether it still waits for an officer. */
    public boolean isOpen() {
        return state == null || state == State.OPEN;
    }

    /** This item completed by {@code read}, a read by hand. */
    public ReviewItem completedBy(Recognition read) {
        return new ReviewItem(eventId, icdCode, gateId, cameraId, ts, kind, containerNoRead, containerNo, plate, reason,
                shiftEnd, direction, lane, State.COMPLETED, read.enteredBy(), read.enteredByUnit(), read.ts(),
                read.eventId(), read.containerNo(), read.plate(), null);
    }

    /** This item confirmed by {@code action}. */
    public ReviewItem confirmedBy(ReviewAction action) {
        return new ReviewItem(eventId, icdCode, gateId, cameraId, ts, kind, containerNoRead, containerNo, plate, reason,
                shiftEnd, direction, lane, State.CONFIRMED, action.by(), action.byUnit(), action.ts(), null, null, null,
                action.note());
    }
}
