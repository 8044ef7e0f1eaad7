package vn.customs.cargowatch.jobs.seal.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;

/**
 * WRONG_ROUTE (3740 §I.8): the vehicle leaves its registered route — its fixes stay farther than the
 * corridor from the route for at least {@code wrongRoute.minDuration}, so that one stray fix does not
 * alert.
 *
 * <p>A pattern over the trip's fixes, so Flink CEP: an excursion is an anchor (a fix inside the corridor,
 * the activation, or a changed destination), then consecutive fixes outside. {@link #raised} matches as
 * soon as an outside fix lies {@code minDuration} after the first one; {@link #ended} matches the whole
 * excursion when the trip comes back inside, its destination changes or it ends — but only an excursion
 * that was long enough to have been raised. Both derive the same alert id from the first outside fix.
 * Feed it only {@link #isRelevant} signals of one seal (keyed by IMEI), in event time.
 */
public final class WrongRoutePatterns {

    static final String ANCHOR = "inside";
    static final String OUTSIDE = "outside";
    static final String SUSTAINED = "sustained";
    static final String BACK = "back";

    private WrongRoutePatterns() {}

    /**
     * The position signals only, named one by one: any other signal between two outside fixes would break the
     * excursion's {@code consecutive()} run and hide it.
     */
    public static boolean isRelevant(TripSignal signal) {
        return switch (signal.kind()) {
            case ACTIVATED, FIX, DESTINATION_CHANGED, ENDED -> true;
            case DOOR, TAMPER, POWER_OFF, POWER_ON, LOW_BATTERY -> false;
        };
    }

    public static Pattern<TripSignal, TripSignal> raised(Duration minDuration) {
        long min = minDuration.toMillis();
        return Pattern.<TripSignal>begin(ANCHOR, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(WrongRoutePatterns::isAnchor))
                .next(OUTSIDE).where(new OutsideFor(min, false)).oneOrMore().consecutive()
                .next(SUSTAINED).where(new OutsideFor(min, true));
    }

    public static Pattern<TripSignal, TripSignal> ended(Duration minDuration) {
        long min = minDuration.toMillis();
        return Pattern.<TripSignal>begin(ANCHOR, AfterMatchSkipStrategy.skipToLast(BACK))
                .where(SimpleCondition.of(WrongRoutePatterns::isAnchor))
                .next(OUTSIDE).where(SimpleCondition.of(TripSignal::isFixOffRoute)).oneOrMore().consecutive()
                .next(BACK).where(new BackAfterSustained(min));
    }

    static boolean isAnchor(TripSignal signal) {
        return signal.isFixOnRoute() || signal.is(TripSignal.Kind.ACTIVATED)
                || signal.is(TripSignal.Kind.DESTINATION_CHANGED);
    }

    /** Outside the corridor, and (not) yet {@code min} after the first outside fix. */
    static final class OutsideFor extends IterativeCondition<TripSignal> {
        private final long min;
        private final boolean sustained;

        OutsideFor(long min, boolean sustained) {
            this.min = min;
            this.sustained = sustained;
        }

        @Override
        public boolean filter(TripSignal signal, Context<TripSignal> ctx) throws Exception {
            if (!signal.isFixOffRoute()) {
                return false;
            }
            TripSignal first = first(ctx.getEventsForPattern(OUTSIDE));
            long outsideFor = first == null ? 0 : signal.millis() - first.millis();
            return sustained == (outsideFor >= min);
        }
    }

    static final class BackAfterSustained extends IterativeCondition<TripSignal> {
        private final long min;

        BackAfterSustained(long min) {
            this.min = min;
        }

        @Override
        public boolean filter(TripSignal signal, Context<TripSignal> ctx) throws Exception {
            boolean episodeOver = signal.isFixOnRoute() || signal.is(TripSignal.Kind.ENDED)
                    || signal.is(TripSignal.Kind.DESTINATION_CHANGED);
            if (!episodeOver) {
                return false;
            }
            TripSignal first = null;
            TripSignal last = null;
            for (TripSignal outside : ctx.getEventsForPattern(OUTSIDE)) {
                first = first == null ? outside : first;
                last = outside;
            }
            return first != null && last.millis() - first.millis() >= min;
        }
    }

    private static TripSignal first(Iterable<TripSignal> signals) {
        var iterator = signals.iterator();
        return iterator.hasNext() ? iterator.next() : null;
    }

    /** Builds the alert from either pattern's match; the same excursion gives the same alert. */
    public static final class ToAlert extends PatternProcessFunction<TripSignal, Alert> {
        private final long min;

        public ToAlert(Duration minDuration) {
            this.min = minDuration.toMillis();
        }

        @Override
        public void processMatch(Map<String, List<TripSignal>> match, Context ctx, Collector<Alert> out) {
            List<TripSignal> outside = match.get(OUTSIDE);
            TripSignal first = outside.get(0);
            TripSignal detection = match.containsKey(SUSTAINED) ? match.get(SUSTAINED).get(0) : null;
            double maxDistance = 0;
            for (TripSignal signal : outside) {
                if (detection == null && signal.millis() - first.millis() >= min) {
                    detection = signal;
                }
                maxDistance = Math.max(maxDistance, signal.routeDistanceMeters());
            }
            Alert alert = TripAlerts.raise(AlertType.WRONG_ROUTE, first, detection.ts(), AlertDetails.builder()
                    .corridorMeters(first.corridorMeters())
                    .distanceMeters(TripAlerts.roundedMeters(detection.routeDistanceMeters()))
                    .minDurationMinutes(min / 60_000.0).build());
            List<TripSignal> back = match.get(BACK);
            if (back != null) {
                alert = alert.withDetails(alert.details().toBuilder()
                                .maxDistanceMeters(TripAlerts.roundedMeters(maxDistance)).build())
                        .withEnd(back.get(0).ts());
            }
            out.collect(alert);
        }
    }
}
