package vn.customs.cargowatch.jobs.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.CustomsOffice;

/**
 * Fills {@code nearestOffice} on every alert that has a place (3740 §II.4), and the units of a gate alert, from the
 * broadcast {@code customs.offices}. Keyed by alert id.
 *
 * <p>A gate alert (its details name an ICD) comes from the gate rules without a Branch or a Department: it takes
 * those of the Branch whose {@code icdCodes} list its ICD, so that the ICD's officers may act on it (3740 §I.7,
 * 1572 §I.3.3). When several Branches list the ICD, the lowest unit code wins, so a replay always names the same.
 * An alert whose ICD no Branch lists keeps no unit: only the General Department may act on it, as before
 * {@code icdCodes}. An alert that has a Branch already (a trip's) keeps it.
 *
 * <p>An alert is held until the watermark reaches the time it was raised or ended, so that the offices
 * read before that time are known — a replay then names the same office every time — and so that the
 * raise of an episode is always written before its end, even when they come from different operators.
 * State per alert id is cleared when it is released.
 */
public class NearestOfficeEnricher extends KeyedBroadcastProcessFunction<String, Alert, CustomsOffice, Alert> {

    public static final MapStateDescriptor<String, CustomsOffice> OFFICES =
            new MapStateDescriptor<>("customs-offices", Types.STRING, TypeInformation.of(CustomsOffice.class));

    private final boolean holdUntilWatermark;
    private transient ListState<Alert> held;

    public NearestOfficeEnricher() {
        this(true);
    }

    private NearestOfficeEnricher(boolean holdUntilWatermark) {
        this.holdUntilWatermark = holdUntilWatermark;
    }

    /**
     * For an alert raised as its event arrived (live): named with the offices known now and handed on at once, for
     * it is raised for its speed; its event-time twin is named again when the watermark passes it.
     */
    public static NearestOfficeEnricher atOnce() {
        return new NearestOfficeEnricher(false);
    }

    @Override
    public void open(OpenContext openContext) {
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held-alerts", Alert.class));
    }

    @Override
    public void processElement(Alert alert, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        if (!holdUntilWatermark) {
            out.collect(named(alert, offices(ctx.getBroadcastState(OFFICES))));
            return;
        }
        held.add(alert);
        ctx.timerService().registerEventTimeTimer(releaseTime(alert));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<Alert> due = new ArrayList<>();
        List<Alert> later = new ArrayList<>();
        for (Alert alert : held.get()) {
            (releaseTime(alert) <= timestamp ? due : later).add(alert);
        }
        due.sort(Comparator.comparing((Alert alert) -> alert.endTs() != null));
        List<CustomsOffice> offices = offices(ctx.getBroadcastState(OFFICES));
        for (Alert alert : due) {
            out.collect(named(alert, offices));
        }
        held.update(later);
    }

    private static Alert named(Alert alert, List<CustomsOffice> offices) {
        Alert owned = withIcdUnits(alert, offices);
        return owned.lat() == null || owned.lon() == null ? owned
                : owned.withNearestOffice(NearestOffices.nearestBranch(offices, owned.lat(), owned.lon()));
    }

    private static Alert withIcdUnits(Alert alert, List<CustomsOffice> offices) {
        String icdCode = alert.details() == null ? null : alert.details().icdCode();
        if (alert.branchCode() != null || icdCode == null) {
            return alert;
        }
        return CustomsOffice.branchOf(icdCode, offices)
                .map(branch -> alert.withUnits(branch.unitCode(), branch.parentCode()))
                .orElse(alert);
    }

    /** The offices broadcast so far ({@link #OFFICES}), for every operator that reads them. */
    public static List<CustomsOffice> offices(
            org.apache.flink.api.common.state.ReadOnlyBroadcastState<String, CustomsOffice> state) throws Exception {
        List<CustomsOffice> offices = new ArrayList<>();
        state.immutableEntries().forEach(entry -> offices.add(entry.getValue()));
        return offices;
    }

    @Override
    public void processBroadcastElement(CustomsOffice office, Context ctx, Collector<Alert> out) throws Exception {
        ctx.getBroadcastState(OFFICES).put(office.unitCode(), office);
    }

    private static long releaseTime(Alert alert) {
        return (alert.endTs() != null ? alert.endTs() : alert.detectedAt()).toEpochMilli();
    }
}
