package vn.customs.cargowatch.model;

import java.time.Instant;

/** {@code trips.status}: where a trip stands, for the boards and the trip summary (3740 §II.3). */
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
        ArrivedBy arrivedBy) {

    public enum State { REGISTERED, ACTIVE, ARRIVED, CANCELLED }

    public enum ArrivedBy { CONFIRMATION, GATE_CAMERA }
}
