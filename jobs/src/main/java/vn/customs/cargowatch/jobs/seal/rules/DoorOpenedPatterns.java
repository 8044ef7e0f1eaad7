package vn.customs.cargowatch.jobs.seal.rules;

import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.DoorState;

/**
 * DOOR_OPENED (3740 §I.8): during monitoring the seal signals that the container door was opened — a
 * {@code DOOR_OPEN} event, or a fix whose door state changed to {@code OPEN}.
 *
 * <p>A change of state is a two-event pattern, so Flink CEP over the trip's door observations (door
 * events and fixes that carry a door state; activation counts as closed, since the seal is attached to a
 * closed container): {@link #raised} is "closed, then open"; {@link #ended} is the whole opening, "closed,
 * open…, closed again" (or the trip ends). Further OPEN observations during one opening are the same
 * episode. Feed it only {@link #isRelevant} signals of one seal (keyed by IMEI), in event time.
 */
public final class DoorOpenedPatterns {

    static final String CLOSED = "closed";
    static final String OPENED = "opened";
    static final String CLOSED_AGAIN = "closed-again";

    private DoorOpenedPatterns() {}

    public static boolean isRelevant(TripSignal signal) {
        return switch (signal.kind()) {
            case ACTIVATED, DOOR, ENDED -> true;
            case FIX -> signal.door() != null;
            case DESTINATION_CHANGED, TAMPER, POWER_OFF, POWER_ON, LOW_BATTERY -> false;
        };
    }

    public static Pattern<TripSignal, TripSignal> raised() {
        return Pattern.<TripSignal>begin(CLOSED, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(DoorOpenedPatterns::isClosed))
                .next(OPENED).where(SimpleCondition.of(DoorOpenedPatterns::isOpen));
    }

    public static Pattern<TripSignal, TripSignal> ended() {
        return Pattern.<TripSignal>begin(CLOSED, AfterMatchSkipStrategy.skipToLast(CLOSED_AGAIN))
                .where(SimpleCondition.of(DoorOpenedPatterns::isClosed))
                .next(OPENED).where(SimpleCondition.of(DoorOpenedPatterns::isOpen)).oneOrMore().consecutive()
                .next(CLOSED_AGAIN).where(SimpleCondition.of(
                        signal -> signal.door() == DoorState.CLOSED || signal.is(TripSignal.Kind.ENDED)));
    }

    static boolean isClosed(TripSignal signal) {
        return signal.is(TripSignal.Kind.ACTIVATED) || signal.door() == DoorState.CLOSED;
    }

    static boolean isOpen(TripSignal signal) {
        return signal.door() == DoorState.OPEN;
    }

    /** The alert of the opening that begins at {@code opened}: the same whether event time or its arrival raises it. */
    public static Alert alertOf(TripSignal opened) {
        return TripAlerts.raise(AlertType.DOOR_OPENED, opened, opened.ts(), AlertDetails.builder()
                .reportedBy(opened.is(TripSignal.Kind.DOOR) ? "DOOR_OPEN event" : "fix door state").build());
    }

    /**
     * The alert raised on the arrival of {@code opened}'s event, taken back because event time does not raise it: state
     * CLOSED, and why in {@code details.reason}.
     */
    public static Alert withdrawn(Alert raisedOnArrival, String reason) {
        return raisedOnArrival.withDetails(raisedOnArrival.details().toBuilder().reason(reason).build())
                .withState(AlertState.CLOSED);
    }

    public static final class ToAlert extends PatternProcessFunction<TripSignal, Alert> {
        @Override
        public void processMatch(Map<String, List<TripSignal>> match, Context ctx, Collector<Alert> out) {
            Alert alert = alertOf(match.get(OPENED).get(0));
            List<TripSignal> closed = match.get(CLOSED_AGAIN);
            out.collect(closed == null ? alert : alert.withEnd(closed.get(0).ts()));
        }
    }
}
