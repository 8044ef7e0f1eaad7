package vn.customs.cargowatch.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one time parser and formatter of cargowatch.
 *
 * <p>Contract: inputs carry ISO-8601 with an offset ({@code 2026-11-22T15:15:30+07:00}, {@code ...Z})
 * or epoch milliseconds; outputs are ISO-8601 UTC with millisecond precision at most.
 */
public final class Times {

    /** Officers read times in Vietnam time (UTC+7, no daylight saving). */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /**
     * The times the contract accepts: from 2000-01-01 (inclusive) to 2100-01-01 (exclusive) UTC. Nothing
     * cargowatch watches happened before or will happen after, and within these bounds every sum of a time and
     * a configured duration stays far from {@code long} overflow.
     */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private static final DateTimeFormatter OUTPUT = DateTimeFormatter.ISO_INSTANT;
    private static final DateTimeFormatter LOCAL_READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter LOCAL_SHORT = DateTimeFormatter.ofPattern("HH:mm dd/MM");

    private Times() {}

    /**
     * Parses the text form; an offset is required because a local time is ambiguous across units. A time outside
     * {@link #EARLIEST} … {@link #LATEST} is refused like a malformed one. Digits beyond the millisecond are dropped:
     * event time and every output have milliseconds, and a record read, written and read again must be the same.
     */
    public static Instant parse(String text) {
        String trimmed = text.trim();
        Instant instant;
        try {
            instant = OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    Validated.quote(trimmed) + " is not an ISO-8601 time with offset (e.g. 2026-11-22T08:15:30Z)");
        }
        return inRange(instant, trimmed).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Epoch milliseconds, within {@link #EARLIEST} … {@link #LATEST}. */
    public static Instant ofEpochMillis(long millis) {
        return inRange(Instant.ofEpochMilli(millis), Long.toString(millis));
    }

    private static Instant inRange(Instant instant, String as) {
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new IllegalArgumentException(Validated.quote(as) + " is outside 2000-01-01 to 2100-01-01");
        }
        return instant;
    }

    public static String format(Instant instant) {
        return OUTPUT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** "2026-11-22 15:15" in Vietnam time, for console lines and SMS. */
    public static String vietnamTime(Instant instant) {
        return LOCAL_READABLE.format(instant.atZone(VIETNAM));
    }

    /**
     * "14:05 23/11" in Vietnam time: hour before date, as Vietnamese write it, and no year, for an SMS read the
     * same day on a phone's small screen.
     */
    public static String vietnamShort(Instant instant) {
        return LOCAL_SHORT.format(instant.atZone(VIETNAM));
    }
}
