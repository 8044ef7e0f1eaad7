package vn.customs.cargowatch.jobs.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.flink.util.TimeUtils;

/**
 * One configuration key: its name in the YAML file, its default, the values it accepts, one line of documentation,
 * and how its text becomes a value of type {@code T}.
 *
 * <p>Contract: {@link #read} returns a value within {@link #valid()} or throws an {@link IllegalArgumentException}
 * whose message is one line naming the key, quoting the value (at most {@value #QUOTED} characters of it) and saying
 * what is valid. A duration needs a unit: Flink reads a bare {@code 90} as 90 ms, which nobody who writes {@code
 * stop.maxDuration: 90} means. Bounds are what the key can sensibly mean, and keep every duration far from
 * overflowing the millisecond arithmetic of event time up to year 2100.
 *
 * @param <T> the type of its values
 */
public final class Key<T> {

    /** How much of a bad value a message quotes: enough to recognise it, never a whole pasted file. */
    static final int QUOTED = 100;

    private static final String DURATION_EXAMPLES = "write e.g. '90 min', '30 s', '1 d'";

    private final String name;
    private final String defaultValue;
    private final String valid;
    private final String doc;
    private final Parser<T> parser;

    /** Text to value; throws {@link Invalid} or any runtime exception when the text is not a valid value. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(String text);
    }

    /** A value refused with a reason more precise than "is not {@link #valid()}". */
    private static final class Invalid extends RuntimeException {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    private Key(String name, String defaultValue, String valid, String doc, Parser<T> parser) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.valid = valid;
        this.doc = doc;
        this.parser = parser;
    }

    /** A duration with its unit ({@code 90 min}, {@code 30 s}, {@code 1 d}), from {@code min} to {@code max}. */
    public static Key<Duration> duration(String name, String defaultValue, Duration min, Duration max, String doc) {
        String valid = "a duration from " + format(min) + " to " + format(max);
        return new Key<>(name, defaultValue, valid, doc, text -> {
            if (text.matches("[+-]?[0-9.]+")) {
                throw new Invalid("has no unit (" + DURATION_EXAMPLES + "; valid: " + valid + ")");
            }
            Duration duration;
            try {
                duration = TimeUtils.parseDuration(text);
            } catch (RuntimeException e) {
                throw new Invalid("is not " + valid + " (" + DURATION_EXAMPLES + ")");
            }
            if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
                throw new Invalid("is not " + valid);
            }
            return duration;
        });
    }

    /** A decimal number from {@code min} to {@code max}, in {@code unit} (m, km/h). */
    public static Key<Double> number(String name, String defaultValue, double min, double max, String unit,
            String doc) {
        String valid = "a number from " + format(min) + " to " + format(max) + " (" + unit + ")";
        return new Key<>(name, defaultValue, valid, doc, text -> decimal(text, min, max).doubleValue());
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Key<Integer> whole(String name, String defaultValue, int min, int max, String doc) {
        String valid = "a whole number from " + min + " to " + max;
        return new Key<>(name, defaultValue, valid, doc, text -> {
            BigDecimal number = decimal(text, min, max);
            if (number.stripTrailingZeros().scale() > 0) {
                throw new Invalid("is not " + valid);
            }
            return number.intValueExact();
        });
    }

    /** A TCP port. */
    public static Key<Integer> port(String name, String defaultValue, String doc) {
        return new Key<>(name, defaultValue, "a port from 1 to 65535", doc, Key::port);
    }

    /** A port or a range of ports, {@code 9249-9259}; {@code off} (or YAML's {@code false}) for none. */
    public static Key<Optional<Ports>> ports(String name, String defaultValue, String doc) {
        return new Key<>(name, defaultValue, "a port from 1 to 65535, a range of them such as 9249-9259, or off", doc,
                text -> {
                    if (text.equalsIgnoreCase("off") || text.equalsIgnoreCase("false")) {
                        return Optional.empty();
                    }
                    String[] bounds = text.split("-", -1);
                    if (bounds.length > 2) {
                        throw new IllegalArgumentException();
                    }
                    int first = port(bounds[0].trim());
                    int last = bounds.length == 1 ? first : port(bounds[1].trim());
                    if (last < first) {
                        throw new IllegalArgumentException();
                    }
                    return Optional.of(new Ports(first, last));
                });
    }

    /** One of {@code choices}, as written. */
    public static Key<String> oneOf(String name, String defaultValue, List<String> choices, String doc) {
        return new Key<>(name, defaultValue, "one of " + String.join(", ", choices), doc, text -> {
            if (!choices.contains(text)) {
                throw new IllegalArgumentException();
            }
            return text;
        });
    }

    /** Times of day {@code HH:MM}, separated by commas; read in order. */
    public static Key<List<LocalTime>> timesOfDay(String name, String defaultValue, String doc) {
        return new Key<>(name, defaultValue, "times of day HH:MM separated by commas, e.g. '06:00, 18:00'", doc,
                text -> {
                    List<LocalTime> times = new ArrayList<>();
                    for (String time : text.split(",", -1)) {
                        try {
                            times.add(LocalTime.parse(time.trim()));
                        } catch (DateTimeParseException e) {
                            throw new IllegalArgumentException();
                        }
                    }
                    return times.stream().sorted().toList();
                });
    }

    /**
     * Text the program passes on (an address, a name, a path); {@code valid} says what is accepted and {@code
     * accepted} checks it, so that a bad one is refused here rather than by a server later.
     */
    public static Key<String> text(String name, String defaultValue, String valid, Predicate<String> accepted,
            String doc) {
        return new Key<>(name, defaultValue, valid, doc, text -> {
            if (!accepted.test(text)) {
                throw new IllegalArgumentException();
            }
            return text;
        });
    }

    public String name() {
        return name;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** The values it accepts, as the README's table and the error messages say it. */
    public String valid() {
        return valid;
    }

    public String doc() {
        return doc;
    }

    /** The environment variable that overrides it: {@code stop.maxDuration} → {@code CARGOWATCH_STOP_MAXDURATION}. */
    public String environmentVariable() {
        return "CARGOWATCH_" + name.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    /** Its text in {@code values}, else its default; trimmed. */
    public String raw(Map<String, String> values) {
        return values.getOrDefault(name, defaultValue).trim();
    }

    /** Its value in {@code values}, else its default; a value out of {@link #valid()} is refused naming the key. */
    public T read(Map<String, String> values) {
        String text = raw(values);
        try {
            return parser.parse(text);
        } catch (Invalid e) {
            throw refused(text, e.getMessage());
        } catch (RuntimeException e) {
            throw refused(text, "is not " + valid);
        }
    }

    private IllegalArgumentException refused(String text, String reason) {
        String quoted = text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "…";
        return new IllegalArgumentException(name + ": '" + quoted.replaceAll("\\R", " ") + "' " + reason);
    }

    @Override
    public String toString() {
        return name;
    }

    /** A plain decimal, no exponent, hexadecimal, NaN or Infinity, from {@code min} to {@code max}. */
    private static BigDecimal decimal(String text, double min, double max) {
        if (!text.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
            throw new IllegalArgumentException();
        }
        BigDecimal number = new BigDecimal(text);
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new IllegalArgumentException();
        }
        return number;
    }

    private static int port(String text) {
        return decimal(text, 1, 65535).intValueExact();
    }

    private static String format(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    /** In the largest unit that writes it whole: {@code 90 min}, {@code 30 d}, {@code 1 s}. */
    static String format(Duration duration) {
        if (duration.toMillis() % 86_400_000 == 0) {
            return duration.toDays() + " d";
        }
        if (duration.toMillis() % 3_600_000 == 0) {
            return duration.toHours() + " h";
        }
        if (duration.toMillis() % 60_000 == 0) {
            return duration.toMinutes() + " min";
        }
        if (duration.toMillis() % 1_000 == 0) {
            return duration.toSeconds() + " s";
        }
        return duration.toMillis() + " ms";
    }
}
