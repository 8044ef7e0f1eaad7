package vn.customs.cargowatch.jobs.gate;

import java.time.Instant;
import java.util.List;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;

/** An ICD, its gate and camera, valid container numbers and declarations, for the gate tests. */
final class GateFixtures {

    static final String ICD = "ICD-GIALAM";
    static final String GATE = "ICD-GIALAM-G1";
    static final String CAMERA = "ICD-GIALAM-G1-CAM1";
    static final String CONTAINER = "CSQU3054383";
    static final String CONTAINER_2 = "MSKU1234565";
    static final String PLATE = "29C-123.45";
    static final Instant BEGINNING = Instant.parse("2026-11-22T01:00:00Z");

    private GateFixtures() {}

    static Instant minutes(double minutes) {
        return BEGINNING.plusMillis(Math.round(minutes * 60_000));
    }

    static Recognition truck(String eventId, Direction direction, Instant ts, String containerNo, String plate) {
        return new Recognition(eventId, ICD, GATE, "L1", CAMERA, direction, ts, containerNo, null, plate, 0.93,
                null, null);
    }

    static Recognition twoContainers(String eventId, Direction direction, Instant ts, String first, String second) {
        return new Recognition(eventId, ICD, GATE, "L1", CAMERA, direction, ts, first, second, PLATE, 0.9, null,
                null);
    }

    static Recognition empty(String eventId, Direction direction, Instant ts, String containerNo) {
        return new Recognition(eventId, ICD, GATE, "L3", CAMERA, direction, ts, containerNo, null, PLATE, 0.9, true,
                null);
    }

    static Declaration declaration(String declarationNo, Declaration.Status status, Declaration.Risk risk, Instant ts,
            String... containers) {
        return new Declaration(declarationNo, Declaration.Kind.IMPORT, ICD, List.of(containers), List.of("29C12345"),
                status, risk, ts);
    }

    static Declaration withoutPlates(String declarationNo, Declaration.Status status, Instant ts, String... containers) {
        return new Declaration(declarationNo, Declaration.Kind.EXPORT, ICD, List.of(containers), null, status, null,
                ts);
    }
}
