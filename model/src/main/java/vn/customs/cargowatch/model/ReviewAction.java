package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code gate.review.actions} (an input added by issue 13, key {@code eventId}): an officer confirms a read on the
 * shift's review list (1572 §I.4.2, §II.1.5) — a container number the check digit corrected is what the container
 * really carries. {@code eventId} is the read's. Completing an incomplete read is not an action of this topic but a
 * read by hand on {@code camera.recognitions} naming it in {@code completes} ({@link Recognition}), so that it is
 * matched against the declarations like any read.
 *
 * <p>{@code byAddress} and {@code signature} are as on {@link AlertAction}: the desk's client address, and the HMAC a
 * pipeline with a signing key ({@link ActionSignature}) requires.
 */
public record ReviewAction(
        String eventId,
        Action action,
        String by,
        String byUnit,
        Instant ts,
        String note,
        String byAddress,
        String signature) implements Validated, Timed, ActionSignature.Signable<ReviewAction> {

    public enum Action { CONFIRM }

    @Override
    public ReviewAction withSignature(String signature) {
        return new ReviewAction(eventId, action, by, byUnit, ts, note, byAddress, signature);
    }

    @Override
    public String problem() {
        return Validated.first(
                Validated.requireText(eventId, "eventId", Validated.ID),
                action == null ? "action is missing" : null,
                Validated.requireText(by, "by", Validated.NAME),
                Validated.requireText(byUnit, "byUnit", Validated.ID),
                ts == null ? "ts is missing" : null,
                Validated.text(note, "note", Validated.NOTE),
                Validated.text(byAddress, "byAddress", Validated.ID),
                Validated.text(signature, "signature", ActionSignature.LENGTH));
    }
}
