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
        String imageUri) implements Validated, Timed {

    public enum Direction { IN, OUT }

    @Override
    public String problem() {
        return Validated.first(
                Validated.requireText(eventId, "eventId", Validated.ID),
                Validated.requireText(icdCode, "icdCode", Validated.ID),
                Validated.requireText(gateId, "gateId", Validated.ID),
                Validated.text(lane, "lane", Validated.ID),
                Validated.requireText(cameraId, "cameraId", Validated.ID),
                direction == null ? "direction is missing" : null,
                ts == null ? "ts is missing" : null,
                Validated.text(containerNo, "containerNo", Validated.ID),
                Validated.text(containerNo2, "containerNo2", Validated.ID),
                Validated.text(plate, "plate", Validated.ID),
                Validated.number(confidence, "confidence", 0, 1),
                Validated.text(imageUri, "imageUri", Validated.NOTE));
    }

    /** Not a bean getter on purpose: {@code isEmpty()} would shadow the {@code empty} field in JSON. */
    public boolean carriesEmpty() {
        return Boolean.TRUE.equals(empty);
    }
}
