package vn.customs.cargowatch.jobs.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * The thresholds of the seal rules (3740 §I.8), read from configuration keys with the defaults of
 * {@link Keys}. A value that cannot be read is an {@link IllegalArgumentException} naming the key.
 */
public record SealSettings(
        Duration outOfOrderness,
        Duration maxAhead,
        double defaultCorridorMeters,
        Duration wrongRouteMinDuration,
        double stopRadiusMeters,
        double stopMaxSpeedKmh,
        Duration stopMaxDuration,
        Duration signalLostTimeout,
        Duration notArrivedGrace,
        double lowBatteryPercent,
        Duration lowBatteryHorizon,
        Duration statusInterval,
        Duration routeRetention,
        Duration closingDue,
        Integer parallelism,
        int maxParallelism) implements Serializable {

    public static SealSettings defaults() {
        return from(Map.of());
    }

    /** Reads the keys from {@code values}, falling back to the defaults for keys not present. */
    public static SealSettings from(Map<String, String> values) {
        return new SealSettings(
                Keys.OUT_OF_ORDERNESS.read(values),
                Keys.MAX_AHEAD.read(values),
                Keys.DEFAULT_CORRIDOR_METERS.read(values),
                Keys.WRONG_ROUTE_MIN_DURATION.read(values),
                Keys.STOP_RADIUS_METERS.read(values),
                Keys.STOP_MAX_SPEED_KMH.read(values),
                Keys.STOP_MAX_DURATION.read(values),
                Keys.SIGNAL_LOST_TIMEOUT.read(values),
                Keys.NOT_ARRIVED_GRACE.read(values),
                Keys.SEAL_LOW_BATTERY.read(values),
                Keys.SEAL_LOW_BATTERY_HORIZON.read(values),
                Keys.STATUS_INTERVAL.read(values),
                Keys.ROUTE_RETENTION.read(values),
                Keys.TRIPS_CLOSING_DUE.read(values),
                values.containsKey(Keys.PARALLELISM.name()) ? Keys.PARALLELISM.read(values) : null,
                Keys.MAX_PARALLELISM.read(values));
    }
}
