package vn.customs.cargowatch.jobs.seal;

import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.TripClosing;

/**
 * Whether an inspection may close a trip (3740 §II.3): the trip has arrived (its closing is awaited, as of the
 * inspection's time), it is not closed already, and the inspecting unit is its destination Branch, the one that
 * confirms arrival and recovers the seal. The pipeline applies it in event time; the command line and the desk apply it
 * before publishing, to what they know then.
 */
public final class TripClosingRules {

    private TripClosingRules() {}

    /** Why {@code inspection} cannot close the trip whose closing is {@code closing} (null: not arrived), or null. */
    public static String refusal(TripClosing closing, Inspection inspection) {
        if (closing == null) {
            return "trip " + inspection.tripId() + " has not arrived (as of " + inspection.ts()
                    + "): an inspection closes an arrived trip";
        }
        if (closing.state() == TripClosing.State.CLOSED) {
            return "trip " + inspection.tripId() + " is closed already" + (closing.inspection() == null ? ""
                    : " (by " + closing.inspection().by() + ", " + closing.inspection().ts() + ")");
        }
        if (closing.arrivedAt() != null && inspection.ts().isBefore(closing.arrivedAt())) {
            return "the inspection (" + inspection.ts() + ") is before the trip's arrival (" + closing.arrivedAt() + ")";
        }
        if (closing.destinationUnit() == null || !closing.destinationUnit().equals(inspection.byUnit())) {
            return "unit " + inspection.byUnit() + " is not the destination Branch of trip " + inspection.tripId()
                    + " (" + closing.destinationUnit() + "), which closes it";
        }
        return null;
    }
}
