package vn.customs.cargowatch.jobs.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

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
        Duration statusInterval,
        Duration routeRetention,
        int parallelism) implements Serializable {

    public static SealSettings defaults() {
        return from(Map.of());
    }

    /** Reads the keys from {@code values}, falling back to the defaults for keys not present. */
    public static SealSettings from(Map<String, String> values) {
        Reader reader = new Reader(values);
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
                reader.duration(Keys.STATUS_INTERVAL),
                reader.duration(Keys.ROUTE_RETENTION),
                (int) reader.positive(Keys.PARALLELISM));
    }

    private record Reader(Map<String, String> values) {

        String raw(Key key) {
            return values.getOrDefault(key.name(), key.defaultValue()).trim();
        }

        Duration duration(Key key) {
            String value = raw(key);
            try {
                Duration duration = TimeUtils.parseDuration(value);
                if (duration.isZero() || duration.isNegative()) {
                    throw new IllegalArgumentException();
                }
                return duration;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(key.name() + ": '" + value
                        + "' is not a positive duration (write e.g. '90 min', '30 s', '1 d')");
            }
        }

        double positive(Key key) {
            String value = raw(key);
            try {
                double number = Double.parseDouble(value);
                if (!(number > 0)) {
                    throw new IllegalArgumentException();
                }
                return number;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(key.name() + ": '" + value + "' is not a positive number");
            }
        }
    }
}
