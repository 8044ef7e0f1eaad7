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
        SettingsReader reader = new SettingsReader(values);
        return new GateSettings(
                reader.duration(Keys.GATE_DECLARATION_WAIT),
                reader.duration(Keys.GATE_CAMERA_SILENCE),
                reader.duration(Keys.GATE_DECLARATION_RETENTION),
                reader.times(Keys.GATE_SHIFT_CHANGES));
    }
}
