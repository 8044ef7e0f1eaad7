package vn.customs.cargowatch.model;

import java.time.Instant;
import java.util.List;

/**
 * {@code gate.matches}: the decision on one container passing an ICD gate — matched against the customs
 * documents or not, and whether the electronic barrier opens (1572 §II.1.2, §II.3.2.d).
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
        List<String> reasons) {

    public enum Result { MATCHED, PLATE_MISMATCH, NO_DECLARATION, NOT_CLEARED, RISK_CONTAINER, INCOMPLETE, EMPTY }

    public enum Barrier { OPEN, HOLD }
}
