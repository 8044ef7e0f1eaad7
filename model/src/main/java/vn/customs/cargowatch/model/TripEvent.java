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
        String departmentCode) implements Validated, Timed {

    public enum Type { REGISTERED, ACTIVATED, ARRIVED, DESTINATION_CHANGED, CANCELLED }

    /** Wider than any registered corridor could sensibly be (50 km). */
    public static final double MAX_CORRIDOR_METERS = 50_000;

    /** More phones than a trip's form has room for. */
    public static final int MAX_CONTACTS = 20;

    @Override
    public String problem() {
        String common = Validated.first(
                Validated.requireText(tripId, "tripId", Validated.ID),
                type == null ? "type is missing" : null,
                ts == null ? "ts is missing" : null,
                Imei.problem(imei),
                Validated.text(containerNo, "containerNo", Validated.ID),
                Validated.text(declarationNo, "declarationNo", Validated.ID),
                Validated.text(truckPlate, "truckPlate", Validated.ID),
                Validated.text(trailerPlate, "trailerPlate", Validated.ID),
                Validated.text(branchCode, "branchCode", Validated.ID),
                Validated.text(departmentCode, "departmentCode", Validated.ID),
                Validated.number(corridorMeters, "corridorMeters", 1, MAX_CORRIDOR_METERS),
                Validated.list(contacts, "contacts", MAX_CONTACTS, Contact::problem));
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
