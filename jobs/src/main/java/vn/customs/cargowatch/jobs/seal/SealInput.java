package vn.customs.cargowatch.jobs.seal;

import java.time.Instant;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;

/**
 * One record of a seal's timeline — exactly one of a fix, a seal event or a trip lifecycle event —
 * so the three topics keyed by {@code imei} can be merged and replayed in event-time order. A trip's
 * arrival may also come from an ICD gate camera instead of the customs confirmation.
 */
public record SealInput(SealFix fix, SealEvent event, TripEvent trip, String raw, boolean seenByGateCamera) {

    public static SealInput of(SealFix fix) {
        return new SealInput(fix, null, null, null, false);
    }

    public static SealInput of(SealEvent event) {
        return new SealInput(null, event, null, null, false);
    }

    /** Trip events keep their line: they can still be rejected once their trip is known. */
    public static SealInput of(TripEvent trip, String raw) {
        return new SealInput(null, null, trip, raw, false);
    }

    /** The container of an active trip entered its destination ICD (1572 §II.2.2): arrival by camera. */
    public static SealInput arrivalSeenByGateCamera(TripEvent arrived) {
        return new SealInput(null, null, arrived, null, true);
    }

    public String imei() {
        return fix != null ? fix.imei() : event != null ? event.imei() : trip.imei();
    }

    public Instant ts() {
        return fix != null ? fix.ts() : event != null ? event.ts() : trip.ts();
    }

    /** The topic the record came from. */
    public Topic<?> topic() {
        return fix != null ? Topic.SEAL_FIXES : event != null ? Topic.SEAL_EVENTS : Topic.SEAL_TRIPS;
    }

    /** At the same instant, the trip's lifecycle comes first, then seal events, then fixes. */
    int order() {
        return trip != null ? 0 : event != null ? 1 : 2;
    }
}
