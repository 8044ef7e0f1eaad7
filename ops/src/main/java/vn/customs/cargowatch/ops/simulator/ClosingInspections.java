package vn.customs.cargowatch.ops.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.TripEvent;

/**
 * The destination officers' closing inspections of the simulated day ({@code trips.inspections}, 3740 §II.3): two
 * arrived trips of every three are inspected an hour after their confirmed arrival (no later than the day's last fix,
 * so that the day's input ends where it did), everything intact, the seal recovered, no alert explained; the third
 * stays awaiting its closing. A trip with seal alerts closed that way counts as violating in the monthly report
 * (Phụ lục IV), as an officer who closes without an explanation leaves it. Drawn from the trips' own events, not
 * from the day's random numbers, so that adding them changed no other input of a seed.
 */
final class ClosingInspections {

    private static final Duration AFTER_ARRIVAL = Duration.ofHours(1);
    private static final List<String> OFFICERS = List.of("Đỗ Thị Mai", "Lê Văn Hùng", "Phạm Thu Hà");

    private ClosingInspections() {}

    static List<Inspection> of(List<TripDriver.DrivenTrip> driven, Instant lastFix) {
        List<Inspection> inspections = new ArrayList<>();
        for (TripDriver.DrivenTrip trip : driven) {
            int index = trip.plan().index();
            String destination = null;
            Instant arrived = null;
            for (TripEvent event : trip.tripEvents()) {
                if ((event.type() == TripEvent.Type.REGISTERED || event.type() == TripEvent.Type.DESTINATION_CHANGED)
                        && event.destination() != null) {
                    destination = event.destination().unitCode();
                } else if (event.type() == TripEvent.Type.ARRIVED) {
                    arrived = event.ts();
                }
            }
            if (index % 3 == 2 || destination == null || arrived == null) {
                continue;
            }
            Instant at = arrived.plus(AFTER_ARRIVAL).isAfter(lastFix) ? lastFix : arrived.plus(AFTER_ARRIVAL);
            if (!at.isAfter(arrived)) {
                continue;
            }
            inspections.add(new Inspection(trip.plan().tripId(), OFFICERS.get(index % OFFICERS.size()), destination,
                    at, Inspection.Condition.INTACT, Inspection.Condition.INTACT, Inspection.Condition.INTACT, null,
                    null, "Đã thu hồi seal định vị", List.of()));
        }
        inspections.sort(Comparator.comparing(Inspection::ts));
        return inspections;
    }
}
