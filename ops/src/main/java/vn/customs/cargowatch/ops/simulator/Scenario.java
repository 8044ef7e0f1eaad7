package vn.customs.cargowatch.ops.simulator;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import vn.customs.cargowatch.model.AlertType;

/**
 * What one simulated trip was built to do: the rule of 3740 §I.8 it breaks (or {@link Rule#NONE}), a
 * {@link Variant} for the normal trips that look suspicious but must not alert, the route, and a note
 * with the actual numbers (where, when, how long) for the demo to print next to the alerts.
 *
 * @param weakBatteryBeforeExpectedEnd how long before its expected end the active trip's seal first reported a
 *     battery below 20 % (every ninth trip's seal starts near it), or {@code null} when it never did
 */
public record Scenario(
        String tripId, String imei, String containerNo, Rule rule, Variant variant, String route, String note,
        Duration weakBatteryBeforeExpectedEnd) {

    /** The default of {@code seal.lowBatteryHorizon}, which the demo runs with. */
    static final Duration LOW_BATTERY_HORIZON = Duration.ofHours(2);

    /** The rule a trip breaks. */
    public enum Rule {
        NONE,
        /** Leaves the route by 1.5–5 km for 10–30 min, then returns. */
        WRONG_ROUTE,
        /** Stops on the route for 100–150 min, then goes on. */
        STOP_OVER_90_MIN,
        /** No fix for 40–60 min on a stretch outside the ignore zones. */
        SIGNAL_LOST,
        /** No fix for 40 min, the last fix inside an ignore zone: must NOT alert. */
        SIGNAL_LOST_IN_IGNORE_ZONE,
        /** The door is opened mid-route for about 10 min. */
        DOOR_OPENED,
        /** Waits near the destination, no arrival is confirmed; fixes stop an hour after the expected end. */
        CONTAINER_NOT_ARRIVED
    }

    /** Normal trips with a twist that must not alert. */
    public enum Variant {
        PLAIN,
        /** One single fix about 800 m off the route. */
        STRAY_FIX,
        /** A 60 min stop on the route. */
        STOP_60_MIN,
        /** The destination changes mid-route (3740 §I.11); the trip arrives at the new one. */
        DESTINATION_CHANGED,
        /** Cancelled at the loading place before leaving. */
        CANCELLED
    }

    /**
     * The alerts a correct job raises for this trip. A trip that is never confirmed arrived and whose
     * seal then falls silent also loses its signal, so it raises SIGNAL_LOST besides CONTAINER_NOT_ARRIVED.
     * A seal whose battery weakens more than {@link #LOW_BATTERY_HORIZON} before the expected end adds
     * SEAL_LOW_BATTERY, whatever rule the trip breaks.
     */
    public Set<AlertType> expectedAlerts() {
        EnumSet<AlertType> alerts = switch (rule) {
            case NONE, SIGNAL_LOST_IN_IGNORE_ZONE -> EnumSet.noneOf(AlertType.class);
            case WRONG_ROUTE -> EnumSet.of(AlertType.WRONG_ROUTE);
            case STOP_OVER_90_MIN -> EnumSet.of(AlertType.STOP_OVER_90_MIN);
            case SIGNAL_LOST -> EnumSet.of(AlertType.SIGNAL_LOST);
            case DOOR_OPENED -> EnumSet.of(AlertType.DOOR_OPENED);
            case CONTAINER_NOT_ARRIVED -> EnumSet.of(AlertType.CONTAINER_NOT_ARRIVED, AlertType.SIGNAL_LOST);
        };
        if (weakBatteryBeforeExpectedEnd != null && weakBatteryBeforeExpectedEnd.compareTo(LOW_BATTERY_HORIZON) > 0) {
            alerts.add(AlertType.SEAL_LOW_BATTERY);
        }
        return alerts;
    }
}
