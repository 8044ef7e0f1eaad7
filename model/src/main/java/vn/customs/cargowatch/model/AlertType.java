package vn.customs.cargowatch.model;

/**
 * The alert types of the contract. Trip alerts implement 3740 §I.8; gate alerts 1572 §II.1–3.
 * The severity is ours (the regulations rank none): an opened door is evidence of tampering with
 * goods under seal, a lost or diverted truck needs a call now, a long stop can wait for the round.
 */
public enum AlertType {
    WRONG_ROUTE(Severity.HIGH),
    STOP_OVER_90_MIN(Severity.MEDIUM),
    SIGNAL_LOST(Severity.HIGH),
    DOOR_OPENED(Severity.CRITICAL),
    CONTAINER_NOT_ARRIVED(Severity.HIGH),
    UNCLEARED_EXIT(Severity.CRITICAL),
    RISK_CONTAINER(Severity.HIGH),
    NO_DECLARATION(Severity.HIGH),
    PLATE_MISMATCH(Severity.MEDIUM),
    INCOMPLETE_RECOGNITION(Severity.LOW),
    CAMERA_SILENT(Severity.MEDIUM);

    public enum Severity { CRITICAL, HIGH, MEDIUM, LOW }

    private final Severity severity;

    AlertType(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
