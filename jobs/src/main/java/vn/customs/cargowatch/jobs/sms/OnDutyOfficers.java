package vn.customs.cargowatch.jobs.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.config.SmsSettings;
import vn.customs.cargowatch.model.DutyRoster;
import vn.customs.cargowatch.model.Topic;

/**
 * Texts the officers on duty at a unit (3740 §II.4: the alert goes "to the officer on duty"), keyed by unit code:
 * who is on duty at the alert's time comes from the broadcast {@code customs.duty-roster} — the entry of the unit
 * whose shift holds that time, the newest {@code ts} of the same shift winning — and from the configuration's {@code
 * sms.onDuty} when no entry covers it. Shifts of a unit that overlap at that time are all on duty.
 *
 * <p>The alert's time is that of the state change texted (its raise, the escalation), the notice's timestamp. A
 * notice is held until the watermark passes it, and only roster records stamped at or before its time count. Every
 * roster record up to a time precedes, on its channel, the watermark that passes that time, so the phones do not
 * depend on which arrived first: a roster corrected after an alert does not change who was texted it.
 *
 * <p>State ends: a notice when it is released. The roster keeps each version of a unit's shift until the shift ended
 * {@link #ROSTER_RETENTION} before the watermark; they are dropped as later roster records arrive.
 */
public class OnDutyOfficers extends KeyedBroadcastProcessFunction<String, OnDutyNotice, DutyRoster, SmsRequest> {

    /** Every version of each unit's shifts: {@code <unit>/<shift start>/<shift end>/<ts>} (epoch ms) → the entry. */
    public static final MapStateDescriptor<String, DutyRoster> ROSTER =
            new MapStateDescriptor<>("duty-roster", Types.STRING, TypeInformation.of(DutyRoster.class));

    /** How long after a shift's end its entries are kept: alerts come that late only from a stopped pipeline. */
    public static final Duration ROSTER_RETENTION = Duration.ofDays(7);

    private final SmsSettings settings;
    private transient EventTimeBuffer<OnDutyNotice> pending;

    public OnDutyOfficers(SmsSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = new EventTimeBuffer<>(getRuntimeContext(), "pending-notices", OnDutyNotice.class,
                Comparator.comparing((OnDutyNotice notice) -> notice.alert().alertId())
                        .thenComparing(notice -> notice.alert().state(),
                                Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    @Override
    public void processElement(OnDutyNotice notice, ReadOnlyContext ctx, Collector<SmsRequest> out) throws Exception {
        pending.add(ctx.timestamp() != null ? ctx.timestamp() : notice.alert().raisedAt().toEpochMilli(), notice,
                ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SmsRequest> out) throws Exception {
        for (OnDutyNotice notice : pending.release(timestamp)) {
            InternalErrors.guard("sms to the officers on duty", Topic.ALERTS.name(), notice.alert(),
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> {
                        for (String phone : onDuty(notice.unitCode(), Instant.ofEpochMilli(timestamp),
                                ctx.getBroadcastState(ROSTER).immutableEntries(), settings)) {
                            out.collect(new SmsRequest(phone, notice.alert()));
                        }
                    });
        }
    }

    @Override
    public void processBroadcastElement(DutyRoster entry, Context ctx, Collector<SmsRequest> out) throws Exception {
        BroadcastState<String, DutyRoster> roster = ctx.getBroadcastState(ROSTER);
        long watermark = ctx.currentWatermark();
        long keepAfter = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - ROSTER_RETENTION.toMillis();
        Iterator<Map.Entry<String, DutyRoster>> kept = roster.iterator();
        while (kept.hasNext()) {
            if (kept.next().getValue().shiftEnd().toEpochMilli() < keepAfter) {
                kept.remove();
            }
        }
        if (entry.shiftEnd().toEpochMilli() < keepAfter) {
            return;
        }
        String version = entry.unitCode() + "/" + entry.shiftStart().toEpochMilli() + "/"
                + entry.shiftEnd().toEpochMilli() + "/" + entry.ts().toEpochMilli();
        DutyRoster same = roster.get(version);
        // two records of one shift with one ts: the same one kept whichever came first
        if (same == null || String.join(",", entry.phones()).compareTo(String.join(",", same.phones())) > 0) {
            roster.put(version, entry);
        }
    }

    /**
     * The phones on duty at {@code unit} at {@code at}: of each of its shifts holding {@code at}, the newest version
     * stamped at or before {@code at}; {@code sms.onDuty} of the unit when there is none.
     */
    static List<String> onDuty(String unit, Instant at, Iterable<Map.Entry<String, DutyRoster>> roster,
            SmsSettings settings) {
        Map<String, DutyRoster> newestOfShift = new TreeMap<>();
        for (Map.Entry<String, DutyRoster> version : roster) {
            DutyRoster entry = version.getValue();
            if (entry.unitCode().equals(unit) && entry.covers(at) && !entry.ts().isAfter(at)) {
                String shift = entry.shiftStart().toEpochMilli() + "/" + entry.shiftEnd().toEpochMilli();
                DutyRoster newest = newestOfShift.get(shift);
                if (newest == null || entry.ts().isAfter(newest.ts())) {
                    newestOfShift.put(shift, entry);
                }
            }
        }
        if (newestOfShift.isEmpty()) {
            return settings.onDuty(unit);
        }
        Set<String> phones = new LinkedHashSet<>();
        newestOfShift.values().forEach(entry -> phones.addAll(entry.phones()));
        return List.copyOf(phones);
    }
}
