package vn.customs.cargowatch.model;

import java.time.Instant;
import java.util.List;
import vn.customs.cargowatch.model.geo.GeoLine;

/**
 * {@code seal.trips}: a trip's registration and lifecycle from the customs side (3740 §II.2–3, §I.11).
 * Only {@code REGISTERED} and {@code DESTINATION_CHANGED} carry the registration fields.
 */
public record TripEvent(
        String tripId,
        Type type,
        Instant ts,
        String imei,
        String containerNo,
        String declarationNo,
        String truckPlate,
        String trailerPlate,
        Regime regime,
        Place origin,
        Place destination,
        Instant expectedStart,
        Instant expectedEnd,
        GeoLine route,
        Double corridorMeters,
        List<Contact> contacts,
        String branchCode,
        String departmentCode) implements Validated {

    public enum Type { REGISTERED, ACTIVATED, ARRIVED, DESTINATION_CHANGED, CANCELLED }

    @Override
    public String problem() {
        String common = Validated.first(
                Validated.requireText(tripId, "tripId"),
                type == null ? "type is missing" : null,
                ts == null ? "ts is missing" : null,
                Imei.problem(imei));
        if (common != null) {
            return common;
        }
        return switch (type) {
            case REGISTERED -> Validated.first(
                    Validated.requireText(containerNo, "containerNo"),
                    Validated.requireText(branchCode, "branchCode"),
                    origin == null ? "origin is missing" : origin.problem("origin"),
                    destinationProblem(),
                    corridorMeters != null && !(corridorMeters > 0) ? "corridorMeters must be positive" : null);
            case DESTINATION_CHANGED -> destinationProblem();
            default -> null;
        };
    }

    private String destinationProblem() {
        return Validated.first(
                destination == null ? "destination is missing" : destination.problem("destination"),
                expectedEnd == null ? "expectedEnd is missing" : null,
                route == null ? "route is missing" : route.problem("route"));
    }
}
