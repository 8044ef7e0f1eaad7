package vn.customs.cargowatch.jobs.camera;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.customs.cargowatch.jobs.config.CameraSettings;
import vn.customs.cargowatch.model.Recognition;

/**
 * Loads and measures each recognition's image, off the task's thread (1572 §I.4.1: suspicious images found in time),
 * for {@code AsyncDataStream.orderedWait} with {@code camera.imageTimeout} and a capacity of
 * {@code camera.imageConcurrency}: that many images at once per parallel instance, each on a thread of its own from
 * the moment it is taken, so that the timeout measures the image and not a queue.
 *
 * <p>Contract: every recognition becomes exactly one {@link CameraFrame}. An image that could not be loaded (MISSING,
 * NOT_IMAGE, OVERSIZED, UNREACHABLE) or not within the timeout (TIMEOUT) is a frame without measures: "no image",
 * which {@code CameraHealthRule} skips. Nothing here fails the job or goes to {@code deadletter}: the recognition is
 * valid whatever its image, and the gate decides on it elsewhere, never waiting for this branch. A bad image is
 * logged at most once per camera per hour of wall clock (the {@code camera_images{result}} counter counts them all).
 */
public class CameraImageCheck extends RichAsyncFunction<Recognition, CameraFrame> {

    /** How often a camera's bad images are logged at most. */
    static final long LOG_EVERY_MILLIS = 3_600_000;

    private static final Logger LOG = LoggerFactory.getLogger(CameraImageCheck.class);

    private final CameraSettings settings;

    private transient ExecutorService workers;
    private transient CameraImages images;
    private transient Map<String, Long> lastLogged;

    public CameraImageCheck(CameraSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory named = task -> {
            Thread thread = new Thread(task, "camera-images-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        workers = Executors.newFixedThreadPool(settings.imageConcurrency(), named);
        images = CameraImages.of(settings);
        lastLogged = new ConcurrentHashMap<>();
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    @Override
    public void asyncInvoke(Recognition read, ResultFuture<CameraFrame> result) {
        CompletableFuture.supplyAsync(() -> check(read), workers)
                .whenComplete((frame, fault) -> {
                    if (fault != null) {
                        result.completeExceptionally(fault); // an Error (the natives gone), not the image's doing
                    } else {
                        result.complete(List.of(logged(frame)));
                    }
                });
    }

    @Override
    public void timeout(Recognition read, ResultFuture<CameraFrame> result) {
        result.complete(List.of(logged(CameraFrame.of(read, CameraImages.Result.TIMEOUT, null))));
    }

    /** {@code read}'s image loaded and measured; never throws. */
    CameraFrame check(Recognition read) {
        CameraImages.Loaded loaded = images.load(read.imageUri());
        if (loaded.result() != CameraImages.Result.OK) {
            return CameraFrame.of(read, loaded.result(), null);
        }
        try {
            return CameraFrame.of(read, CameraImages.Result.OK, ImageChecks.measure(loaded.image()));
        } catch (RuntimeException unmeasurable) {
            // OpenCV decoded it but cannot work on it (an odd depth or channel count): for the checks, no image
            CameraFrame frame = CameraFrame.of(read, CameraImages.Result.NOT_IMAGE, null);
            LOG.warn("Camera {}: image {} decoded but could not be measured; counted as not an image",
                    frame.camera(), read.imageUri(), unmeasurable);
            return frame;
        } finally {
            loaded.image().release();
        }
    }

    private CameraFrame logged(CameraFrame frame) {
        if (!frame.hasImage() && due(frame.camera(), System.currentTimeMillis())) {
            LOG.warn("Camera {}: image {} of {} {} (result {}); its bad images are counted in camera_images and "
                    + "logged again after an hour", frame.camera(), frame.imageUri(),
                    frame.eventId(), frame.ts(), frame.result().label());
        }
        return frame;
    }

    /** Whether a bad image of {@code camera} is to be logged at {@code nowMillis}: none was in the past hour. */
    boolean due(String camera, long nowMillis) {
        boolean[] due = {false};
        lastLogged.compute(camera, (key, last) -> {
            due[0] = last == null || nowMillis - last >= LOG_EVERY_MILLIS;
            return due[0] ? nowMillis : last;
        });
        return due[0];
    }
}
