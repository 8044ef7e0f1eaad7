package vn.customs.cargowatch.jobs.seal;

import vn.customs.cargowatch.model.IgnoreZone;

/** Reference data broadcast to every seal's timeline: exactly one of an ignore zone or a route. */
public record Reference(IgnoreZone zone, RouteDefinition route) {

    public static Reference of(IgnoreZone zone) {
        return new Reference(zone, null);
    }

    public static Reference of(RouteDefinition route) {
        return new Reference(null, route);
    }
}
