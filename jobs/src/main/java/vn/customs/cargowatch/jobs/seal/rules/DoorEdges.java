package vn.customs.cargowatch.jobs.seal.rules;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.DoorState;

/**
 * What the door patterns ({@link DoorOpenedPatterns}) need of a trip's door observations: only the changes. Every fix
 * that reports its door (most do, CLOSED) entered two CEP operators; the patterns decide on changes alone — "closed,
 * then open" and "closed, open…, closed again" — so a repeated state only repeats what they already saw. Keyed by
 * IMEI, behind the timeline (event-time order); hands on the trip's activation (counts as closed) and end always, and
 * a door event or a fix whose door state differs from the last observation. State: the last door state, cleared when
 * the trip ends.
 *
 * <p>Live, the timeline raises DOOR_OPENED as a DOOR_OPEN event arrives ({@link TripSignal#raisedOnArrival}); when
 * event time then finds the door already open, the opening began earlier and has its own alert, so the one raised on
 * arrival is taken back ({@link #WITHDRAWN}). {@code DoorEdgesTest} compares the patterns' alerts on every observation and on the changes.
 */
public class DoorEdges extends KeyedProcessFunction<String, TripSignal, TripSignal> {

    /** A door alert raised on its event's arrival that event time does not raise: the door was open already then. */
    public static final OutputTag<Alert> WITHDRAWN = new OutputTag<>("door-withdrawn") {};

    static final String OPEN_ALREADY = "withdrawn: the door was open already then";

    private transient ValueState<DoorState> last;

    @Override
    public void open(OpenContext openContext) {
        last = getRuntimeContext().getState(new ValueStateDescriptor<>("door-state", DoorState.class));
    }

    @Override
    public void processElement(TripSignal signal, Context ctx, Collector<TripSignal> out) throws Exception {
        if (signal.is(TripSignal.Kind.ENDED)) {
            last.clear();
            out.collect(signal);
        } else if (signal.is(TripSignal.Kind.ACTIVATED)) {
            last.update(DoorState.CLOSED);
            out.collect(signal);
        } else if (DoorOpenedPatterns.isRelevant(signal) && signal.door() != last.value()) {
            last.update(signal.door());
            out.collect(signal);
        } else if (signal.raisedOnArrival()) {
            ctx.output(WITHDRAWN, DoorOpenedPatterns.withdrawn(DoorOpenedPatterns.alertOf(signal), OPEN_ALREADY));
        }
    }
}
