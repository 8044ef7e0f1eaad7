package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code camera.recognitions}: what an ICD gate's recognition camera read (1572 §I.2.2, §II.2.2, §II.3.2):
 * container number(s) and truck plate with the time of entry or exit. A field the camera could not read is
 * absent; {@code containerNo2} is a second 20' container on the same truck.
 */
public record Recognition(
        String eventId,
        String icdCode,
        String gateId,
        String lane,
        String cameraId,
        Direction direction,
        Instant ts,
        String containerNo,
        String containerNo2,
        String plate,
        Double confidence,
        Boolean empty,
        String imageUri) implements Validated {

    public enum Direction { IN, OUT }

    @Override
    public String problem() {
        return Validated.first(
                Validated.requireText(eventId, "eventId"),
                Validated.requireText(icdCode, "icdCode"),
                Validated.requireText(gateId, "gateId"),
                Validated.requireText(cameraId, "cameraId"),
                direction == null ? "direction is missing" : null,
                ts == null ? "ts is missing" : null,
                confidence != null && (confidence.isNaN() || confidence < 0 || confidence > 1)
                        ? "confidence " + confidence + " out of range [0, 1]" : null);
    }

    /** Not a bean getter on purpose: {@code isEmpty()} would shadow the {@code empty} field in JSON. */
    public boolean carriesEmpty() {
        return Boolean.TRUE.equals(empty);
    }
}
