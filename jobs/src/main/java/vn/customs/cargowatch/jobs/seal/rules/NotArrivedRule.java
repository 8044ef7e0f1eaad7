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

/**
 * CONTAINER_NOT_ARRIVED (3740 design card; §II.3 arrival confirmation): an active trip has no arrival
 * by its expected end + {@code notArrived.grace}.
 *
 * <p>An absence of events, so keyed state and an event-time timer. The alert starts at the expected end
 * and sits where the truck was last seen; it ends at the arrival (or cancellation), or when a changed
 * destination (3740 §I.11) gives the trip a new expected end, which starts a new deadline. State and timer
 * are cleared when the trip ends.
 */
public class NotArrivedRule extends KeyedProcessFunction<String, TripSignal, Alert> {

    private final SealSettings settings;
    private transient EventTimeBuffer<TripSignal> signals;
    private transient ValueState<TripSignal> lastSeen;
    private transient ValueState<Long> deadline;
    private transient ValueState<Alert> raised;

    public NotArrivedRule(SealSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        signals = TripAlerts.signalBuffer(getRuntimeContext());
        lastSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", TripSignal.class));
        deadline = getRuntimeContext().getState(new ValueStateDescriptor<>("deadline", Long.class));
        raised = getRuntimeContext().getState(new ValueStateDescriptor<>("not-arrived-alert", Alert.class));
    }

    @Override
    public void processElement(TripSignal signal, Context ctx, Collector<Alert> out) throws Exception {
        signals.add(signal.millis(), signal, ctx.timerService());
    }

    private void onSignal(TripSignal signal, Context ctx, Collector<Alert> out) throws Exception {
        switch (signal.kind()) {
            case ACTIVATED, DESTINATION_CHANGED -> {
                endEpisode(signal.ts(), out);
                clearDeadline(ctx);
                long due = signal.expectedEnd().toEpochMilli() + settings.notArrivedGrace().toMillis();
                deadline.update(due);
                ctx.timerService().registerEventTimeTimer(due);
                lastSeen.update(signal);
            }
            case FIX -> {
                if (deadline.value() != null) {
                    lastSeen.update(signal);
                }
            }
            case ENDED -> {
                endEpisode(signal.ts(), out);
                clearDeadline(ctx);
                lastSeen.clear();
            }
            default -> { }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        TripAlerts.eachSignal("container not arrived", signals.release(timestamp),
                letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), signal -> onSignal(signal, ctx, out));
        TripSignal last = lastSeen.value();
        Long due = deadline.value();
        if (last == null || due == null || due != timestamp || raised.value() != null
                || TripAlerts.isEndOfInput(ctx.timerService().currentWatermark())) {
            return;
        }
        Alert alert = TripAlerts.raise(AlertType.CONTAINER_NOT_ARRIVED, last, last.expectedEnd(),
                Instant.ofEpochMilli(timestamp),
                Map.of("expectedEnd", last.expectedEnd().toString(),
                        "graceMinutes", settings.notArrivedGrace().toMinutes(),
                        "lastSeen", last.ts().toString()));
        raised.update(alert);
        out.collect(alert);
    }

    private void clearDeadline(Context ctx) throws Exception {
        Long due = deadline.value();
        if (due != null) {
            signals.deleteTimerUnlessHolding(due, ctx.timerService());
            deadline.clear();
        }
    }

    private void endEpisode(Instant end, Collector<Alert> out) throws Exception {
        Alert alert = raised.value();
        if (alert != null) {
            out.collect(alert.withEnd(end));
            raised.clear();
        }
    }
}
