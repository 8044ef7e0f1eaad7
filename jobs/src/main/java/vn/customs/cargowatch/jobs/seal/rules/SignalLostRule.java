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

/**
 * SIGNAL_LOST (3740 §I.8): no position from an active trip's seal for {@code signalLost.timeout} —
 * except when the last fix lies inside an ignore zone mapped in advance (a known dead spot).
 *
 * <p>An absence of events, so keyed state and an event-time timer (CEP cannot time out a key that
 * receives nothing): each fix moves the deadline to its time + timeout. Activation starts the clock at
 * the loading place. The alert starts at the last fix before the silence and ends at the next fix or
 * when the trip ends. State and timer are cleared when the trip ends.
 *
 * <p>A silence right after a power-off says so ({@code powerOffAt} in its details): the last thing the seal reported
 * before the deadline was a {@code POWER_OFF}, after its last fix and with no {@code POWER_ON} since — so within
 * {@code signalLost.timeout} of the last fix. The officer then knows the seal was switched off, not out of range.
 */
public class SignalLostRule implements SealRule {

    private final SealSettings settings;
    private transient ValueState<TripSignal> lastSeen;
    private transient ValueState<Alert> raised;
    private transient ValueState<Instant> poweredOff;

    public SignalLostRule(SealSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "signal-lost";
    }

    @Override
    public void open(RuntimeContext context) {
        lastSeen = context.getState(new ValueStateDescriptor<>("signal-lost-last-fix", TripSignal.class));
        raised = context.getState(new ValueStateDescriptor<>("signal-lost-alert", Alert.class));
        poweredOff = context.getState(new ValueStateDescriptor<>("powered-off", Instant.class));
    }

    @Override
    public void onSignal(TripSignal signal, Deadlines deadlines, Output out) throws Exception {
        switch (signal.kind()) {
            case ACTIVATED, FIX -> {
                endSilence(signal.ts(), out);
                lastSeen.update(signal);
                poweredOff.clear();
                deadlines.set(deadline(signal));
            }
            case POWER_OFF -> {
                if (lastSeen.value() != null && raised.value() == null) {
                    poweredOff.update(signal.ts());
                }
            }
            case POWER_ON -> poweredOff.clear();
            case ENDED -> {
                endSilence(signal.ts(), out);
                deadlines.clear();
                lastSeen.clear();
                poweredOff.clear();
            }
            default -> { }
        }
    }

    @Override
    public void onDeadline(long deadline, Deadlines deadlines, Output out) throws Exception {
        TripSignal last = lastSeen.value();
        if (last == null || last.ignoreZoneId() != null || raised.value() != null) {
            return;
        }
        Instant powerOff = poweredOff.value();
        AlertDetails details = AlertDetails.builder().timeoutMinutes(settings.signalLostTimeout().toMinutes())
                .powerOffAt(powerOff == null ? null : powerOff.toString()).build();
        Alert alert = TripAlerts.raise(AlertType.SIGNAL_LOST, last, Instant.ofEpochMilli(deadline), details);
        raised.update(alert);
        out.raise(alert);
    }

    private long deadline(TripSignal last) {
        return last.millis() + settings.signalLostTimeout().toMillis();
    }

    private void endSilence(Instant end, Output out) throws Exception {
        Alert alert = raised.value();
        if (alert != null) {
            out.raise(alert.withEnd(end));
            raised.clear();
        }
    }
}
