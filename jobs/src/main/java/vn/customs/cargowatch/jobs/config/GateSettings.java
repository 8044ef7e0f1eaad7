package vn.customs.cargowatch.jobs.config;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * The thresholds of gate matching at ICDs (1572/QĐ-TCHQ), read from {@link Keys}, with how the gates' cameras'
 * images are loaded and judged ({@code camera.*}).
 */
public record GateSettings(
        Duration declarationWait,
        Duration cameraSilence,
        Duration declarationRetention,
        List<LocalTime> shiftChanges,
        CameraSettings camera) implements Serializable {

    public static GateSettings defaults() {
        return from(Map.of());
    }

    public static GateSettings from(Map<String, String> values) {
        return new GateSettings(
                Keys.GATE_DECLARATION_WAIT.read(values),
                Keys.GATE_CAMERA_SILENCE.read(values),
                Keys.GATE_DECLARATION_RETENTION.read(values),
                Keys.GATE_SHIFT_CHANGES.read(values),
                CameraSettings.from(values));
    }

    /**
     * These settings with a run's own folders for the cameras' images and the evidence thumbnails, where the
     * configuration left {@code camera.imageRoot} or {@code camera.evidenceDir} empty.
     */
    public GateSettings withCameraFolders(String imageRoot, String evidenceDir) {
        return new GateSettings(declarationWait, cameraSilence, declarationRetention, shiftChanges,
                camera.withDefaultFolders(imageRoot, evidenceDir));
    }
}
