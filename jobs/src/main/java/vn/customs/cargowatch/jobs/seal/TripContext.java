package vn.customs.cargowatch.jobs.seal;

import java.time.Instant;
import vn.customs.cargowatch.model.Regime;
import vn.customs.cargowatch.model.TripEvent;

/**
 * The current trip of a seal, as the timeline keeps it in state: identity and what the rules need, and
 * never the route's geometry (that is shared by {@code routeId}). Cleared when the trip ends.
 */
public record TripContext(
        String tripId,
        String containerNo,
        String branchCode,
        String departmentCode,
        Regime regime,
        String routeId,
        double corridorMeters,
        Instant expectedEnd,
        Double originLat,
        Double originLon,
        boolean active,
        Instant activatedTs,
        Instant lastFixTs,
        Double lastLat,
        Double lastLon,
        double distanceMeters,
        Instant lastStatusTs) {

    static TripContext registered(TripEvent trip, double defaultCorridorMeters) {
        return new TripContext(trip.tripId(), trip.containerNo(), trip.branchCode(), trip.departmentCode(),
                trip.regime(), RouteDefinition.of(trip).routeId(),
                trip.corridorMeters() != null ? trip.corridorMeters() : defaultCorridorMeters,
                trip.expectedEnd(), trip.origin().lat(), trip.origin().lon(),
                false, null, null, null, null, 0, null);
    }

    TripContext activated(Instant ts) {
        return new TripContext(tripId, containerNo, branchCode, departmentCode, regime, routeId, corridorMeters,
                expectedEnd, originLat, originLon, true, ts, lastFixTs, lastLat, lastLon, distanceMeters,
                lastStatusTs);
    }

    TripContext destinationChanged(TripEvent change) {
        return new TripContext(tripId, containerNo, branchCode, departmentCode, regime,
                RouteDefinition.of(change).routeId(),
                change.corridorMeters() != null ? change.corridorMeters() : corridorMeters,
                change.expectedEnd(), originLat, originLon, active, activatedTs, lastFixTs, lastLat, lastLon,
                distanceMeters, lastStatusTs);
    }

    TripContext moved(Instant ts, double lat, double lon, double addedMeters) {
        return new TripContext(tripId, containerNo, branchCode, departmentCode, regime, routeId, corridorMeters,
                expectedEnd, originLat, originLon, active, activatedTs, ts, lat, lon, distanceMeters + addedMeters,
                lastStatusTs);
    }

    TripContext statusPublished(Instant ts) {
        return new TripContext(tripId, containerNo, branchCode, departmentCode, regime, routeId, corridorMeters,
                expectedEnd, originLat, originLon, active, activatedTs, lastFixTs, lastLat, lastLon, distanceMeters,
                ts);
    }
}
