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
        DoorState door) implements Validated {

    @Override
    public String problem() {
        return Validated.first(
                Imei.problem(imei),
                ts == null ? "ts is missing" : null,
                Validated.latLon(lat, lon),
                speedKmh != null && (speedKmh.isNaN() || speedKmh < 0) ? "speedKmh " + speedKmh + " is negative" : null,
                heading != null && (heading.isNaN() || heading < 0 || heading > 360)
                        ? "heading " + heading + " out of range [0, 360]" : null,
                battery != null && (battery.isNaN() || battery < 0 || battery > 100)
                        ? "battery " + battery + " out of range [0, 100]" : null);
    }
}
