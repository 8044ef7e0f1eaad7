package vn.customs.cargowatch.model;

import java.time.Instant;

/** {@code seal.events}: a discrete event reported by a seal. */
public record SealEvent(String imei, Instant ts, Type type, Double lat, Double lon) implements Validated, Timed {

    public enum Type { DOOR_OPEN, DOOR_CLOSE, TAMPER, LOW_BATTERY, POWER_ON, POWER_OFF }

    @Override
    public String problem() {
        return Validated.first(
                Imei.problem(imei),
                ts == null ? "ts is missing" : null,
                type == null ? "type is missing" : null,
                lat != null || lon != null ? Validated.latLon(lat, lon) : null);
    }
}
