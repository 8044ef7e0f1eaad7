package vn.customs.cargowatch.ops.simulator;

import java.time.Instant;
import java.util.List;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.model.Regime;

/**
 * Everything decided about one trip before it is driven: who and what (the registration form of 3740
 * Phụ lục III), which route, when it is registered, which rule it will break, and the seed of its
 * own random numbers (so one trip's draws do not shift every later trip).
 *
 * @param route        the registered route
 * @param changedRoute the route after a change of destination (3740 §I.11), or {@code null}
 */
record TripPlan(
        int index,
        String tripId,
        Scenario.Rule rule,
        Scenario.Variant variant,
        Route route,
        Route changedRoute,
        String imei,
        String containerNo,
        String declarationNo,
        String truckPlate,
        String trailerPlate,
        Regime regime,
        List<Contact> contacts,
        Instant registeredAt,
        double batteryStart,
        double batteryDrainPerHour,
        long drivingSeed) {

    /** The roads the truck actually takes: the new route when the destination changes. */
    Route drivenRoute() {
        return changedRoute != null ? changedRoute : route;
    }

    String routeLabel() {
        return changedRoute == null
                ? route.label()
                : route.label() + ", changed to " + changedRoute.destination().shortName();
    }
}
