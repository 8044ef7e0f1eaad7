package vn.customs.cargowatch.jobs.alerts;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.NearestOffice;
import vn.customs.cargowatch.model.geo.Geo;

/**
 * The customs units nearest a place (3740 §II.4: ask the nearest unit to verify on site). Only Branch-level
 * units count — they have the officers to send — ranked by great-circle distance, ties by unit code. The alert's
 * {@code nearestOffice} and the escalation proposal use this one ranking, so the proposal's first unit is the
 * alert's nearest office.
 */
public final class NearestOffices {

    private NearestOffices() {}

    /** A Branch and its distance from the place. */
    public record Ranked(CustomsOffice office, double meters) {

        /** The distance rounded to 0.1 km, as alerts carry it. */
        public double km() {
            return Math.round(meters / 100.0) / 10.0;
        }
    }

    /** Every Branch with a position, nearest to (lat, lon) first. */
    public static List<Ranked> branchesByDistance(Collection<CustomsOffice> offices, double lat, double lon) {
        return offices.stream()
                .filter(office -> office.level() == CustomsOffice.Level.BRANCH && office.lat() != null
                        && office.lon() != null)
                .map(office -> new Ranked(office, Geo.distanceMeters(lat, lon, office.lat(), office.lon())))
                .sorted(Comparator.comparingDouble(Ranked::meters)
                        .thenComparing(ranked -> ranked.office().unitCode()))
                .toList();
    }

    /** The nearest Branch-level unit to (lat, lon), or {@code null} when no Branch is known. */
    public static NearestOffice nearestBranch(Collection<CustomsOffice> offices, double lat, double lon) {
        return branchesByDistance(offices, lat, lon).stream().findFirst()
                .map(best -> new NearestOffice(best.office().unitCode(), best.office().name(), best.km()))
                .orElse(null);
    }
}
