package vn.customs.cargowatch.jobs.seal.rules;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;

/**
 * A seal rule whose episodes begin and end at signals, with no deadline to wait for: the seal's own alerts
 * (SEAL_TAMPERED, SEAL_POWER_OFF, SEAL_LOW_BATTERY).
 *
 * <p>A rule says which signal {@link #begins} an episode, with its alert, and which {@link #ends} it. At most one
 * episode is open at a time; the trip's end ends it. Runs in {@link SealRules}, which hands it its signals in
 * event-time order, whatever order they arrive in within the out-of-order bound. The only state is the open alert,
 * cleared when the episode or the trip ends.
 */
public abstract class SealEpisodeRule implements SealRule {

    private final String stateName;
    private transient ValueState<Alert> open;

    protected SealEpisodeRule(String stateName) {
        this.stateName = stateName;
    }

    /** The alert of the episode {@code signal} begins, when none is open on its trip; else {@code null}. */
    abstract Alert begins(TripSignal signal);

    /** Whether {@code signal} ends the open episode before the trip's end. */
    abstract boolean ends(TripSignal signal);

    @Override
    public String name() {
        return stateName;
    }

    @Override
    public void open(RuntimeContext context) {
        open = context.getState(new ValueStateDescriptor<>(stateName, Alert.class));
    }

    @Override
    public void onSignal(TripSignal signal, Deadlines deadlines, Output out) throws Exception {
        Alert episode = open.value();
        // Another trip's signal means this one ended; the timeline always says so, but a stale episode must not outlive it.
        if (episode != null && (signal.is(TripSignal.Kind.ENDED) || ends(signal)
                || !episode.tripId().equals(signal.tripId()))) {
            out.raise(episode.withEnd(signal.ts()));
            open.clear();
            episode = null;
        }
        if (episode == null && !signal.is(TripSignal.Kind.ENDED)) {
            Alert raised = begins(signal);
            if (raised != null) {
                open.update(raised);
                out.raise(raised);
            }
        }
    }
}
