package vn.customs.cargowatch.ops.simulator;

import java.time.Instant;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Recognition;

/**
 * What one simulated ICD gate recognition was built to show (1572/QĐ-TCHQ): a clean truck, a sealed trip
 * arriving, or one deliberate {@link Problem}, with the true container number(s) next to what the camera
 * reported, and a note with the particulars for the demo to print next to the gate matches.
 *
 * @param containerNo     the first container's true number, also when the camera misread or missed it
 * @param containerNo2    the second 20' container's true number, or {@code null}
 * @param containerNoRead what the camera reported for the first container when it is not the true number
 *                        ({@link Problem#MISREAD}); {@code null} when read right or not read at all
 */
public record GateScenario(
        String eventId,
        String icdCode,
        String gateId,
        String cameraId,
        Recognition.Direction direction,
        Instant ts,
        Problem problem,
        String containerNo,
        String containerNo2,
        String containerNoRead,
        String note) {

    /** The problem a recognition was built to show; one per recognition at most. */
    public enum Problem {
        /** A declared truck with its declared container, read right: MATCHED, barrier open. */
        NONE,
        /** One character of the container number read with a camera confusion; the check digit corrects it. */
        MISREAD,
        /** The plate (IN) or the container number (OUT) not read. */
        INCOMPLETE,
        /** OUT while the declaration is still REGISTERED. */
        UNCLEARED_EXIT,
        /** OUT of a loaded container that no declaration lists. */
        NO_DECLARATION_OUT,
        /** IN on a truck whose plate the declaration does not list. */
        PLATE_MISMATCH,
        /** IN and OUT of a container whose declaration is in the RED or WATCH channel. */
        RISK_CONTAINER,
        /** An empty container, declared by nobody. */
        EMPTY,
        /** IN 30–90 s before its import declaration reaches the system: still MATCHED. */
        LATE_DECLARATION,
        /** A GPS-sealed trip's container entering its destination ICD, minutes before its arrival is confirmed. */
        SEALED_TRIP_ARRIVAL
    }

    /** The gate result a correct job gives the first container of this recognition. */
    public GateMatch.Result expectedResult() {
        return switch (problem) {
            case NONE, MISREAD, LATE_DECLARATION, SEALED_TRIP_ARRIVAL -> GateMatch.Result.MATCHED;
            case INCOMPLETE -> GateMatch.Result.INCOMPLETE;
            case UNCLEARED_EXIT -> GateMatch.Result.NOT_CLEARED;
            case NO_DECLARATION_OUT -> GateMatch.Result.NO_DECLARATION;
            case PLATE_MISMATCH -> GateMatch.Result.PLATE_MISMATCH;
            case RISK_CONTAINER -> GateMatch.Result.RISK_CONTAINER;
            case EMPTY -> GateMatch.Result.EMPTY;
        };
    }

    /**
     * The barrier a correct job decides (1572 §II.3.2.d): out, it opens only for MATCHED or EMPTY; in, it
     * holds only when the camera cannot say which truck and container it is (INCOMPLETE, PLATE_MISMATCH).
     */
    public GateMatch.Barrier expectedBarrier() {
        GateMatch.Result result = expectedResult();
        boolean open = direction == Recognition.Direction.OUT
                ? result == GateMatch.Result.MATCHED || result == GateMatch.Result.EMPTY
                : result != GateMatch.Result.INCOMPLETE && result != GateMatch.Result.PLATE_MISMATCH;
        return open ? GateMatch.Barrier.OPEN : GateMatch.Barrier.HOLD;
    }
}
