package vn.customs.cargowatch.jobs.seal.rules;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
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
public class SignalLostRule extends KeyedProcessFunction<String, TripSignal, Alert> {

    private final SealSettings settings;
    private transient EventTimeBuffer<TripSignal> signals;
    private transient ValueState<TripSignal> lastSeen;
    private transient ValueState<Alert> raised;
    private transient ValueState<Instant> poweredOff;

    public SignalLostRule(SealSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        signals = TripAlerts.signalBuffer(getRuntimeContext());
        lastSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", TripSignal.class));
        raised = getRuntimeContext().getState(new ValueStateDescriptor<>("signal-lost-alert", Alert.class));
        poweredOff = getRuntimeContext().getState(new ValueStateDescriptor<>("powered-off", Instant.class));
    }

    @Override
    public void processElement(TripSignal signal, Context ctx, Collector<Alert> out) throws Exception {
        signals.add(signal.millis(), signal, ctx.timerService());
    }

    private void onSignal(TripSignal signal, Context ctx, Collector<Alert> out) throws Exception {
        switch (signal.kind()) {
            case ACTIVATED, FIX -> {
                endSilence(signal.ts(), ctx, out);
                lastSeen.update(signal);
                poweredOff.clear();
                ctx.timerService().registerEventTimeTimer(deadline(signal));
            }
            case POWER_OFF -> {
                if (lastSeen.value() != null && raised.value() == null) {
                    poweredOff.update(signal.ts());
                }
            }
            case POWER_ON -> poweredOff.clear();
            case ENDED -> {
                endSilence(signal.ts(), ctx, out);
                lastSeen.clear();
                poweredOff.clear();
            }
            default -> { }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        TripAlerts.eachSignal("signal lost", signals.release(timestamp),
                letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), signal -> onSignal(signal, ctx, out));
        TripSignal last = lastSeen.value();
        if (last == null || deadline(last) != timestamp || last.ignoreZoneId() != null || raised.value() != null
                || TripAlerts.isEndOfInput(ctx.timerService().currentWatermark())) {
            return;
        }
        Map<String, Object> details = new TreeMap<>(Map.of("timeoutMinutes", settings.signalLostTimeout().toMinutes()));
        Instant powerOff = poweredOff.value();
        if (powerOff != null) {
            details.put("powerOffAt", powerOff.toString());
        }
        Alert alert = TripAlerts.raise(AlertType.SIGNAL_LOST, last, Instant.ofEpochMilli(timestamp), details);
        raised.update(alert);
        out.collect(alert);
    }

    private long deadline(TripSignal last) {
        return last.millis() + settings.signalLostTimeout().toMillis();
    }

    private void endSilence(Instant end, Context ctx, Collector<Alert> out) throws Exception {
        TripSignal last = lastSeen.value();
        if (last == null) {
            return;
        }
        signals.deleteTimerUnlessHolding(deadline(last), ctx.timerService());
        Alert alert = raised.value();
        if (alert != null) {
            out.collect(alert.withEnd(end));
            raised.clear();
        }
    }
}
