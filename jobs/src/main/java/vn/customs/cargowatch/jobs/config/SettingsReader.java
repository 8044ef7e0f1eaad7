package vn.customs.cargowatch.jobs.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

/** Reads keys from configuration values with the defaults of {@link Keys}; a bad value names its key. */
public record SettingsReader(Map<String, String> values) {

    public String raw(Key key) {
        return values.getOrDefault(key.name(), key.defaultValue()).trim();
    }

    public Duration duration(Key key) {
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

    public double positive(Key key) {
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

    public List<LocalTime> times(Key key) {
        String value = raw(key);
        List<LocalTime> times = new ArrayList<>();
        try {
            for (String time : value.split(",")) {
                times.add(LocalTime.parse(time.trim()));
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key.name() + ": '" + value
                    + "' is not a list of times of day (write e.g. '06:00, 18:00')");
        }
        return times.stream().sorted().toList();
    }
}
