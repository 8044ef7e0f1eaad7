package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code trips.registrations}: what customs registered for a sealed trip (3740 §II.2), as the trip board shows
 * it — identity, declaration, vehicle, regime, from where to where and by when. Published for each REGISTERED
 * event; a later change of destination shows in the trip's status and alerts, not here. Contacts stay out:
 * phone numbers do not belong on a shared board.
 */
public record TripRegistration(
        String tripId,
        String imei,
        String containerNo,
        String declarationNo,
        String truckPlate,
        String trailerPlate,
        Regime regime,
        String originName,
        String destinationName,
        Instant expectedStart,
        Instant expectedEnd,
        Double corridorMeters,
        String branchCode,
        String departmentCode,
        Instant ts) {

    /** The registration a REGISTERED event states. */
    public static TripRegistration of(TripEvent registered) {
        return new TripRegistration(registered.tripId(), registered.imei(), registered.containerNo(),
                registered.declarationNo(), registered.truckPlate(), registered.trailerPlate(), registered.regime(),
                registered.origin() == null ? null : registered.origin().name(),
                registered.destination() == null ? null : registered.destination().name(),
                registered.expectedStart(), registered.expectedEnd(), registered.corridorMeters(),
                registered.branchCode(), registered.departmentCode(), registered.ts());
    }
}
