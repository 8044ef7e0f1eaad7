package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code camera.recognitions}: what an ICD gate's recognition camera read (1572 §I.2.2, §II.2.2, §II.3.2):
 * container number(s) and truck plate with the time of entry or exit. A field the camera could not read is
 * absent; {@code containerNo2} is a second 20' container on the same truck.
 *
 * <p>Read by hand (additions of issue 13): {@code enteredBy} and {@code enteredByUnit} name the officer who entered the
 * read at the alert desk, while the gate's camera is down (1572 §I.3.4) or to complete a camera's incomplete read on
 * the shift's review list (§II.1.5) — then {@code completes} is that read's {@code eventId}. A read by hand is matched
 * like a camera's; it says nothing about whether the camera works ({@code CameraSilenceRule} ignores it).
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
        String imageUri,
        String enteredBy,
        String enteredByUnit,
        String completes) implements Validated, Timed {

    public enum Direction { IN, OUT }

    /** A camera's read, as every read was before reads by hand. */
    public Recognition(String eventId, String icdCode, String gateId, String lane, String cameraId,
            Direction direction, Instant ts, String containerNo, String containerNo2, String plate, Double confidence,
            Boolean empty, String imageUri) {
        this(eventId, icdCode, gateId, lane, cameraId, direction, ts, containerNo, containerNo2, plate, confidence,
                empty, imageUri, null, null, null);
    }

    /** Whether an officer entered this read at the desk rather than a camera. */
    public boolean enteredByHand() {
        return enteredBy != null;
    }

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
                Validated.text(imageUri, "imageUri", Validated.NOTE),
                Validated.text(enteredBy, "enteredBy", Validated.NAME),
                Validated.text(enteredByUnit, "enteredByUnit", Validated.ID),
                enteredBy != null ? Validated.requireText(enteredByUnit, "enteredByUnit") : null,
                Validated.text(completes, "completes", Validated.ID),
                completes != null && enteredBy == null
                        ? "enteredBy is missing: a read that completes another is entered by an officer" : null);
    }

    /** Not a bean getter on purpose: {@code isEmpty()} would shadow the {@code empty} field in JSON. */
    public boolean carriesEmpty() {
        return Boolean.TRUE.equals(empty);
    }
}
