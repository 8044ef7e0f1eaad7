package vn.customs.cargowatch.model;

import java.util.List;

/**
 * An input record that can tell what, if anything, breaks the contract in it: a missing field, a number that is
 * not finite or out of its range, a text or a list too long to be what the field means, an array with a null.
 * A reason quotes at most {@value #QUOTED} characters of the value it is about, so that a dead letter stays small
 * however big the value.
 */
public interface Validated {

    /** How much of an offending value a reason quotes. */
    int QUOTED = 100;

    /** The longest identifier (a trip, a declaration, a gate, a unit, a container, a plate). */
    int ID = 64;

    /** The longest name or person (a unit's name, an officer, a driver). */
    int NAME = 200;

    /** The longest free text (an officer's note). */
    int NOTE = 2_000;

    /** A phone an SMS is sent to: the international form without {@code +} ({@code 84912345678}). */
    String PHONE = "[0-9]{8,15}";

    /** The reason this record must go to {@code deadletter}, or {@code null} when it is fine. */
    String problem();

    static String requireText(String value, String field) {
        return value == null || value.isBlank() ? field + " is missing" : null;
    }

    /** A required text of at most {@code maxLength} characters. */
    static String requireText(String value, String field, int maxLength) {
        String missing = requireText(value, field);
        return missing != null ? missing : text(value, field, maxLength);
    }

    /** An optional text of at most {@code maxLength} characters. */
    static String text(String value, String field, int maxLength) {
        return value != null && value.length() > maxLength
                ? field + " " + quote(value) + " is longer than " + maxLength + " characters" : null;
    }

    /** A required phone in the form of {@link #PHONE}. */
    static String phone(String value, String field) {
        String missing = requireText(value, field);
        return missing != null ? missing : value.matches(PHONE) ? null
                : field + " " + quote(value) + " is not a phone number in international form without + "
                        + "(e.g. 84912345678)";
    }

    static String latLon(Double lat, Double lon) {
        if (lat == null || lon == null) {
            return "lat/lon missing";
        }
        return first(number(lat, "lat", -90, 90), number(lon, "lon", -180, 180));
    }

    /** An optional number, finite and within {@code [min, max]}. */
    static String number(Double value, String field, double min, double max) {
        return value != null && !(value >= min && value <= max)
                ? field + " " + value + " out of range [" + plain(min) + ", " + plain(max) + "]" : null;
    }

    /** An optional whole number within {@code [min, max]}. */
    static String number(Integer value, String field, int min, int max) {
        return value != null && (value < min || value > max)
                ? field + " " + value + " out of range [" + min + ", " + max + "]" : null;
    }

    /** An optional list: no null item, at most {@code maxSize} items; {@code items} judges each one. */
    static <T> String list(List<T> values, String field, int maxSize, ItemProblem<T> items) {
        if (values == null) {
            return null;
        }
        if (values.size() > maxSize) {
            return field + " has " + values.size() + " items, more than " + maxSize;
        }
        for (int i = 0; i < values.size(); i++) {
            String item = field + "[" + i + "]";
            if (values.get(i) == null) {
                return item + " is null";
            }
            String reason = items.problem(values.get(i), item);
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    /** What breaks the contract in one item of a list, named as {@code field} (e.g. {@code containers[2]}). */
    @FunctionalInterface
    interface ItemProblem<T> {
        String problem(T item, String field);
    }

    /** {@code value} in quotes, cut to {@value #QUOTED} characters. */
    static String quote(Object value) {
        return "'" + cut(value) + "'";
    }

    /** {@code value} as text cut to {@value #QUOTED} characters (never inside a character), "…" marking the cut. */
    static String cut(Object value) {
        String text = String.valueOf(value);
        if (text.codePointCount(0, text.length()) <= QUOTED) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, QUOTED)) + "…";
    }

    /**
     * Where in {@code text}, from {@code from} on, the first half character is — a surrogate without its other half,
     * which a JSON escape can make ({@code "\\uD800"}) but no UTF-8 can carry; {@code -1} when there is none.
     */
    static int halfCharacter(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a whole character beyond the BMP
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String plain(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    /** The first non-null reason, so validations read as one list. */
    static String first(String... reasons) {
        for (String reason : reasons) {
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }
}
