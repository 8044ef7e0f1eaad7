package vn.customs.cargowatch.jobs.seal.rules;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.seal.TripSignal;

/**
 * What the wrong-route patterns ({@link WrongRoutePatterns}) need of a trip's signals, and nothing more: its CEP
 * operators cost more than everything else together when every fix of every trip entered them, while almost every fix
 * is one more inside the corridor, which changes nothing a pattern decides. Keyed by IMEI, behind the timeline, whose
 * signals come in event-time order; it hands on
 * <ul>
 *   <li>the trip's activation, change of destination and end (anchors, and ends of an excursion);</li>
 *   <li>a fix whose place differs from the previous fix's: inside the corridor, outside it, or on a route not known
 *       (an edge: the first fix out, the first back in, a gap in what can be measured);</li>
 *   <li>outside, the fix that completes {@code wrongRoute.minDuration} since the first one out (the pattern's
 *       detection), and each fix farther from the route than any before in the excursion (its {@code
 *       maxDistanceMeters}).</li>
 * </ul>
 * The patterns then match the same excursions, at the same fixes, as on every fix: a repeated inside fix only
 * replaces the previous one as the anchor, and whether an excursion lasted the minimum duration is decided by its first
 * fix and the one that completes it. {@code RouteEdgesTest} runs both patterns on every fix and on the edges, on random
 * trips, and compares the alerts. State: the corridor side of the trip's last fix, cleared when the trip ends.
 */
public class RouteEdges extends KeyedProcessFunction<String, TripSignal, TripSignal> {

    /** Where the trip's last fix was, and how its excursion, if any, has gone so far. */
    public record Side(int place, long outsideSince, boolean completed, double farthestMeters) {}

    static final int INSIDE = 0;
    static final int OUTSIDE = 1;
    static final int UNKNOWN = 2;

    private final long minMillis;
    private transient ValueState<Side> side;

    public RouteEdges(Duration minDuration) {
        this.minMillis = minDuration.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        side = getRuntimeContext().getState(new ValueStateDescriptor<>("route-side", Side.class));
    }

    @Override
    public void processElement(TripSignal signal, Context ctx, Collector<TripSignal> out) throws Exception {
        switch (signal.kind()) {
            case ACTIVATED, DESTINATION_CHANGED -> {
                side.clear();
                out.collect(signal);
            }
            case ENDED -> {
                side.clear();
                out.collect(signal);
            }
            case FIX -> {
                if (onFix(signal)) {
                    out.collect(signal);
                }
            }
            default -> { } // the seal's events: no place on the route
        }
    }

    /** Whether the patterns need this fix; keeps the trip's side up to date. */
    private boolean onFix(TripSignal fix) throws Exception {
        Side last = side.value();
        int place = fix.isFixOnRoute() ? INSIDE : fix.isFixOffRoute() ? OUTSIDE : UNKNOWN;
        if (last == null || last.place() != place) {
            side.update(place == OUTSIDE ? new Side(OUTSIDE, fix.millis(), minMillis <= 0, fix.routeDistanceMeters())
                    : new Side(place, 0, false, 0));
            return true;
        }
        if (place != OUTSIDE) {
            return false;
        }
        boolean completes = !last.completed() && fix.millis() - last.outsideSince() >= minMillis;
        boolean farther = fix.routeDistanceMeters() > last.farthestMeters();
        if (completes || farther) {
            side.update(new Side(OUTSIDE, last.outsideSince(), last.completed() || completes,
                    Math.max(last.farthestMeters(), fix.routeDistanceMeters())));
        }
        return completes || farther;
    }
}
