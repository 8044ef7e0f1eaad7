package vn.customs.cargowatch.jobs.seal.rules;

import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;

/**
 * SEAL_POWER_OFF (3740 §II.2.1: the officer powers the seal at attachment, and monitoring lasts until arrival):
 * during an active trip the seal reports that it was switched off (a {@code POWER_OFF} event). Raised at once, at the
 * event, where the seal reported it (else where the trip was last seen), without waiting for the silence that follows;
 * when that silence reaches {@code signalLost.timeout}, SIGNAL_LOST says it came after a power-off.
 *
 * <p>The episode ends when the seal is back: its {@code POWER_ON}, or its next fix, whichever comes first (a fix shows
 * it is on even when the POWER_ON was lost), or the trip's end. A POWER_OFF during the episode is the same episode;
 * one after it ended begins another.
 */
public class SealPowerOffRule extends SealEpisodeRule {

    public SealPowerOffRule() {
        super("seal-power-off-alert");
    }

    /** What the rule reads: power off and on, the fixes that show the seal is back, the trip's start and end. */
    public static boolean isRelevant(TripSignal signal) {
        return switch (signal.kind()) {
            case POWER_OFF, POWER_ON, FIX, ACTIVATED, ENDED -> true;
            default -> false;
        };
    }

    @Override
    public boolean reads(TripSignal signal) {
        return isRelevant(signal);
    }

    @Override
    Alert begins(TripSignal signal) {
        return signal.is(TripSignal.Kind.POWER_OFF)
                ? TripAlerts.raise(AlertType.SEAL_POWER_OFF, signal, signal.ts(), AlertDetails.builder().reportedBy("POWER_OFF event").build())
                : null;
    }

    @Override
    boolean ends(TripSignal signal) {
        return signal.is(TripSignal.Kind.POWER_ON) || signal.is(TripSignal.Kind.FIX);
    }
}
