package vn.customs.cargowatch.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
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
        Instant instant = commonForm(trimmed);
        try {
            if (instant == null) {
                instant = OffsetDateTime.parse(trimmed).toInstant();
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    Validated.quote(trimmed) + " is not an ISO-8601 time with offset (e.g. 2026-11-22T08:15:30Z)");
        }
        return inRange(instant, trimmed).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The form nearly every record uses, {@code 2026-11-22T08:15:30Z}, {@code …30.123Z} or {@code …30+07:00}, read by
     * hand: {@link OffsetDateTime#parse} costs a few microseconds a record, more than the rest of a fix's reading. Only
     * a text exactly of that form, with every field in range, is read here; anything else — another form, a field out
     * of range — returns {@code null}, and {@link OffsetDateTime#parse} decides as before.
     */
    static Instant commonForm(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (at < length && text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 9 && Character.isDigit(text.charAt(at))) {
                nanos = nanos * 10 + (text.charAt(at++) - '0');
            }
            if (at == start || (at < length && Character.isDigit(text.charAt(at)))) {
                return null;
            }
            for (int scale = at - start; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
            int offsetHours = digits(text, at + 1, 2);
            int offsetMinutes = digits(text, at + 4, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59
                    || (offsetHours == 18 && offsetMinutes > 0)) {
                return null;
            }
            offsetSeconds = (text.charAt(at) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The number written by {@code count} ASCII digits from {@code start}, or -1. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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

    /**
     * ISO-8601 UTC to the millisecond, as {@link DateTimeFormatter#ISO_INSTANT} writes it ({@code 2026-11-22T08:15:30Z},
     * {@code …30.120Z}); written by hand for the contract's years, where every output record pays for it.
     */
    public static String format(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        if (millis.isBefore(EARLIEST) || !millis.isBefore(LATEST)) {
            return OUTPUT.format(millis);
        }
        long seconds = millis.getEpochSecond();
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        char[] text = new char[millis.getNano() == 0 ? 20 : 24];
        put(text, 0, date.getYear(), 4);
        text[4] = '-';
        put(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, secondOfDay / 3_600, 2);
        text[13] = ':';
        put(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        put(text, 17, secondOfDay % 60, 2);
        if (millis.getNano() != 0) {
            text[19] = '.';
            put(text, 20, millis.getNano() / 1_000_000, 3);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    private static void put(char[] text, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * The Vietnam calendar month of {@code instant} ({@code YYYY-MM}): the month a report counts it in, as an office in
     * Hà Nội reckons it.
     */
    public static YearMonth vietnamMonth(Instant instant) {
        return YearMonth.from(instant.atZone(VIETNAM));
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
