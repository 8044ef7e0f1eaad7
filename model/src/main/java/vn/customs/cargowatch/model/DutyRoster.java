package vn.customs.cargowatch.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code customs.duty-roster}: the officers on duty at a unit for one shift, as the desk publishes it (issue 13). An
 * alert is texted to the officers on duty at its unit at the alert's time (3740 §II.4: "công chức trực"): the roster
 * entry whose shift holds that time, the newest {@code ts} of the same unit and shift winning; the configuration's
 * {@code sms.onDuty} when no entry covers it.
 *
 * <p>{@code shiftStart} is in the shift, {@code shiftEnd} is not: an alert at 08:00 is the 08:00 shift's. Phones are
 * in the international form without {@code +} that {@code sms.onDuty} takes ({@link Validated#PHONE}).
 */
public record DutyRoster(String unitCode, Instant shiftStart, Instant shiftEnd, List<String> phones, Instant ts)
        implements Validated, Timed {

    /** More officers than one unit has on duty in one shift. */
    public static final int MAX_PHONES = 20;

    /** A longer shift is a mistake in its times, not a shift. */
    public static final Duration MAX_SHIFT = Duration.ofHours(48);

    /** Whether {@code time} is in this shift: from its start (included) to its end (not). */
    public boolean covers(Instant time) {
        return !time.isBefore(shiftStart) && time.isBefore(shiftEnd);
    }

    @Override
    public String problem() {
        return Validated.first(
                Validated.requireText(unitCode, "unitCode", Validated.ID),
                shiftStart == null ? "shiftStart is missing" : null,
                shiftEnd == null ? "shiftEnd is missing" : null,
                ts == null ? "ts is missing" : null,
                shiftProblem(),
                phones == null || phones.isEmpty() ? "phones is missing: a shift has at least one officer on duty"
                        : null,
                Validated.list(phones, "phones", MAX_PHONES, Validated::phone));
    }

    private String shiftProblem() {
        if (shiftStart == null || shiftEnd == null) {
            return null;
        }
        if (!shiftEnd.isAfter(shiftStart)) {
            return "shiftEnd " + Times.format(shiftEnd) + " is not after shiftStart " + Times.format(shiftStart);
        }
        return Duration.between(shiftStart, shiftEnd).compareTo(MAX_SHIFT) > 0
                ? "the shift from " + Times.format(shiftStart) + " to " + Times.format(shiftEnd) + " is longer than "
                        + MAX_SHIFT.toHours() + " h" : null;
    }
}
