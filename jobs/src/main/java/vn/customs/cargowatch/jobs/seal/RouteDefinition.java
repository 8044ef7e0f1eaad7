package vn.customs.cargowatch.jobs.seal;

import java.time.Instant;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.geo.RouteIndex;

/** A registered route, shared by id between every trip that registers the same roads. */
public record RouteDefinition(String routeId, double[][] coordinates, Instant registeredAt) {

    public static RouteDefinition of(TripEvent trip) {
        double[][] coordinates = trip.route().coordinates();
        return new RouteDefinition(RouteIndex.idOf(coordinates), coordinates, trip.ts());
    }
}
