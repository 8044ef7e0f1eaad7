package vn.customs.cargowatch.ops.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DutyRoster;

/**
 * The simulated officers on duty ({@code customs.duty-roster}, 3740 §II.4): every unit of {@link CustomsOffices}
 * works two 12-hour shifts, 07:00–19:00 and 19:00–07:00 in Vietnam, two officers each: the night before the simulated
 * day, its day and its night, each shift published an hour before it starts (none later than the day's traffic, whose
 * last event ends a replay). The phones are made up from the unit's
 * and the shift's place, not drawn from the day's random numbers, so that adding the roster changed no other input of
 * a seed.
 */
final class DutyRosters {

    /** 07:00 in Vietnam, from the day's midnight there. */
    private static final Duration DAY_SHIFT_START = Duration.ofHours(7);
    private static final Duration SHIFT = Duration.ofHours(12);
    private static final Duration PUBLISHED_BEFORE = Duration.ofHours(1);
    private static final int OFFICERS_PER_SHIFT = 2;

    private DutyRosters() {}

    /** The roster of the day starting at {@code dayStart} (midnight in Vietnam), oldest shift first. */
    static List<DutyRoster> of(Instant dayStart) {
        Instant first = dayStart.plus(DAY_SHIFT_START).minus(SHIFT); // the night before, from 19:00
        List<DutyRoster> roster = new ArrayList<>();
        for (int shift = 0; shift < 3; shift++) {
            Instant start = first.plus(SHIFT.multipliedBy(shift));
            for (int unit = 0; unit < CustomsOffices.ALL.size(); unit++) {
                CustomsOffice office = CustomsOffices.ALL.get(unit);
                List<String> phones = new ArrayList<>();
                for (int officer = 0; officer < OFFICERS_PER_SHIFT; officer++) {
                    phones.add(String.format("8498%03d%02d%02d", unit, shift, officer));
                }
                roster.add(new DutyRoster(office.unitCode(), start, start.plus(SHIFT), List.copyOf(phones),
                        start.minus(PUBLISHED_BEFORE)));
            }
        }
        return roster;
    }
}
