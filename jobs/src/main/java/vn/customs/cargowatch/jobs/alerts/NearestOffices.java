package vn.customs.cargowatch.jobs.alerts;

import java.util.Collection;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.NearestOffice;
import vn.customs.cargowatch.model.geo.Geo;

/** The customs unit nearest a place (3740 §II.4: ask the nearest unit to verify on site). */
public final class NearestOffices {

    private NearestOffices() {}

    /** The nearest Branch-level unit to (lat, lon), or {@code null} when no Branch is known. */
    public static NearestOffice nearestBranch(Collection<CustomsOffice> offices, double lat, double lon) {
        CustomsOffice best = null;
        double bestMeters = Double.POSITIVE_INFINITY;
        for (CustomsOffice office : offices) {
            if (office.level() != CustomsOffice.Level.BRANCH) {
                continue;
            }
            double meters = Geo.distanceMeters(lat, lon, office.lat(), office.lon());
            if (meters < bestMeters || (meters == bestMeters && office.unitCode().compareTo(best.unitCode()) < 0)) {
                best = office;
                bestMeters = meters;
            }
        }
        return best == null ? null
                : new NearestOffice(best.unitCode(), best.name(), Math.round(bestMeters / 100.0) / 10.0);
    }
}
