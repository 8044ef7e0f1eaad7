package vn.customs.cargowatch.bench;

import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.TripEvent;

/**
 * What the peer keeps per seal (IMEI), one state store per concern, each value one of these records as JSON, times in
 * epoch milliseconds (a number is read back without parsing a date). A rule's
 * store holds the open episode's alert, so that its end is the same alert emitted again with {@code endTs}. Every
 * store but {@code trips} is emptied when the trip ends; {@code trips} then keeps the ended trip's id, so that a second
 * report of its arrival is recognised.
 */
final class PeerState {

    private PeerState() {}

    /** The seal's trip as registered, activated, redirected (3740 §I.11) and ended. The route is kept by id. */
    record Trip(String tripId, Stage stage, String containerNo, String branchCode, String departmentCode,
            String routeId, double corridorMeters, long expectedEnd, double originLat, double originLon) {

        enum Stage { REGISTERED, ACTIVE, ENDED }

        static Trip registered(TripEvent event, String routeId, double defaultCorridorMeters) {
            return new Trip(event.tripId(), Stage.REGISTERED, event.containerNo(), event.branchCode(),
                    event.departmentCode(), routeId,
                    event.corridorMeters() != null ? event.corridorMeters() : defaultCorridorMeters,
                    event.expectedEnd().toEpochMilli(), event.origin().lat(), event.origin().lon());
        }

        boolean active() {
            return stage == Stage.ACTIVE;
        }

        Trip activated() {
            return at(Stage.ACTIVE);
        }

        Trip ended() {
            return at(Stage.ENDED);
        }

        Trip destinationChanged(TripEvent change, String newRouteId) {
            return new Trip(tripId, stage, containerNo, branchCode, departmentCode, newRouteId,
                    change.corridorMeters() != null ? change.corridorMeters() : corridorMeters,
                    change.expectedEnd().toEpochMilli(), originLat, originLon);
        }

        private Trip at(Stage next) {
            return new Trip(tripId, next, containerNo, branchCode, departmentCode, routeId, corridorMeters,
                    expectedEnd, originLat, originLon);
        }
    }

    /**
     * Where and when the trip was last seen (its last fix, or the loading place at activation), and the SIGNAL_LOST
     * alert of the silence since, if one was raised.
     */
    record LastSeen(long ts, double lat, double lon, boolean fix, Alert silence) {}

    /** A stop under way: its first fix (the anchor the radius is measured from), and its alert once raised. */
    record Stop(long startTs, double lat, double lon, Alert raised) {}

    /**
     * The wrong-route watch: {@link #ANCHORED} while the last position was inside the corridor (or the activation, or a
     * change of destination), so that an excursion may begin; an excursion under way has its first outside fix, its
     * greatest distance, and its alert once it has lasted the minimum duration.
     */
    record RouteWatch(Long firstOutsideTs, Double firstLat, Double firstLon, double maxDistanceMeters,
            Alert raised) {

        static final RouteWatch ANCHORED = new RouteWatch(null, null, null, 0, null);

        boolean outside() {
            return firstOutsideTs != null;
        }
    }

    /** The door as the seal last reported it; while open, the alert of the opening. Activation counts as closed. */
    record Door(boolean open, Alert raised) {

        static final Door CLOSED = new Door(false, null);
    }

    /** The CONTAINER_NOT_ARRIVED deadline (expected end + grace), and its alert once raised. */
    record Arrival(long due, Alert raised) {}
}
