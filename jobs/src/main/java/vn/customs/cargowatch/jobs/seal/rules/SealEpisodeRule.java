package vn.customs.cargowatch.jobs.seal.rules;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;

/**
 * A seal rule whose episodes begin and end at signals, with no deadline to wait for: the seal's own alerts
 * (SEAL_TAMPERED, SEAL_POWER_OFF, SEAL_LOW_BATTERY). Keyed by IMEI.
 *
 * <p>A rule says which signal {@link #begins} an episode, with its alert, and which {@link #ends} it. At most one
 * episode is open at a time; the trip's end ends it. Signals are taken in event-time order, held until the watermark
 * reaches them, so the order they arrive in within the out-of-order bound changes nothing. The only state is the open
 * alert and the signals waiting for the watermark; both are cleared when the episode or the trip ends.
 */
public abstract class SealEpisodeRule extends KeyedProcessFunction<String, TripSignal, Alert> {

    private final String stateName;
    private transient EventTimeBuffer<TripSignal> signals;
    private transient ValueState<Alert> open;

    protected SealEpisodeRule(String stateName) {
        this.stateName = stateName;
    }

    /** The alert of the episode {@code signal} begins, when none is open on its trip; else {@code null}. */
    abstract Alert begins(TripSignal signal);

    /** Whether {@code signal} ends the open episode before the trip's end. */
    abstract boolean ends(TripSignal signal);

    @Override
    public void open(OpenContext openContext) {
        signals = TripAlerts.signalBuffer(getRuntimeContext());
        open = getRuntimeContext().getState(new ValueStateDescriptor<>(stateName, Alert.class));
    }

    @Override
    public void processElement(TripSignal signal, Context ctx, Collector<Alert> out) throws Exception {
        signals.add(signal.millis(), signal, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        TripAlerts.eachSignal(getClass().getSimpleName(), signals.release(timestamp),
                letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), signal -> onSignal(signal, out));
    }

    private void onSignal(TripSignal signal, Collector<Alert> out) throws Exception {
        Alert episode = open.value();
        // Another trip's signal means this one ended; the timeline always says so, but a stale episode must not outlive it.
        if (episode != null && (signal.is(TripSignal.Kind.ENDED) || ends(signal)
                || !episode.tripId().equals(signal.tripId()))) {
            out.collect(episode.withEnd(signal.ts()));
            open.clear();
            episode = null;
        }
        if (episode == null && !signal.is(TripSignal.Kind.ENDED)) {
            Alert raised = begins(signal);
            if (raised != null) {
                open.update(raised);
                out.collect(raised);
            }
        }
    }
}
