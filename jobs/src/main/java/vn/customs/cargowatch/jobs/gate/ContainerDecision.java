package vn.customs.cargowatch.jobs.gate;

import java.util.List;
import vn.customs.cargowatch.jobs.gate.GateRules.ContainerRead;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Recognition.Direction;

/**
 * One container of a truck decided by {@link GateMatcher}, on its way to {@link TruckBarrier}, which joins the
 * truck's containers by its recognition's {@code eventId} and sets the barrier.
 *
 * @param match the container's match, its barrier not yet set
 * @param part which container of the truck (1 or 2), of {@code parts}
 * @param onArrival decided live as the truck arrived (1572 §II.3.2.d); else decided in event time
 * @param lateDeclarations in event time, after a decision on arrival: the declarations concerning the container that
 *     were stamped no later than the truck but reached the gate after it
 */
public record ContainerDecision(String truckEventId, Direction direction, GateMatch match, int part, int parts,
        boolean onArrival, List<String> lateDeclarations) {

    static ContainerDecision onArrival(ContainerRead container, GateMatch match) {
        return new ContainerDecision(container.recognition().eventId(), container.recognition().direction(), match,
                container.part(), container.parts(), true, List.of());
    }

    static ContainerDecision inEventTime(ContainerRead container, GateMatch match, List<String> lateDeclarations) {
        return new ContainerDecision(container.recognition().eventId(), container.recognition().direction(), match,
                container.part(), container.parts(), false, lateDeclarations);
    }
}
