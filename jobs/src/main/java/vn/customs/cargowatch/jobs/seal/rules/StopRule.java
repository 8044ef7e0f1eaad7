package vn.customs.cargowatch.jobs.seal.rules;

import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.geo.Geo;

/**
 * STOP_OVER_90_MIN (3740 §I.8): on its registered route, a truck stopped or parked longer than allowed.
 *
 * <p>A stop begins at a fix slower than {@code stop.maxSpeedKmh} inside the corridor; it goes on while
 * fixes stay within {@code stop.radiusMeters} of that first fix (measuring from the anchor, not from the
 * previous fix, so GPS drift cannot walk the stop away). The alert is raised by an event-time timer when
 * the stop has lasted longer than {@code stop.maxDuration} — even if no fix comes after — and ends at the
 * first fix that moves off or speeds up, or when the trip ends. Keyed by IMEI; state and timer are
 * cleared when the stop or the trip ends.
 */
public class StopRule extends KeyedProcessFunction<String, TripSignal, Alert> {

    private final SealSettings settings;
    private transient EventTimeBuffer<TripSignal> signals;
    private transient ValueState<TripSignal> stopStart;
    private transient ValueState<Alert> raised;

    public StopRule(SealSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        signals = TripAlerts.signalBuffer(getRuntimeContext());
        stopStart = getRuntimeContext().getState(new ValueStateDescriptor<>("stop-start", TripSignal.class));
        raised = getRuntimeContext().getState(new ValueStateDescriptor<>("stop-alert", Alert.class));
    }

    @Override
    public void processElement(TripSignal signal, Context ctx, Collector<Alert> out) throws Exception {
        signals.add(signal.millis(), signal, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        TripAlerts.eachSignal("stop over 90 min", signals.release(timestamp),
                letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), signal -> onSignal(signal, ctx, out));
        TripSignal start = stopStart.value();
        if (start == null || deadline(start) != timestamp || raised.value() != null
                || TripAlerts.isEndOfInput(ctx.timerService().currentWatermark())) {
            return;
        }
        Alert alert = TripAlerts.raise(AlertType.STOP_OVER_90_MIN, start, Instant.ofEpochMilli(timestamp),
                Map.of("maxDurationMinutes", settings.stopMaxDuration().toMinutes(),
                        "radiusMeters", settings.stopRadiusMeters()));
        raised.update(alert);
        out.collect(alert);
    }

    private void onSignal(TripSignal signal, Context ctx, Collector<Alert> out) throws Exception {
        TripSignal start = stopStart.value();
        if (signal.is(TripSignal.Kind.FIX)) {
            if (start != null && stillStopped(start, signal)) {
                return;
            }
            endStop(start, signal.ts(), ctx, out);
            if (isStopped(signal)) {
                stopStart.update(signal);
                ctx.timerService().registerEventTimeTimer(deadline(signal));
            }
        } else if (signal.is(TripSignal.Kind.ENDED)) {
            endStop(start, signal.ts(), ctx, out);
        }
    }

    private boolean isStopped(TripSignal fix) {
        double speed = fix.speedKmh() == null ? 0 : fix.speedKmh();
        return speed < settings.stopMaxSpeedKmh() && fix.isFixOnRoute();
    }

    private boolean stillStopped(TripSignal start, TripSignal fix) {
        return isStopped(fix) && start.tripId().equals(fix.tripId())
                && Geo.distanceMeters(start.lat(), start.lon(), fix.lat(), fix.lon()) <= settings.stopRadiusMeters();
    }

    /** "Longer than" 90 minutes: the alert is due one millisecond after the 90th minute. */
    private long deadline(TripSignal start) {
        return start.millis() + settings.stopMaxDuration().toMillis() + 1;
    }

    private void endStop(TripSignal start, Instant end, Context ctx, Collector<Alert> out) throws Exception {
        if (start == null) {
            return;
        }
        signals.deleteTimerUnlessHolding(deadline(start), ctx.timerService());
        Alert alert = raised.value();
        if (alert != null) {
            out.collect(alert.withEnd(end));
        }
        stopStart.clear();
        raised.clear();
    }
}
