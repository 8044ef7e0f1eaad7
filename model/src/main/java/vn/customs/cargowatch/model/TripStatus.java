package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code trips.status}: where a trip stands, for the boards and the trip summary (3740 §II.3). Beyond the
 * contract's fields it names the trip's Branch and Department (whose boards show it), its regime, when the seal
 * was activated and when the trip ended — what the monthly report (3740 Phụ lục IV) counts.
 */
public record TripStatus(
        String tripId,
        String imei,
        String containerNo,
        State state,
        Instant lastTs,
        Double lastLat,
        Double lastLon,
        Double distanceKm,
        int alertCount,
        ArrivedBy arrivedBy,
        String branchCode,
        String departmentCode,
        Regime regime,
        Instant activatedTs,
        Instant endTs) {

    public enum State { REGISTERED, ACTIVE, ARRIVED, CANCELLED }

    public enum ArrivedBy { CONFIRMATION, GATE_CAMERA }

    /** This status with {@code alertCount} distinct alerts. */
    public TripStatus withAlertCount(int count) {
        return new TripStatus(tripId, imei, containerNo, state, lastTs, lastLat, lastLon, distanceKm, count, arrivedBy,
                branchCode, departmentCode, regime, activatedTs, endTs);
    }

    /** Whether the trip has ended (arrived or cancelled): nothing will change it any more. */
    public boolean ended() {
        return state == State.ARRIVED || state == State.CANCELLED;
    }
}
