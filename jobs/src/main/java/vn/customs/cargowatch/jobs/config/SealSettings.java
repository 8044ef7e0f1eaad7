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
        int parallelism) implements Serializable {

    public static SealSettings defaults() {
        return from(Map.of());
    }

    /** Reads the keys from {@code values}, falling back to the defaults for keys not present. */
    public static SealSettings from(Map<String, String> values) {
        SettingsReader reader = new SettingsReader(values);
        return new SealSettings(
                reader.duration(Keys.OUT_OF_ORDERNESS),
                reader.duration(Keys.MAX_AHEAD),
                reader.positive(Keys.DEFAULT_CORRIDOR_METERS),
                reader.duration(Keys.WRONG_ROUTE_MIN_DURATION),
                reader.positive(Keys.STOP_RADIUS_METERS),
                reader.positive(Keys.STOP_MAX_SPEED_KMH),
                reader.duration(Keys.STOP_MAX_DURATION),
                reader.duration(Keys.SIGNAL_LOST_TIMEOUT),
                reader.duration(Keys.NOT_ARRIVED_GRACE),
                reader.positive(Keys.SEAL_LOW_BATTERY),
                reader.duration(Keys.SEAL_LOW_BATTERY_HORIZON),
                reader.duration(Keys.STATUS_INTERVAL),
                reader.duration(Keys.ROUTE_RETENTION),
                (int) reader.positive(Keys.PARALLELISM));
    }
}
