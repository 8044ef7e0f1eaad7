package vn.customs.cargowatch.jobs.seal;

import java.time.Duration;
import java.time.Instant;
import vn.customs.cargowatch.model.DoorState;

/** Named instants and ready-made signals of one trip, for the rules' harness tests. */
public final class Signals {

    public static final String IMEI = "356938035643809";
    public static final String TRIP = "HP-HN-0001";
    public static final String CONTAINER = "MSKU1234565";
    public static final double CORRIDOR = 500;
    /** Where the truck is: on QL5 near Hải Dương. */
    public static final double LAT = 20.9380;
    public static final double LON = 106.3150;

    public static final Instant BEGINNING = Instant.parse("2026-11-22T01:00:00Z");
    public static final Instant EXPECTED_END = BEGINNING.plus(Duration.ofHours(3));

    private Signals() {}

    public static Instant minutes(double minutes) {
        return BEGINNING.plusMillis(Math.round(minutes * 60_000));
    }

    public static TripSignal activated(Instant ts) {
        return new TripSignal(TripSignal.Kind.ACTIVATED, IMEI, TRIP, CONTAINER, "03CE", "03PL", ts, LAT, LON,
                null, null, CORRIDOR, null, null, null, EXPECTED_END, null);
    }

    public static TripSignal destinationChanged(Instant ts, Instant newExpectedEnd) {
        return new TripSignal(TripSignal.Kind.DESTINATION_CHANGED, IMEI, TRIP, CONTAINER, "03CE", "03PL", ts, LAT,
                LON, null, null, CORRIDOR, null, null, null, newExpectedEnd, null);
    }

    /** A fix {@code routeDistance} metres from the route, at speed {@code speedKmh}. */
    public static TripSignal fix(Instant ts, double routeDistance, double speedKmh) {
        return fixAt(ts, LAT, LON, routeDistance, speedKmh, null, null);
    }

    public static TripSignal fixAt(Instant ts, double lat, double lon, double routeDistance, double speedKmh,
            String ignoreZoneId, DoorState door) {
        return new TripSignal(TripSignal.Kind.FIX, IMEI, TRIP, CONTAINER, "03CE", "03PL", ts, lat, lon, speedKmh,
                routeDistance, CORRIDOR, ignoreZoneId, door, null, EXPECTED_END, null);
    }

    /** A moving fix on the route reporting {@code battery} percent. */
    public static TripSignal fixWithBattery(Instant ts, double battery) {
        return new TripSignal(TripSignal.Kind.FIX, IMEI, TRIP, CONTAINER, "03CE", "03PL", ts, LAT, LON, 50.0,
                20.0, CORRIDOR, null, null, battery, EXPECTED_END, null);
    }

    public static TripSignal stopped(Instant ts) {
        return fix(ts, 20, 0);
    }

    public static TripSignal moving(Instant ts) {
        return fix(ts, 20, 50);
    }

    public static TripSignal door(Instant ts, DoorState state) {
        return new TripSignal(TripSignal.Kind.DOOR, IMEI, TRIP, CONTAINER, "03CE", "03PL", ts, LAT, LON, null,
                null, CORRIDOR, null, state, null, EXPECTED_END, null);
    }

    /** One of the seal's other events ({@code TAMPER}, {@code POWER_OFF}, {@code POWER_ON}, {@code LOW_BATTERY}). */
    public static TripSignal sealEvent(TripSignal.Kind kind, Instant ts) {
        return sealEventAt(kind, ts, LAT, LON);
    }

    public static TripSignal sealEventAt(TripSignal.Kind kind, Instant ts, double lat, double lon) {
        return new TripSignal(kind, IMEI, TRIP, CONTAINER, "03CE", "03PL", ts, lat, lon, null, null, CORRIDOR, null,
                null, null, EXPECTED_END, null);
    }

    public static TripSignal ended(Instant ts) {
        return new TripSignal(TripSignal.Kind.ENDED, IMEI, TRIP, CONTAINER, "03CE", "03PL", ts, LAT, LON, null,
                null, CORRIDOR, null, null, null, EXPECTED_END, "ARRIVED");
    }
}
