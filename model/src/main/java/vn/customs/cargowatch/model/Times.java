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

    private static final DateTimeFormatter OUTPUT = DateTimeFormatter.ISO_INSTANT;
    private static final DateTimeFormatter LOCAL_READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter LOCAL_SHORT = DateTimeFormatter.ofPattern("HH:mm dd/MM");

    private Times() {}

    /** Parses the text form; an offset is required because a local time is ambiguous across units. */
    public static Instant parse(String text) {
        String trimmed = text.trim();
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "'" + trimmed + "' is not an ISO-8601 time with offset (e.g. 2026-11-22T08:15:30Z)");
        }
    }

    public static Instant ofEpochMillis(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    /**
     * A topic's newest event time after a record stamped {@code ts} ({@code Long.MIN_VALUE}: none): a stamp
     * more than {@code maxAheadMillis} beyond the newest so far is a broken clock and does not count. The
     * watermarks and the file replay's last event both follow this, so they agree on what time it is.
     */
    public static long newestAccepted(long newest, long ts, long maxAheadMillis) {
        if (ts == Long.MIN_VALUE || ts <= newest || (newest != Long.MIN_VALUE && ts > newest + maxAheadMillis)) {
            return newest;
        }
        return ts;
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
