package vn.customs.cargowatch.ops.demo;

import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.TripStatus;

/**
 * A progress line each time the stream's event time enters a new hour, from the trip status updates:
 * how far the day has got and how many trips are under monitoring.
 */
public final class ProgressLines implements Serializable {

    private Instant hourShown;
    private final Set<String> active = new HashSet<>();
    private int arrived;

    public String of(TripStatus status) {
        switch (status.state()) {
            case ACTIVE -> active.add(status.tripId());
            case ARRIVED -> {
                if (active.remove(status.tripId())) {
                    arrived++;
                }
            }
            case CANCELLED -> active.remove(status.tripId());
            default -> { }
        }
        if (status.lastTs() == null) {
            return null;
        }
        Instant hour = status.lastTs().truncatedTo(ChronoUnit.HOURS);
        if (hourShown != null && !hour.isAfter(hourShown)) {
            return null;
        }
        hourShown = hour;
        return "── " + Times.vietnamTime(hour) + " ── " + active.size() + " trips under monitoring, "
                + arrived + " arrived";
    }
}
