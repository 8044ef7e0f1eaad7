package vn.customs.cargowatch.jobs.seal.rules;

import java.time.Instant;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.geo.Geo;

/**
 * STOP_OVER_90_MIN (3740 §I.8): on its registered route, a truck stopped or parked longer than allowed.
 *
 * <p>A stop begins at a fix slower than {@code stop.maxSpeedKmh} inside the corridor; it goes on while
 * fixes stay within {@code stop.radiusMeters} of that first fix (measuring from the anchor, not from the
 * previous fix, so GPS drift cannot walk the stop away). The alert is raised by an event-time timer when
 * the stop has lasted longer than {@code stop.maxDuration} — even if no fix comes after — and ends at the
 * first fix that moves off or speeds up, or when the trip ends. Runs in {@link SealRules}; state and deadline are
 * cleared when the stop or the trip ends.
 */
public class StopRule implements SealRule {

    private final SealSettings settings;
    private transient ValueState<TripSignal> stopStart;
    private transient ValueState<Alert> raised;

    public StopRule(SealSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "stop-over-90-min";
    }

    @Override
    public void open(RuntimeContext context) {
        stopStart = context.getState(new ValueStateDescriptor<>("stop-start", TripSignal.class));
        raised = context.getState(new ValueStateDescriptor<>("stop-alert", Alert.class));
    }

    @Override
    public boolean reads(TripSignal signal) {
        return signal.is(TripSignal.Kind.FIX) || signal.is(TripSignal.Kind.ENDED);
    }

    @Override
    public void onSignal(TripSignal signal, Deadlines deadlines, Output out) throws Exception {
        TripSignal start = stopStart.value();
        if (signal.is(TripSignal.Kind.FIX)) {
            if (start != null && stillStopped(start, signal)) {
                return;
            }
            endStop(start, signal.ts(), deadlines, out);
            if (isStopped(signal)) {
                stopStart.update(signal);
                deadlines.set(deadline(signal));
            }
        } else {
            endStop(start, signal.ts(), deadlines, out);
        }
    }

    @Override
    public void onDeadline(long deadline, Deadlines deadlines, Output out) throws Exception {
        TripSignal start = stopStart.value();
        if (start == null || raised.value() != null) {
            return;
        }
        Alert alert = TripAlerts.raise(AlertType.STOP_OVER_90_MIN, start, Instant.ofEpochMilli(deadline),
                AlertDetails.builder().maxDurationMinutes(settings.stopMaxDuration().toMinutes())
                        .radiusMeters(settings.stopRadiusMeters()).build());
        raised.update(alert);
        out.raise(alert);
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

    private void endStop(TripSignal start, Instant end, Deadlines deadlines, Output out) throws Exception {
        if (start == null) {
            return;
        }
        deadlines.clear();
        Alert alert = raised.value();
        if (alert != null) {
            out.raise(alert.withEnd(end));
        }
        stopStart.clear();
        raised.clear();
    }
}
