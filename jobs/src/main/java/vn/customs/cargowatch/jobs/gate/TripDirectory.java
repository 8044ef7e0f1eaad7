package vn.customs.cargowatch.jobs.gate;

import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.model.Place;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;

/**
 * Which GPS-sealed trips are headed for which ICD, from {@code seal.trips}, keyed by trip id: the lifecycle
 * events (activation, arrival) do not repeat the destination, so it is remembered from the registration.
 * Emits an active {@link TripDestination} when a trip bound for an ICD is activated (or its destination
 * changes to one), and an inactive one when it is no longer headed there. State ends with the trip.
 *
 * <p>A trip's events are taken in event-time order (an {@link EventTimeBuffer}), not as they arrive: an activation
 * that overtakes its registration within the out-of-order bound — another Kafka partition, another upstream subtask —
 * still finds the trip, so which ICD expects which container does not depend on the job's parallelism.
 */
public class TripDirectory extends KeyedProcessFunction<String, TripEvent, TripDestination> {

    private transient ValueState<TripDestination> destination;
    private transient EventTimeBuffer<TripEvent> pending;

    @Override
    public void open(OpenContext openContext) {
        destination = getRuntimeContext().getState(new ValueStateDescriptor<>("destination", TripDestination.class));
        pending = new EventTimeBuffer<>(getRuntimeContext(), "pending", TripEvent.class,
                Comparator.comparing(TripEvent::type));
    }

    @Override
    public void processElement(TripEvent event, Context ctx, Collector<TripDestination> out) throws Exception {
        pending.add(event.ts().toEpochMilli(), event, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TripDestination> out) throws Exception {
        for (TripEvent event : pending.release(timestamp)) {
            InternalErrors.guard("trips headed to ICDs", Topic.SEAL_TRIPS.name(), event,
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> direct(event, out));
        }
    }

    private void direct(TripEvent event, Collector<TripDestination> out) throws Exception {
        TripDestination known = destination.value();
        switch (event.type()) {
            case REGISTERED -> destination.update(headedFor(event, false));
            case ACTIVATED -> {
                if (known != null && !known.active()) {
                    TripDestination active = new TripDestination(known.tripId(), known.imei(), known.containerNo(),
                            known.icdCode(), true, event.ts());
                    destination.update(active);
                    emitIfIcd(active, out);
                }
            }
            case DESTINATION_CHANGED -> {
                if (known != null) {
                    leave(known, event, out);
                    TripDestination changed = new TripDestination(known.tripId(), known.imei(), known.containerNo(),
                            icdOf(event.destination()), known.active(), event.ts());
                    destination.update(changed);
                    if (changed.active()) {
                        emitIfIcd(changed, out);
                    }
                }
            }
            case ARRIVED, CANCELLED -> {
                if (known != null) {
                    leave(known, event, out);
                }
                destination.clear();
            }
        }
    }

    private static TripDestination headedFor(TripEvent registration, boolean active) {
        return new TripDestination(registration.tripId(), registration.imei(), registration.containerNo(),
                icdOf(registration.destination()), active, registration.ts());
    }

    private static String icdOf(Place place) {
        return place == null ? null : place.icdCode();
    }

    private static void leave(TripDestination known, TripEvent event, Collector<TripDestination> out) {
        if (known.active()) {
            emitIfIcd(new TripDestination(known.tripId(), known.imei(), known.containerNo(), known.icdCode(), false,
                    event.ts()), out);
        }
    }

    private static void emitIfIcd(TripDestination destination, Collector<TripDestination> out) {
        if (destination.icdCode() != null) {
            out.collect(destination);
        }
    }
}
