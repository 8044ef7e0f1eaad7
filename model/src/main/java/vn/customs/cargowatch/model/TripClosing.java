package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code trips.closings} (an output added by issue 14, key {@code tripId}): an arrived trip waiting for, or closed by,
 * the destination officer's inspection (3740 §II.3). A camera sighting or a confirmation ends monitoring; the trip is
 * then AWAITING its closing, due by {@code closingDueAt} ({@code trips.closingDue} after {@code arrivedAt}), until
 * its {@link Inspection} CLOSES it. Overdue is what a reader sees when its clock has passed {@code closingDueAt}: the
 * pipeline writes no record for it (a replay's end of input is no deadline, and event time alone cannot say when a
 * live feed's officers are late). A later record of the same trip replaces the earlier; {@code ts} is the event time
 * of the change (the arrival, the inspection).
 *
 * <p>{@code destinationUnit} is the Branch that closes it (the trip's destination, as last changed);
 * {@code branchCode} and {@code departmentCode} are the trip's own, as on {@code trips.status}.
 */
public record TripClosing(
        String tripId,
        String imei,
        String containerNo,
        String destinationUnit,
        String branchCode,
        String departmentCode,
        Instant arrivedAt,
        TripStatus.ArrivedBy arrivedBy,
        Instant closingDueAt,
        State state,
        Inspection inspection,
        Instant ts) {

    public enum State { AWAITING, CLOSED }

    /** Whether it awaits its closing past its due time as of {@code now}. */
    public boolean overdueAt(Instant now) {
        return state == State.AWAITING && closingDueAt != null && now.isAfter(closingDueAt);
    }

    /** This closing closed by {@code inspection}. */
    public TripClosing closedBy(Inspection inspection) {
        return new TripClosing(tripId, imei, containerNo, destinationUnit, branchCode, departmentCode, arrivedAt,
                arrivedBy, closingDueAt, State.CLOSED, inspection, inspection.ts());
    }
}
