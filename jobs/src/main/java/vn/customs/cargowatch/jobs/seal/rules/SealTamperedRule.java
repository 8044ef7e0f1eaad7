package vn.customs.cargowatch.jobs.seal.rules;

import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;

/**
 * SEAL_TAMPERED (3740 §II.2.1, §II.3): during an active trip the seal reports that it was tampered with (a
 * {@code TAMPER} event). Raised at once, at the event, where the seal reported it (else where the trip was last seen).
 *
 * <p>One episode per trip: it begins at the first TAMPER and lasts until the trip ends. A seal that was tampered with
 * no longer vouches for the container for the rest of the trip: the officers verify it (§II.4) and the destination
 * Branch inspects seal and container at arrival (§II.3). A second TAMPER tells them nothing new, and a broken sensor
 * reporting again and again must not flood the screen and the phones.
 */
public class SealTamperedRule extends SealEpisodeRule {

    public SealTamperedRule() {
        super("seal-tampered-alert");
    }

    /** What the rule reads: tampering, and the trip's start and end (the job feeds it nothing else). */
    public static boolean isRelevant(TripSignal signal) {
        return signal.is(TripSignal.Kind.TAMPER) || signal.is(TripSignal.Kind.ACTIVATED)
                || signal.is(TripSignal.Kind.ENDED);
    }

    @Override
    public boolean reads(TripSignal signal) {
        return isRelevant(signal);
    }

    @Override
    Alert begins(TripSignal signal) {
        return signal.is(TripSignal.Kind.TAMPER)
                ? TripAlerts.raise(AlertType.SEAL_TAMPERED, signal, signal.ts(), AlertDetails.builder().reportedBy("TAMPER event").build())
                : null;
    }

    @Override
    boolean ends(TripSignal signal) {
        return false;
    }
}
