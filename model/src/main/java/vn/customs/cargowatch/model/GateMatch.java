package vn.customs.cargowatch.model;

import java.time.Instant;
import java.util.List;

/**
 * {@code gate.matches}: the decision on one container passing an ICD gate — matched against the customs
 * documents or not, and whether the electronic barrier opens (1572 §II.1.2, §II.3.2.d).
 *
 * <p>{@code correction} (an addition to the contract) is absent on a decision as first made. Live, the barrier's
 * decision on a truck leaving is made as it arrives; when a document stamped before the truck reaches the gate
 * after it and event time decides otherwise, the same {@code eventId} is emitted again with the event-time decision
 * and, in {@code correction}, what it corrects and why (docs/gates.md). Every other field of the last record of an
 * {@code eventId} is the event-time decision, which a replay of the same records gives too.
 *
 * <p>{@code cameraId} (an addition to the contract, issue 14) is the recognition camera whose read was decided, absent on
 * a read an officer entered by hand (1572 §I.3.4: no camera read it). The quarterly camera report (1572 §III.3) counts
 * each camera's recognitions and how complete they were from it: the recognitions themselves are an input that Kafka
 * does not keep for a quarter.
 */
public record GateMatch(
        String eventId,
        String icdCode,
        String gateId,
        Recognition.Direction direction,
        Instant ts,
        String containerNo,
        String containerNoRead,
        String plate,
        Result result,
        String declarationNo,
        Barrier barrier,
        List<String> reasons,
        String correction,
        String cameraId) {

    public enum Result { MATCHED, PLATE_MISMATCH, NO_DECLARATION, NOT_CLEARED, RISK_CONTAINER, INCOMPLETE, EMPTY }

    public enum Barrier { OPEN, HOLD }

    /** A decision as first made: it corrects nothing. */
    public GateMatch(String eventId, String icdCode, String gateId, Recognition.Direction direction, Instant ts,
            String containerNo, String containerNoRead, String plate, Result result, String declarationNo,
            Barrier barrier, List<String> reasons) {
        this(eventId, icdCode, gateId, direction, ts, containerNo, containerNoRead, plate, result, declarationNo,
                barrier, reasons, null, null);
    }

    /** A decision with what it corrects, its camera not named (as every decision was before {@code cameraId}). */
    public GateMatch(String eventId, String icdCode, String gateId, Recognition.Direction direction, Instant ts,
            String containerNo, String containerNoRead, String plate, Result result, String declarationNo,
            Barrier barrier, List<String> reasons, String correction) {
        this(eventId, icdCode, gateId, direction, ts, containerNo, containerNoRead, plate, result, declarationNo,
                barrier, reasons, correction, null);
    }

    /** This decision, emitted in place of an earlier one of the same {@code eventId}, saying {@code why}. */
    public GateMatch correcting(String why) {
        return new GateMatch(eventId, icdCode, gateId, direction, ts, containerNo, containerNoRead, plate, result,
                declarationNo, barrier, reasons, why, cameraId);
    }

    /** The decision itself, without what it corrects: what a replay of the same records decides. */
    public GateMatch decision() {
        return correction == null ? this : correcting(null);
    }
}
