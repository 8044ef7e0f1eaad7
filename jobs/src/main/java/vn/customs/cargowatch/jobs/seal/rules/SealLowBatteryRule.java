package vn.customs.cargowatch.jobs.seal.rules;

import java.time.Duration;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;

/**
 * SEAL_LOW_BATTERY (3740 §II.2.1: the officer checks the seal's battery before attaching it, since monitoring needs
 * it until arrival): during an active trip the seal reports a weak battery, a {@code LOW_BATTERY} event or a fix whose
 * {@code battery} is below {@code seal.lowBattery} (20 %: 19.9 is low, 20 is not), while the trip's expected end is
 * still more than {@code seal.lowBatteryHorizon} (2 h) away.
 *
 * <p>Nearer its end the seal lasts until the arrival and a warning would only make work; further away there is time to
 * have it charged or changed before it falls silent. Low severity: nothing has happened to the goods.
 * One episode per trip: it begins at the first such report, where the seal was, and lasts until the trip ends; a later
 * reading back above the threshold does not end it (readings wobble around a threshold), and later reports raise
 * nothing.
 */
public class SealLowBatteryRule extends SealEpisodeRule {

    private final double lowBatteryPercent;
    private final Duration horizon;

    public SealLowBatteryRule(SealSettings settings) {
        super("seal-low-battery-alert");
        this.lowBatteryPercent = settings.lowBatteryPercent();
        this.horizon = settings.lowBatteryHorizon();
    }

    /**
     * What the rule reads: a weak battery (an event, or a fix below {@code lowBatteryPercent}) and the trip's start
     * and end — not the healthy fixes, which could begin nothing.
     */
    public static boolean isRelevant(TripSignal signal, double lowBatteryPercent) {
        return signal.is(TripSignal.Kind.LOW_BATTERY) || signal.is(TripSignal.Kind.ACTIVATED)
                || signal.is(TripSignal.Kind.ENDED)
                || (signal.is(TripSignal.Kind.FIX) && signal.battery() != null && signal.battery() < lowBatteryPercent);
    }

    /** The rule's decision: a weak battery reported while the trip has more than the horizon to go. */
    static boolean isLowWithTimeToAct(TripSignal signal, double lowBatteryPercent, Duration horizon) {
        boolean low = signal.is(TripSignal.Kind.LOW_BATTERY)
                || (signal.is(TripSignal.Kind.FIX) && signal.battery() != null && signal.battery() < lowBatteryPercent);
        // The expected end is required at registration; without one, the time left is unknown and worth a warning.
        return low && (signal.expectedEnd() == null
                || Duration.between(signal.ts(), signal.expectedEnd()).compareTo(horizon) > 0);
    }

    @Override
    public boolean reads(TripSignal signal) {
        return isRelevant(signal, lowBatteryPercent);
    }

    @Override
    Alert begins(TripSignal signal) {
        if (!isLowWithTimeToAct(signal, lowBatteryPercent, horizon)) {
            return null;
        }
        AlertDetails details = AlertDetails.builder()
                .reportedBy(signal.is(TripSignal.Kind.LOW_BATTERY) ? "LOW_BATTERY event" : "fix battery")
                .lowBatteryPercent(lowBatteryPercent)
                .horizonMinutes(horizon.toMinutes())
                .batteryPercent(signal.battery())
                .expectedEnd(signal.expectedEnd() == null ? null : signal.expectedEnd().toString())
                .build();
        return TripAlerts.raise(AlertType.SEAL_LOW_BATTERY, signal, signal.ts(), details);
    }

    @Override
    boolean ends(TripSignal signal) {
        return false;
    }
}
