package vn.customs.cargowatch.jobs.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * How gate cameras' images are loaded and judged (1572 §I.4.1, §II.1.8; issue 15), read from {@link Keys}: where
 * images and evidence thumbnails live, the limits of a load, and the thresholds of each check.
 *
 * @param imageRoot    where a relative {@code imageUri} is taken from; empty: the caller's default (a replay's input)
 * @param evidenceDir  where gate alerts' thumbnails go; empty: the caller's default (a replay's outputs/evidence)
 */
public record CameraSettings(
        String imageRoot,
        String evidenceDir,
        Duration imageTimeout,
        int imageConcurrency,
        long maxImageBytes,
        int degradedAfter,
        double blackBelow,
        double overexposedAbove,
        double blurredBelow,
        double lowContrastBelow,
        int frozenWithin) implements Serializable {

    public static CameraSettings defaults() {
        return from(Map.of());
    }

    public static CameraSettings from(Map<String, String> values) {
        return new CameraSettings(
                Keys.CAMERA_IMAGE_ROOT.read(values),
                Keys.CAMERA_EVIDENCE_DIR.read(values),
                Keys.CAMERA_IMAGE_TIMEOUT.read(values),
                Keys.CAMERA_IMAGE_CONCURRENCY.read(values),
                Math.round(Keys.CAMERA_MAX_IMAGE_MEGABYTES.read(values) * 1_000_000),
                Keys.CAMERA_DEGRADED_AFTER.read(values),
                Keys.CAMERA_BLACK_BELOW.read(values),
                Keys.CAMERA_OVEREXPOSED_ABOVE.read(values),
                Keys.CAMERA_BLURRED_BELOW.read(values),
                Keys.CAMERA_LOW_CONTRAST_BELOW.read(values),
                Keys.CAMERA_FROZEN_WITHIN.read(values));
    }

    /** These settings with the image root and evidence folder a run gives when the configuration left them empty. */
    public CameraSettings withDefaultFolders(String defaultImageRoot, String defaultEvidenceDir) {
        return new CameraSettings(imageRoot.isEmpty() ? defaultImageRoot : imageRoot,
                evidenceDir.isEmpty() ? defaultEvidenceDir : evidenceDir, imageTimeout, imageConcurrency,
                maxImageBytes, degradedAfter, blackBelow, overexposedAbove, blurredBelow, lowContrastBelow,
                frozenWithin);
    }
}
