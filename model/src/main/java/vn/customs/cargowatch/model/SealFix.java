package vn.customs.cargowatch.model;

import java.time.Instant;

/** {@code seal.fixes}: one position report of a GPS seal (3740 §I.8: position, time, door, battery). */
public record SealFix(
        String imei,
        Instant ts,
        Double lat,
        Double lon,
        Double speedKmh,
        Double heading,
        Integer satellites,
        Double hdop,
        Double battery,
        DoorState door) implements Validated, Timed {

    /** Faster than any road vehicle: a speed above this is a broken report, not a truck. */
    public static final double MAX_SPEED_KMH = 1_000;

    @Override
    public String problem() {
        return Validated.first(
                Imei.problem(imei),
                ts == null ? "ts is missing" : null,
                Validated.latLon(lat, lon),
                speedKmh != null && speedKmh < 0 ? "speedKmh " + speedKmh + " is negative" : null,
                Validated.number(speedKmh, "speedKmh", 0, MAX_SPEED_KMH),
                Validated.number(heading, "heading", 0, 360),
                Validated.number(satellites, "satellites", 0, 255),
                Validated.number(hdop, "hdop", 0, 100),
                Validated.number(battery, "battery", 0, 100));
    }
}
