package vn.customs.cargowatch.model;

/**
 * The alert types of the contract. Trip alerts implement 3740 §I.8; gate alerts 1572 §II.1–3.
 * The seal's own alerts (SEAL_*) come from its events and battery (3740 §II.2.1: the officer attaches and powers the
 * seal and checks its battery; §II.3: the seal is checked intact at arrival).
 * The severity is ours (the regulations rank none): an opened door or a tampered seal is evidence of tampering with
 * goods under seal; a lost or diverted truck, or a seal switched off (it stops reporting, as a lost signal does),
 * needs a call now; a long stop can wait for the round; a weak battery leaves hours to have it charged or changed.
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
    CAMERA_SILENT(Severity.MEDIUM),
    /** A camera that keeps sending images nobody can use (1572 §I.4.1, §II.1.8): an addition of issue 15. */
    CAMERA_DEGRADED(Severity.MEDIUM),
    SEAL_TAMPERED(Severity.CRITICAL),
    SEAL_POWER_OFF(Severity.HIGH),
    SEAL_LOW_BATTERY(Severity.LOW);

    public enum Severity { CRITICAL, HIGH, MEDIUM, LOW }

    private final Severity severity;

    AlertType(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    /**
     * Whether the ICD gates' rules raise it (1572), not a sealed trip's seal (3740): the monthly report counts a
     * violating container by its seal's alerts only (3740 Phụ lục IV).
     */
    public boolean ofGate() {
        return this == UNCLEARED_EXIT || this == RISK_CONTAINER || this == NO_DECLARATION || this == PLATE_MISMATCH
                || this == INCOMPLETE_RECOGNITION || this == CAMERA_SILENT || this == CAMERA_DEGRADED;
    }
}
