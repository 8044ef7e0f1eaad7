package vn.customs.cargowatch.jobs.seal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.common.Retention;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TripStatus;

/**
 * Closing a trip at its destination (3740 §II.3), keyed by trip: a trip that arrived (its final {@code trips.status},
 * by confirmation or a gate camera's sighting) waits for the destination officer's inspection ({@code
 * trips.inspections}), which closes it; it is due {@code trips.closingDue} after the arrival, which readers compare
 * with their clock (no timer: see {@link TripClosing}). Each change is a {@code trips.closings} record. The destination
 * Branch is the registration's, as a destination change last set it.
 *
 * <p>An inspection is refused ({@link #REFUSED}, to {@code deadletter} with the reason) when the trip has not arrived
 * (as of the inspection's time), when its unit is not the destination Branch, or when the trip is closed already.
 * Everything is taken in event-time order (trip events, then the status, then inspections at one instant), so every
 * replay and every parallelism closes the same trips.
 *
 * <p>State: the trip's destination from its registration; the closing from the arrival. It ends at a cancellation, or
 * {@link #RETENTION} of event time after the registration or the arrival (a trip that never arrives; an arrival never
 * closed, whose AWAITING record stays in the outputs; a closed trip, kept so that a second inspection is refused as
 * such).
 */
public class TripClosings extends KeyedProcessFunction<String, TripClosings.Input, TripClosing> {

    public static final OutputTag<DeadLetter> REFUSED = new OutputTag<>("refused-inspections") {};

    /** How long a trip is kept with nothing happening to it. */
    public static final Duration RETENTION = Duration.ofDays(30);

    /** A trip event, a trip's final status, or an inspection with its line as received. */
    public record Input(TripEvent event, TripStatus status, Inspection inspection, String line) {

        public static Input of(TripEvent event) {
            return new Input(event, null, null, null);
        }

        public static Input of(TripStatus status) {
            return new Input(null, status, null, null);
        }

        public static Input of(Inspection inspection, String line) {
            return new Input(null, null, inspection, line);
        }

        public String tripId() {
            return event != null ? event.tripId() : status != null ? status.tripId() : inspection.tripId();
        }

        Instant ts() {
            return event != null ? event.ts() : status != null ? (status.endTs() != null ? status.endTs()
                    : status.lastTs()) : inspection.ts();
        }

        int order() {
            return event != null ? 0 : status != null ? 1 : 2;
        }
    }

    /** What the closing needs of the trip's registration. */
    public record Destination(String unitCode, String branchCode, String departmentCode) {}

    private final long closingDueMillis;
    private transient EventTimeBuffer<Input> pending;
    private transient ValueState<Destination> destination;
    private transient ValueState<TripClosing> closing;
    private transient Retention retention;

    public TripClosings(Duration closingDue) {
        this.closingDueMillis = closingDue.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        pending = new EventTimeBuffer<>(getRuntimeContext(), "pending", Input.class,
                Comparator.comparingInt(Input::order).thenComparing(input -> input.inspection() == null ? ""
                        : input.inspection().by()));
        destination = getRuntimeContext().getState(new ValueStateDescriptor<>("destination", Destination.class));
        closing = getRuntimeContext().getState(new ValueStateDescriptor<>("closing", TripClosing.class));
        retention = new Retention(getRuntimeContext(), pending);
    }

    @Override
    public void processElement(Input input, Context ctx, Collector<TripClosing> out) throws Exception {
        pending.add(input.ts().toEpochMilli(), input, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TripClosing> out) throws Exception {
        for (Input input : pending.release(timestamp)) {
            Topic<?> topic = input.inspection() != null ? Topic.TRIPS_INSPECTIONS : input.event() != null
                    ? Topic.SEAL_TRIPS : Topic.TRIPS_STATUS;
            InternalErrors.guard("trip closings", topic.name(), payload(input),
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> take(input, ctx, out));
        }
        if (retention.endsAt(timestamp)) {
            forget();
        }
    }

    private void take(Input input, Context ctx, Collector<TripClosing> out) throws Exception {
        if (input.event() != null) {
            onTripEvent(input.event(), ctx);
        } else if (input.status() != null) {
            onEnd(input.status(), ctx, out);
        } else {
            onInspection(input.inspection(), input.line(), ctx, out);
        }
    }

    private void onTripEvent(TripEvent event, Context ctx) throws Exception {
        boolean names = event.type() == TripEvent.Type.REGISTERED || event.type() == TripEvent.Type.DESTINATION_CHANGED;
        if (names && event.destination() != null) {
            Destination known = destination.value();
            destination.update(new Destination(event.destination().unitCode(),
                    event.branchCode() != null || known == null ? event.branchCode() : known.branchCode(),
                    event.departmentCode() != null || known == null ? event.departmentCode()
                            : known.departmentCode()));
            retention.keepUntil(event.ts().toEpochMilli() + RETENTION.toMillis(), ctx.timerService());
        }
    }

    private void onEnd(TripStatus status, Context ctx, Collector<TripClosing> out) throws Exception {
        if (status.state() == TripStatus.State.CANCELLED) {
            retention.endNow(ctx.timerService());
            forget();
            return;
        }
        if (status.state() != TripStatus.State.ARRIVED || closing.value() != null) {
            return;
        }
        Destination to = destination.value();
        Instant arrived = status.endTs() != null ? status.endTs() : status.lastTs();
        Instant due = arrived.plusMillis(closingDueMillis);
        TripClosing awaiting = new TripClosing(status.tripId(), status.imei(), status.containerNo(),
                to == null ? null : to.unitCode(), status.branchCode(), status.departmentCode(), arrived,
                status.arrivedBy(), due, TripClosing.State.AWAITING, null, arrived);
        out.collect(awaiting);
        closing.update(awaiting);
        retention.keepUntil(arrived.toEpochMilli() + RETENTION.toMillis(), ctx.timerService());
    }

    private void onInspection(Inspection inspection, String line, Context ctx, Collector<TripClosing> out)
            throws Exception {
        TripClosing current = closing.value();
        String refusal = TripClosingRules.refusal(current, inspection);
        if (refusal != null) {
            ctx.output(REFUSED, new DeadLetter(Topic.TRIPS_INSPECTIONS.name(), refusal,
                    line != null ? line : Json.write(inspection),
                    Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()), DeadLetter.Kind.REFUSED));
            return;
        }
        TripClosing closed = current.closedBy(inspection);
        out.collect(closed);
        // kept, closed, until the trip is forgotten: a second inspection is refused as such, not as of a trip unknown
        closing.update(closed);
        destination.clear();
    }

    private void forget() {
        destination.clear();
        closing.clear();
        retention.clear();
    }

    private static Object payload(Input input) {
        return input.line() != null ? input.line() : input.event() != null ? input.event() : input.status() != null
                ? input.status() : input.inspection();
    }
}
