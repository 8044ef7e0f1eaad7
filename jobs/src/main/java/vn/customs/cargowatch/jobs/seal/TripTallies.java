package vn.customs.cargowatch.jobs.seal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.alerts.AlertFinding;
import vn.customs.cargowatch.jobs.alerts.NearestOfficeEnricher;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.common.Retention;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.TripTally;

/**
 * How each sealed trip counts in the monthly report (3740 Phụ lục IV), keyed by trip: its attachment (the status
 * that says it was activated, with its regime and departure Branch), its receipt (the closing, which names the
 * destination Branch; the Branch's Department from the broadcast {@code customs.offices}), and whether its container
 * violated ({@link #violations}, from its seal alerts, the findings on them and the closing's explanations). Each
 * change is a {@code trips.tally} record ({@link TripTally}).
 *
 * <p>Inputs are taken in event time (released by the watermark, so that the offices read before are known), and the
 * tally is a function of everything taken, whatever its order: the last record is the same in every replay and at
 * every parallelism. State: the latest status and closing, one entry per seal alert; it ends {@link #RETENTION} of
 * event time after the last input (a finding recorded weeks later still counts), or at a cancellation.
 */
public class TripTallies extends KeyedBroadcastProcessFunction<String, TripTallies.Input, CustomsOffice, TripTally> {

    /** How long a trip is kept after the last thing that happened to it. */
    public static final Duration RETENTION = Duration.ofDays(60);

    /** A trip's status, its closing, one of its seal alerts, or a finding on one. */
    public record Input(TripStatus status, TripClosing closing, Alert alert, AlertFinding finding) {

        public static Input of(TripStatus status) {
            return new Input(status, null, null, null);
        }

        public static Input of(TripClosing closing) {
            return new Input(null, closing, null, null);
        }

        public static Input of(Alert alert) {
            return new Input(null, null, alert, null);
        }

        public static Input of(AlertFinding finding) {
            return new Input(null, null, null, finding);
        }

        public String tripId() {
            return status != null ? status.tripId() : closing != null ? closing.tripId() : alert != null
                    ? alert.tripId() : finding.tripId();
        }

        Instant ts() {
            if (status != null) {
                Instant ts = status.endTs() != null ? status.endTs() : status.lastTs() != null ? status.lastTs()
                        : status.activatedTs();
                return ts != null ? ts : Instant.EPOCH;
            }
            if (closing != null) {
                return closing.ts();
            }
            if (alert != null) {
                return alert.detectedAt() != null ? alert.detectedAt() : alert.startTs();
            }
            return finding.ts();
        }

        int order() {
            return status != null ? 0 : closing != null ? 1 : alert != null ? 2 : 3;
        }
    }

    /** Whether a tally takes the alert: a sealed trip's seal alert, never a gate's. */
    public static boolean counts(Alert alert) {
        return alert.tripId() != null && alert.type() != null && !alert.type().ofGate();
    }

    /** Whether a tally takes the status: once the trip is activated (the seal attached), and its cancellation. */
    public static boolean counts(TripStatus status) {
        return status.activatedTs() != null || status.state() == TripStatus.State.CANCELLED;
    }

    /** A seal alert of the trip and the latest finding on it (null: none yet). */
    public record SealAlert(String alertId, boolean raised, AlertAction.Finding finding, Instant findingTs) {}

    private transient EventTimeBuffer<Input> pending;
    private transient ValueState<TripStatus> status;
    private transient ValueState<TripClosing> closing;
    private transient MapState<String, SealAlert> alerts;
    private transient ValueState<TripTally> written;
    private transient Retention retention;

    @Override
    public void open(OpenContext openContext) {
        pending = new EventTimeBuffer<>(getRuntimeContext(), "pending", Input.class,
                Comparator.comparingInt(Input::order));
        status = getRuntimeContext().getState(new ValueStateDescriptor<>("status", TripStatus.class));
        closing = getRuntimeContext().getState(new ValueStateDescriptor<>("closing", TripClosing.class));
        alerts = getRuntimeContext().getMapState(new MapStateDescriptor<>("seal-alerts", Types.STRING,
                TypeInformation.of(SealAlert.class)));
        written = getRuntimeContext().getState(new ValueStateDescriptor<>("written", TripTally.class));
        retention = new Retention(getRuntimeContext(), pending);
    }

    @Override
    public void processElement(Input input, ReadOnlyContext ctx, Collector<TripTally> out) throws Exception {
        pending.add(input.ts().toEpochMilli(), input, ctx.timerService());
    }

    @Override
    public void processBroadcastElement(CustomsOffice office, Context ctx, Collector<TripTally> out) throws Exception {
        ctx.getBroadcastState(NearestOfficeEnricher.OFFICES).put(office.unitCode(), office);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TripTally> out) throws Exception {
        List<Input> released = pending.release(timestamp);
        for (Input input : released) {
            InternalErrors.guard("trip tallies", topicOf(input).name(), payload(input),
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> take(input, ctx));
        }
        if (!released.isEmpty()) {
            if (status.value() == null && closing.value() == null && alerts.isEmpty()) {
                return; // cancelled: forgotten
            }
            retention.keepUntil(timestamp + RETENTION.toMillis(), ctx.timerService());
            if (status.value() == null) {
                return; // nothing to count before the activation, which comes first in event time
            }
            TripTally tally = tally(status.value(), closing.value(), sealAlerts(), departments(ctx),
                    Instant.ofEpochMilli(timestamp));
            TripTally before = written.value();
            if (before == null || !sameCount(before, tally)) {
                out.collect(tally);
                written.update(tally);
            }
        } else if (retention.endsAt(timestamp)) {
            forget();
        }
    }

    private void take(Input input, ReadOnlyContext ctx) throws Exception {
        if (input.status() != null) {
            if (input.status().state() == TripStatus.State.CANCELLED) {
                retention.endNow(ctx.timerService());
                forget();
                return;
            }
            TripStatus kept = status.value();
            if (kept == null || !input.ts().isBefore(Input.of(kept).ts())) {
                status.update(input.status());
            }
        } else if (input.closing() != null) {
            TripClosing kept = closing.value();
            if (kept == null || kept.state() != TripClosing.State.CLOSED) {
                closing.update(input.closing());
            }
        } else if (input.alert() != null) {
            SealAlert kept = alerts.get(input.alert().alertId());
            alerts.put(input.alert().alertId(), kept == null ? new SealAlert(input.alert().alertId(), true, null, null)
                    : new SealAlert(kept.alertId(), true, kept.finding(), kept.findingTs()));
        } else {
            AlertFinding finding = input.finding();
            SealAlert kept = alerts.get(finding.alertId());
            if (kept == null || kept.findingTs() == null || !finding.ts().isBefore(kept.findingTs())) {
                alerts.put(finding.alertId(), new SealAlert(finding.alertId(), kept != null && kept.raised(),
                        finding.finding(), finding.ts()));
            }
        }
    }

    private List<SealAlert> sealAlerts() throws Exception {
        List<SealAlert> all = new ArrayList<>();
        alerts.values().forEach(all::add);
        return all;
    }

    private static Map<String, String> departments(ReadOnlyContext ctx) throws Exception {
        Map<String, String> departments = new TreeMap<>();
        ReadOnlyBroadcastState<String, CustomsOffice> offices = ctx.getBroadcastState(NearestOfficeEnricher.OFFICES);
        for (Map.Entry<String, CustomsOffice> entry : offices.immutableEntries()) {
            CustomsOffice office = entry.getValue();
            if (office.level() == CustomsOffice.Level.BRANCH && office.parentCode() != null) {
                departments.put(office.unitCode(), office.parentCode());
            } else if (office.level() == CustomsOffice.Level.DEPARTMENT) {
                departments.put(office.unitCode(), office.unitCode());
            }
        }
        return departments;
    }

    /**
     * The trip's tally from everything known of it: attached when activated (at its own Branch), received when it
     * arrived (at the Branch that closes it, under that Branch's Department in {@code departmentOf}), and the seal
     * alerts that make its container a violating one.
     */
    public static TripTally tally(TripStatus status, TripClosing closing, List<SealAlert> alerts,
            Map<String, String> departmentOf, Instant ts) {
        boolean arrived = closing != null && closing.arrivedAt() != null;
        String destination = arrived ? closing.destinationUnit() : null;
        return new TripTally(status.tripId(), status.containerNo(), status.regime(), status.activatedTs(),
                status.branchCode(), status.departmentCode(), arrived ? closing.arrivedAt() : null, destination,
                destination == null ? null : departmentOf.get(destination),
                closing != null && closing.state() == TripClosing.State.CLOSED, violations(alerts, closing), ts);
    }

    /**
     * The seal alerts that make a trip's container violating (3740 Phụ lục IV, as issue 14 defines it): the finding
     * VIOLATION; or no finding at all, and no explanation for it when the trip was closed. An alert with the finding
     * NO_VIOLATION or UNCLEAR is not one; nor, before the closing, an alert nobody has verified yet. Sorted by id.
     */
    public static List<String> violations(List<SealAlert> alerts, TripClosing closing) {
        boolean closed = closing != null && closing.state() == TripClosing.State.CLOSED;
        Set<String> explained = !closed || closing.inspection() == null ? Set.of()
                : closing.inspection().explanationsOrNone().stream()
                        .filter(explanation -> explanation.text() != null && !explanation.text().isBlank())
                        .map(Inspection.Explanation::alertId).collect(Collectors.toSet());
        return alerts.stream()
                .filter(SealAlert::raised)
                .filter(alert -> alert.finding() == AlertAction.Finding.VIOLATION
                        || (alert.finding() == null && closed && !explained.contains(alert.alertId())))
                .map(SealAlert::alertId).sorted().toList();
    }

    private static boolean sameCount(TripTally before, TripTally now) {
        return Objects.equals(before.rows(), now.rows()) && Objects.equals(before.violations(), now.violations())
                && Objects.equals(before.closed(), now.closed());
    }

    private void forget() {
        status.clear();
        closing.clear();
        alerts.clear();
        written.clear();
        retention.clear();
    }

    private static Topic<?> topicOf(Input input) {
        return input.status() != null ? Topic.TRIPS_STATUS : input.closing() != null ? Topic.TRIPS_CLOSINGS
                : input.alert() != null ? Topic.ALERTS : Topic.ALERTS_HISTORY;
    }

    private static Object payload(Input input) {
        return input.status() != null ? input.status() : input.closing() != null ? input.closing()
                : input.alert() != null ? input.alert() : input.finding();
    }
}
