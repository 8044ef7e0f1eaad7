package vn.customs.cargowatch.jobs.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.customs.cargowatch.jobs.config.CameraSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;

/**
 * The camera's photo for the on-site record of a gate alert (1572 §II.1.4: the officers print it with the record of
 * the truck they stopped): for UNCLEARED_EXIT, RISK_CONTAINER, PLATE_MISMATCH, NO_DECLARATION and
 * INCOMPLETE_RECOGNITION with an {@code imageUri}, a JPEG thumbnail of the recognition's image, its longest side
 * {@value #LONGEST_SIDE} px, written to {@code camera.evidenceDir} as {@code <alertId>.jpg}, its name in that folder
 * in {@code details.evidence} (not the whole path: an alert is the same record wherever a run keeps its outputs, so
 * replays into different folders, at any parallelism, give the same alerts). Every other alert passes unchanged.
 *
 * <p>An alert always goes on: an image that cannot be loaded ({@link CameraImages}), written, or is not done within
 * {@code camera.imageTimeout} leaves the alert without {@code evidence}. Only alerts pass through here, never the gate
 * decisions, and at most {@code camera.imageConcurrency} images are loaded at once (Flink's async I/O, in order), so
 * a slow image store delays an alert by the timeout at worst and a barrier not at all. The same alert again (its end,
 * a correction) rewrites the same file with the same thumbnail, atomically: a reader sees the old or the new file.
 */
public final class EvidenceThumbnails extends RichAsyncFunction<Alert, Alert> {

    /** The gate alerts an officer acts on at the gate, with the truck in front of them. */
    public static final Set<AlertType> GATE_ALERTS = EnumSet.of(AlertType.UNCLEARED_EXIT, AlertType.RISK_CONTAINER,
            AlertType.PLATE_MISMATCH, AlertType.NO_DECLARATION, AlertType.INCOMPLETE_RECOGNITION);

    /** Large enough to read a container number and a plate on a printed record, small enough to keep by the month. */
    public static final int LONGEST_SIDE = 480;

    private static final int JPEG_QUALITY = 85;
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceThumbnails.class);

    private final CameraSettings settings;
    private transient CameraImages images;
    private transient ExecutorService loaders;

    public EvidenceThumbnails(CameraSettings settings) {
        this.settings = settings;
    }

    /** {@code alerts} with their evidence, in their order: the operator "evidence thumbnails". */
    public static DataStream<Alert> of(DataStream<Alert> alerts, CameraSettings settings) {
        return AsyncDataStream.orderedWait(alerts, new EvidenceThumbnails(settings),
                        settings.imageTimeout().toMillis(), TimeUnit.MILLISECONDS, settings.imageConcurrency())
                .name("evidence thumbnails").uid("evidence-thumbnails");
    }

    @Override
    public void open(OpenContext context) {
        images = CameraImages.of(settings);
        loaders = Executors.newFixedThreadPool(settings.imageConcurrency(), task -> {
            Thread thread = new Thread(task, "evidence-thumbnails");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void close() {
        if (loaders != null) {
            loaders.shutdownNow();
        }
    }

    @Override
    public void asyncInvoke(Alert alert, ResultFuture<Alert> result) {
        if (!needsEvidence(alert)) {
            result.complete(List.of(alert));
            return;
        }
        loaders.execute(() -> result.complete(List.of(withEvidence(alert))));
    }

    /** Too slow an image store: the alert goes on without its photo (the late thumbnail, if any, is ignored). */
    @Override
    public void timeout(Alert alert, ResultFuture<Alert> result) {
        result.complete(List.of(alert));
    }

    /** Whether {@code alert} is a gate alert whose recognition named an image. */
    public static boolean needsEvidence(Alert alert) {
        return GATE_ALERTS.contains(alert.type()) && alert.details() != null && alert.details().imageUri() != null
                && !alert.details().imageUri().isBlank();
    }

    /** {@code alert} with its image's thumbnail written and named in its details, or unchanged if none could be. */
    Alert withEvidence(Alert alert) {
        CameraImages.Loaded loaded = images.load(alert.details().imageUri());
        if (loaded.result() != CameraImages.Result.OK) {
            return alert;
        }
        Mat thumbnail = thumbnail(loaded.image());
        loaded.image().release();
        MatOfByte jpeg = new MatOfByte();
        try {
            Imgcodecs.imencode(".jpg", thumbnail, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY));
            Path file = write(fileOf(Path.of(settings.evidenceDir()), alert.alertId()), jpeg.toArray());
            return alert.withDetails(alert.details().toBuilder().evidence(file.getFileName().toString()).build());
        } catch (IOException | RuntimeException unwritable) {
            LOG.warn("no evidence thumbnail for alert {}: {}", alert.alertId(), unwritable.toString());
            return alert;
        } finally {
            thumbnail.release();
            jpeg.release();
        }
    }

    /** {@code image} shrunk, keeping its shape, to at most {@link #LONGEST_SIDE} px on its longest side. */
    static Mat thumbnail(Mat image) {
        double scale = Math.min(1.0, (double) LONGEST_SIDE / Math.max(image.cols(), image.rows()));
        Mat thumbnail = new Mat();
        Imgproc.resize(image, thumbnail, new Size(Math.round(image.cols() * scale), Math.round(image.rows() * scale)),
                0, 0, Imgproc.INTER_AREA);
        return thumbnail;
    }

    /** The thumbnail's file: the alert id with anything but letters, digits, dot, dash and underscore replaced. */
    public static Path fileOf(Path evidenceDir, String alertId) {
        return evidenceDir.resolve(alertId.replaceAll("[^A-Za-z0-9._-]", "_") + ".jpg");
    }

    /** Writes {@code bytes} to {@code file} whole or not at all, replacing what a previous emission wrote. */
    private static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), ".partial-", ".jpg");
        try {
            Files.write(partial, bytes);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return file;
    }
}
