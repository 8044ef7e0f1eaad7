package vn.customs.cargowatch.jobs.seal;

import java.time.Instant;
import vn.customs.cargowatch.model.DoorState;
import vn.customs.cargowatch.model.Topic;

/**
 * What the rules see: an active trip's timeline, in event-time order, with each fix already measured
 * against the trip's registered route and the ignore zones. Every signal names its trip, so a rule can
 * raise an alert without looking anything up.
 *
 * <p>Kinds: {@code ACTIVATED} (monitoring starts; position = loading place), {@code FIX} (with the seal's
 * {@code battery} when it reports one), {@code DOOR} (a seal's door event), the seal's other events
 * {@code TAMPER}, {@code POWER_OFF}, {@code POWER_ON}, {@code LOW_BATTERY} (their position is the event's own, else
 * where the trip was last seen), {@code DESTINATION_CHANGED} (3740 §I.11; new route and expected end), {@code ENDED}
 * (arrival or cancellation: the last signal of the trip). At one instant the rules take them in this order.
 */
public record TripSignal(
        Kind kind,
        String imei,
        String tripId,
        String containerNo,
        String branchCode,
        String departmentCode,
        Instant ts,
        Double lat,
        Double lon,
        Double speedKmh,
        Double routeDistanceMeters,
        double corridorMeters,
        String ignoreZoneId,
        DoorState door,
        Double battery,
        Instant expectedEnd,
        String endReason,
        boolean raisedOnArrival) {

    /** A signal whose alert, if any, is raised in event time only. */
    public TripSignal(Kind kind, String imei, String tripId, String containerNo, String branchCode,
            String departmentCode, Instant ts, Double lat, Double lon, Double speedKmh, Double routeDistanceMeters,
            double corridorMeters, String ignoreZoneId, DoorState door, Double battery, Instant expectedEnd,
            String endReason) {
        this(kind, imei, tripId, containerNo, branchCode, departmentCode, ts, lat, lon, speedKmh, routeDistanceMeters,
                corridorMeters, ignoreZoneId, door, battery, expectedEnd, endReason, false);
    }

    /** The same signal, marked as one whose alert was already raised when its event arrived (live, the door). */
    public TripSignal asRaisedOnArrival() {
        return new TripSignal(kind, imei, tripId, containerNo, branchCode, departmentCode, ts, lat, lon, speedKmh,
                routeDistanceMeters, corridorMeters, ignoreZoneId, door, battery, expectedEnd, endReason, true);
    }

    public enum Kind { ACTIVATED, FIX, DOOR, TAMPER, POWER_OFF, POWER_ON, LOW_BATTERY, DESTINATION_CHANGED, ENDED }

    /** The input topic this signal comes from. */
    public Topic<?> topic() {
        return switch (kind) {
            case FIX -> Topic.SEAL_FIXES;
            case DOOR, TAMPER, POWER_OFF, POWER_ON, LOW_BATTERY -> Topic.SEAL_EVENTS;
            case ACTIVATED, DESTINATION_CHANGED, ENDED -> Topic.SEAL_TRIPS;
        };
    }

    public boolean is(Kind kind) {
        return this.kind == kind;
    }

    /** A fix measured inside the corridor. A fix whose route is unknown is neither inside nor outside. */
    public boolean isFixOnRoute() {
        return kind == Kind.FIX && routeDistanceMeters != null && routeDistanceMeters <= corridorMeters;
    }

    public boolean isFixOffRoute() {
        return kind == Kind.FIX && routeDistanceMeters != null && routeDistanceMeters > corridorMeters;
    }

    public long millis() {
        return ts.toEpochMilli();
    }
}
