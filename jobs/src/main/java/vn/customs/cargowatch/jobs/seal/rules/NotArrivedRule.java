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
 * CONTAINER_NOT_ARRIVED (3740 design card; §II.3 arrival confirmation): an active trip has no arrival
 * by its expected end + {@code notArrived.grace}.
 *
 * <p>An absence of events, so keyed state and an event-time timer. The alert starts at the expected end
 * and sits where the truck was last seen; it ends at the arrival (or cancellation), or when a changed
 * destination (3740 §I.11) gives the trip a new expected end, which starts a new deadline. State and timer
 * are cleared when the trip ends.
 */
public class NotArrivedRule implements SealRule {

    private final SealSettings settings;
    private transient ValueState<TripSignal> lastSeen;
    private transient ValueState<Alert> raised;

    public NotArrivedRule(SealSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "container-not-arrived";
    }

    @Override
    public void open(RuntimeContext context) {
        lastSeen = context.getState(new ValueStateDescriptor<>("not-arrived-last-seen", TripSignal.class));
        raised = context.getState(new ValueStateDescriptor<>("not-arrived-alert", Alert.class));
    }

    @Override
    public boolean reads(TripSignal signal) {
        return switch (signal.kind()) {
            case ACTIVATED, DESTINATION_CHANGED, FIX, ENDED -> true;
            default -> false;
        };
    }

    @Override
    public void onSignal(TripSignal signal, Deadlines deadlines, Output out) throws Exception {
        switch (signal.kind()) {
            case ACTIVATED, DESTINATION_CHANGED -> {
                endEpisode(signal.ts(), out);
                deadlines.set(signal.expectedEnd().toEpochMilli() + settings.notArrivedGrace().toMillis());
                lastSeen.update(signal);
            }
            case FIX -> {
                if (lastSeen.value() != null) {
                    lastSeen.update(signal);
                }
            }
            default -> { // ENDED
                endEpisode(signal.ts(), out);
                deadlines.clear();
                lastSeen.clear();
            }
        }
    }

    @Override
    public void onDeadline(long deadline, Deadlines deadlines, Output out) throws Exception {
        TripSignal last = lastSeen.value();
        if (last == null || raised.value() != null) {
            return;
        }
        Alert alert = TripAlerts.raise(AlertType.CONTAINER_NOT_ARRIVED, last, last.expectedEnd(),
                Instant.ofEpochMilli(deadline),
                AlertDetails.builder().expectedEnd(last.expectedEnd().toString())
                        .graceMinutes(settings.notArrivedGrace().toMinutes())
                        .lastSeen(last.ts().toString()).build());
        raised.update(alert);
        out.raise(alert);
    }

    private void endEpisode(Instant end, Output out) throws Exception {
        Alert alert = raised.value();
        if (alert != null) {
            out.raise(alert.withEnd(end));
            raised.clear();
        }
    }
}
