package vn.customs.cargowatch.jobs.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.functions.async.CollectionSupplier;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import vn.customs.cargowatch.jobs.config.CameraSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;

/** The gate alerts' photos for the on-site record (1572 §II.1.4). */
class EvidenceThumbnailsTest {

    private static final Instant AT = Instant.parse("2026-11-22T03:00:00Z");

    @TempDir
    Path input;
    @TempDir
    Path evidence;
    private EvidenceThumbnails thumbnails;

    @BeforeEach
    void open() {
        OpenCvLibrary.load();
        thumbnails = new EvidenceThumbnails(CameraSettings.from(Map.of("camera.imageRoot", input.toString(),
                "camera.evidenceDir", evidence.toString())));
        thumbnails.open(null);
    }

    @AfterEach
    void close() {
        thumbnails.close();
    }

    @Test
    void shouldWriteAThumbnailOfTheRecognitionsImageLongestSide480() throws Exception {
        image("camera.images/in-1.jpg", 640, 360);
        image("camera.images/portrait.jpg", 300, 900);

        Alert landscape = withEvidence(alert("a-1", AlertType.UNCLEARED_EXIT, "camera.images/in-1.jpg"));
        Alert portrait = withEvidence(alert("a-2", AlertType.RISK_CONTAINER, "camera.images/portrait.jpg"));

        assertThat(landscape.details().evidence()).isEqualTo("a-1.jpg");
        assertThat(size(landscape)).containsExactly(480, 270);
        assertThat(size(portrait)).containsExactly(160, 480);
        assertThat(landscape.details().imageUri()).isEqualTo("camera.images/in-1.jpg");
        assertThat(landscape.withDetails(alert("a-1", AlertType.UNCLEARED_EXIT, "x").details()))
                .as("nothing else changes").isEqualTo(alert("a-1", AlertType.UNCLEARED_EXIT, "x"));
    }

    @Test
    void shouldNotEnlargeASmallImage() throws Exception {
        image("small.jpg", 320, 200);

        assertThat(size(withEvidence(alert("a-1", AlertType.PLATE_MISMATCH, "small.jpg")))).containsExactly(320, 200);
    }

    @Test
    void shouldTakeEachOfTheFiveGateAlerts() throws Exception {
        image("in.jpg", 640, 360);

        for (AlertType type : AlertType.values()) {
            Alert alert = withEvidence(alert("a-" + type, type, "in.jpg"));
            assertThat(alert.details().evidence() != null).as(type.name())
                    .isEqualTo(EvidenceThumbnails.GATE_ALERTS.contains(type));
        }
        assertThat(EvidenceThumbnails.GATE_ALERTS).containsExactlyInAnyOrder(AlertType.UNCLEARED_EXIT,
                AlertType.RISK_CONTAINER, AlertType.PLATE_MISMATCH, AlertType.NO_DECLARATION,
                AlertType.INCOMPLETE_RECOGNITION);
    }

    @Test
    void shouldPassAnAlertWithoutImageOrOfAnotherTypeUntouchedWithoutWaiting() throws Exception {
        Alert silent = alert("s-1", AlertType.CAMERA_SILENT, "in.jpg");
        Alert noImage = alert("n-1", AlertType.NO_DECLARATION, null);

        assertThat(EvidenceThumbnails.needsEvidence(silent)).isFalse();
        assertThat(EvidenceThumbnails.needsEvidence(noImage)).isFalse();
        assertThat(EvidenceThumbnails.needsEvidence(alert("b-1", AlertType.NO_DECLARATION, " "))).isFalse();
        assertThat(result(silent)).isSameAs(silent);
        assertThat(result(noImage)).isSameAs(noImage);
        try (var files = Files.list(evidence)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldGoOnWithoutEvidenceWhenTheImageIsMissingOrNotAnImage() throws Exception {
        Files.writeString(input.resolve("text.jpg"), "not a JPEG");
        Alert missing = alert("m-1", AlertType.UNCLEARED_EXIT, "camera.images/none.jpg");
        Alert notImage = alert("t-1", AlertType.UNCLEARED_EXIT, "text.jpg");

        assertThat(result(missing)).isEqualTo(missing);
        assertThat(result(notImage)).isEqualTo(notImage);
        try (var files = Files.list(evidence)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldGoOnWithoutEvidenceWhenTheEvidenceFolderCannotBeWritten() throws Exception {
        image("in.jpg", 640, 360);
        Path blocked = Files.writeString(evidence.resolve("a-file"), "in the way");
        EvidenceThumbnails nowhere = new EvidenceThumbnails(CameraSettings.from(Map.of(
                "camera.imageRoot", input.toString(), "camera.evidenceDir", blocked.toString())));
        nowhere.open(null);
        Alert alert = alert("a-1", AlertType.UNCLEARED_EXIT, "in.jpg");

        assertThat(nowhere.withEvidence(alert)).isEqualTo(alert);
        nowhere.close();
    }

    @Test
    void shouldGoOnWithoutEvidenceOnTimeout() throws Exception {
        Alert alert = alert("a-1", AlertType.UNCLEARED_EXIT, "in.jpg");
        Captured captured = new Captured();

        thumbnails.timeout(alert, captured);

        assertThat(captured.alerts.get(1, TimeUnit.SECONDS)).containsExactly(alert);
    }

    @Test
    void shouldRewriteTheSameFileForTheSameAlertAgain() throws Exception {
        image("in.jpg", 640, 360);
        Alert first = withEvidence(alert("a-1", AlertType.UNCLEARED_EXIT, "in.jpg"));
        byte[] written = Files.readAllBytes(evidence.resolve(first.details().evidence()));

        Alert again = withEvidence(alert("a-1", AlertType.UNCLEARED_EXIT, "in.jpg").withEnd(AT.plusSeconds(600)));

        assertThat(again.details().evidence()).isEqualTo(first.details().evidence());
        assertThat(Files.readAllBytes(evidence.resolve(again.details().evidence()))).isEqualTo(written);
        try (var files = Files.list(evidence)) {
            assertThat(files).as("no partial file left").containsExactly(evidence.resolve("a-1.jpg"));
        }
    }

    @Test
    void shouldNameTheFileAfterTheAlertWithNothingButSafeCharacters() {
        assertThat(EvidenceThumbnails.fileOf(evidence, "../../etc/passwd a:b"))
                .isEqualTo(evidence.resolve(".._.._etc_passwd_a_b.jpg"));
        assertThat(EvidenceThumbnails.fileOf(evidence, "4b0e1c2a-9f1d-3c4e-8a7b-1d2e3f4a5b6c").getFileName())
                .hasToString("4b0e1c2a-9f1d-3c4e-8a7b-1d2e3f4a5b6c.jpg");
    }

    // ---- helpers ----

    private Alert withEvidence(Alert alert) throws Exception {
        return result(alert);
    }

    /** What the operator emits for {@code alert}, through the async call as Flink makes it. */
    private Alert result(Alert alert) throws Exception {
        Captured captured = new Captured();
        thumbnails.asyncInvoke(alert, captured);
        List<Alert> out = captured.alerts.get(10, TimeUnit.SECONDS);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private void image(String name, int width, int height) throws Exception {
        Path file = input.resolve(name);
        Files.createDirectories(file.getParent());
        Mat image = new Mat(height, width, CvType.CV_8UC3, new Scalar(120, 90, 60));
        Imgcodecs.imwrite(file.toString(), image);
        image.release();
    }

    private List<Integer> size(Alert alert) {
        Mat image = Imgcodecs.imread(evidence.resolve(alert.details().evidence()).toString());
        List<Integer> size = List.of(image.cols(), image.rows());
        image.release();
        return size;
    }

    private static Alert alert(String id, AlertType type, String imageUri) {
        AlertDetails details = AlertDetails.builder().icdCode("ICD-GIALAM").cameraId("ICD-GIALAM-G1-CAM1")
                .eventId("ICD-GIALAM-20261122100000-1").imageUri(imageUri).build();
        return new Alert(id, type, type.severity(), null, null, "MSKU1234565", AT, AT, null, null, null, null, null,
                null, details, AlertState.OPEN);
    }

    /** Flink's side of one async call. */
    private static final class Captured implements ResultFuture<Alert> {
        final CompletableFuture<List<Alert>> alerts = new CompletableFuture<>();

        @Override
        public void complete(Collection<Alert> result) {
            alerts.complete(new ArrayList<>(result));
        }

        @Override
        public void completeExceptionally(Throwable error) {
            alerts.completeExceptionally(error);
        }

        @Override
        public void complete(CollectionSupplier<Alert> supplier) {
            throw new UnsupportedOperationException();
        }
    }
}
