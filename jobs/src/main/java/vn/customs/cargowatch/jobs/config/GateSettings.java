package vn.customs.cargowatch.jobs.config;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** The thresholds of gate matching at ICDs (1572/QĐ-TCHQ), read from {@link Keys}. */
public record GateSettings(
        Duration declarationWait,
        Duration cameraSilence,
        Duration declarationRetention,
        List<LocalTime> shiftChanges) implements Serializable {

    public static GateSettings defaults() {
        return from(Map.of());
    }

    public static GateSettings from(Map<String, String> values) {
        return new GateSettings(
                Keys.GATE_DECLARATION_WAIT.read(values),
                Keys.GATE_CAMERA_SILENCE.read(values),
                Keys.GATE_DECLARATION_RETENTION.read(values),
                Keys.GATE_SHIFT_CHANGES.read(values));
    }
}
