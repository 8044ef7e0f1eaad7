package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code trips.track}: one position of an active trip as the job measured it — the journey reviewed at
 * arrival and kept five years (3740 §I.5, §II.3). Ours: the contract does not list this topic.
 */
public record TrackPoint(
        String tripId,
        String imei,
        Instant ts,
        double lat,
        double lon,
        Double speedKmh,
        Double routeDistanceMeters,
        String ignoreZoneId,
        DoorState door) {}
