package vn.customs.cargowatch.jobs.camera;

import java.time.Instant;
import vn.customs.cargowatch.model.Recognition;

/**
 * A camera's recognition with what its image showed: how the load ended and, when it loaded ({@code result} OK), the
 * image's measures. Anything but OK is "no image" — never a failed check (issue 15: the same images give the same
 * alerts in every replay).
 *
 * @param containerNo the container the recognition read, as read: FROZEN needs reads of different containers
 * @param measures    null unless {@code result} is OK
 */
public record CameraFrame(
        String icdCode,
        String gateId,
        String cameraId,
        String eventId,
        Instant ts,
        String containerNo,
        String imageUri,
        CameraImages.Result result,
        ImageMeasures measures) {

    /** {@code read}'s frame: its image loaded as {@code result}, measured as {@code measures} (null: no image). */
    public static CameraFrame of(Recognition read, CameraImages.Result result, ImageMeasures measures) {
        return new CameraFrame(read.icdCode(), read.gateId(), read.cameraId(), read.eventId(), read.ts(),
                read.containerNo(), read.imageUri(), result, measures);
    }

    /** The camera at its ICD, {@code ICD/camera}: the key of its health and its alerts' subject, as CAMERA_SILENT's. */
    public String camera() {
        return icdCode + "/" + cameraId;
    }

    /** Whether an image was loaded and measured. */
    public boolean hasImage() {
        return result == CameraImages.Result.OK && measures != null;
    }
}
