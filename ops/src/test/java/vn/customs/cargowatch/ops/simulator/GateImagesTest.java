package vn.customs.cargowatch.ops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import vn.customs.cargowatch.jobs.camera.OpenCvLibrary;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Topic;

/**
 * The simulated gate photos, measured with OpenCV as the image checks measure them ({@code camera.blackBelow} 20,
 * {@code camera.lowContrastBelow} 12, {@code camera.blurredBelow} 30 on the variance of the Laplacian,
 * {@code camera.overexposedAbove} 235, {@code camera.frozenWithin} 4 bits of a 64-bit hash): good photos far on the
 * good side of every threshold, each fault's far on the bad side of its own.
 */
class GateImagesTest {

    private static final Instant DAY_START = SealTrafficSimulator.DEMO_DAY;
    private static final long SEED = 7;

    @TempDir
    static Path day;
    private static SealTrafficSimulator simulator;
    private static List<Recognition> recognitions;
    private static Map<String, CameraFault> faultOf;
    private static double millisPerImage;

    /** What the checks measure of one photo. */
    private record Measured(double mean, double contrast, double sharpness, long averageHash, long dctHash) {}

    @BeforeAll
    static void writeTheDemoDay() throws Exception {
        OpenCvLibrary.load();
        simulator = new SealTrafficSimulator(SEED, SealTrafficSimulator.DEFAULT_TRIPS, DAY_START);
        recognitions = new ArrayList<>();
        for (String line : simulator.generate().get(Topic.CAMERA_RECOGNITIONS)) {
            recognitions.add(Topic.CAMERA_RECOGNITIONS.parse(line));
        }
        simulator.writeTo(day);
        long start = System.nanoTime();
        new GateImages(SEED).writeTo(day, recognitions, simulator.gateScenarios(), simulator.cameraFaults());
        millisPerImage = (System.nanoTime() - start) / 1e6 / recognitions.size();
        System.out.printf("GateImagesTest: %d photos, %.2f ms per photo%n", recognitions.size(), millisPerImage);
        faultOf = new LinkedHashMap<>();
        simulator.cameraFaults().forEach(fault -> fault.eventIds().forEach(id -> faultOf.put(id, fault)));
    }

    @Test
    void shouldNameEachRecognitionsPhotoRelativeToTheInputFolder() {
        for (Recognition read : recognitions) {
            assertThat(read.imageUri()).isEqualTo("camera.images/" + read.eventId() + ".jpg");
            assertThat(day.resolve(read.imageUri())).isRegularFile();
        }
    }

    @Test
    void shouldStageEachFaultOnItsOwnCameraForSixImagesThenRecoverButTheNightWithoutInfraredUntilTheDaysEnd() {
        assertThat(simulator.cameraFaults()).extracting(CameraFault::kind)
                .containsExactlyInAnyOrder(CameraFault.Kind.values());
        Set<String> silent = simulator.silentCameras().stream().map(SilentCamera::cameraId).collect(Collectors.toSet());
        for (CameraFault fault : simulator.cameraFaults()) {
            List<String> ofCamera = recognitions.stream().filter(r -> r.cameraId().equals(fault.cameraId()))
                    .map(Recognition::eventId).toList();
            int first = ofCamera.indexOf(fault.eventIds().get(0));
            assertThat(first).as("a good photo before " + fault.kind()).isPositive();
            if (fault.kind() == CameraFault.Kind.NIGHT_WITHOUT_INFRARED) {
                // the lamp stays out: the day ends with the camera's incident open, on "check by hand"
                assertThat(ofCamera.subList(first, ofCamera.size())).isEqualTo(fault.eventIds()).hasSizeGreaterThan(5);
                assertThat(fault.recoveredBy()).isNull();
            } else {
                assertThat(ofCamera.subList(first, first + 6)).as(fault.kind().name()).isEqualTo(fault.eventIds());
                assertThat(ofCamera.get(first + 6)).isEqualTo(fault.recoveredBy());
            }
            assertThat(silent).doesNotContain(fault.cameraId());
        }
        assertThat(simulator.cameraFaults()).extracting(CameraFault::cameraId).doesNotHaveDuplicates();
    }

    @Test
    void shouldLeaveOutTheNightFaultOnADayThatEndsBeforeNightfall() {
        List<CameraFault> faults = new SealTrafficSimulator(SEED, 4, DAY_START).cameraFaults();

        assertThat(faults).extracting(CameraFault::kind).containsExactlyInAnyOrder(CameraFault.Kind.BLURRED,
                CameraFault.Kind.COVERED_LENS, CameraFault.Kind.FROZEN);
    }

    @Test
    void shouldTakeGoodPhotosFarFromEveryThreshold() throws IOException {
        for (Recognition read : recognitions) {
            if (faultOf.containsKey(read.eventId())) {
                continue;
            }
            Measured measured = measure(read);
            assertThat(measured.mean()).as(read.eventId() + " mean grey").isBetween(80.0, 180.0);
            assertThat(measured.contrast()).as(read.eventId() + " std dev of grey").isGreaterThan(24.0);
            assertThat(measured.sharpness()).as(read.eventId() + " variance of the Laplacian").isGreaterThan(150.0);
        }
    }

    @Test
    void shouldTakeNearlyBlackPhotosAtNightWithoutInfrared() throws IOException {
        for (String eventId : eventIdsOf(CameraFault.Kind.NIGHT_WITHOUT_INFRARED)) {
            assertThat(measure(eventId).mean()).as(eventId).isLessThan(10.0);
        }
    }

    @Test
    void shouldTakeDimUniformPhotosThroughACoveredLens() throws IOException {
        for (String eventId : eventIdsOf(CameraFault.Kind.COVERED_LENS)) {
            Measured measured = measure(eventId);
            assertThat(measured.mean()).as(eventId).isBetween(25.0, 70.0);
            assertThat(measured.contrast()).as(eventId).isLessThan(6.0);
            assertThat(measured.sharpness()).as(eventId).isLessThan(15.0);
        }
    }

    @Test
    void shouldTakeBlurredPhotosThatAreOtherwiseGood() throws IOException {
        for (String eventId : eventIdsOf(CameraFault.Kind.BLURRED)) {
            Measured measured = measure(eventId);
            assertThat(measured.sharpness()).as(eventId).isLessThan(15.0);
            assertThat(measured.mean()).as(eventId).isBetween(80.0, 180.0);
            assertThat(measured.contrast()).as(eventId).isGreaterThan(24.0);
        }
    }

    @Test
    void shouldRepeatThePhotoBeforeAFrozenStretchByteForByte() throws IOException {
        CameraFault frozen = simulator.cameraFaults().stream().filter(f -> f.kind() == CameraFault.Kind.FROZEN)
                .findFirst().orElseThrow();
        List<Recognition> ofCamera = recognitions.stream().filter(r -> r.cameraId().equals(frozen.cameraId())).toList();
        int first = ofCamera.stream().map(Recognition::eventId).toList().indexOf(frozen.eventIds().get(0));
        byte[] before = Files.readAllBytes(day.resolve(ofCamera.get(first - 1).imageUri()));

        for (String eventId : frozen.eventIds()) {
            assertThat(Files.readAllBytes(day.resolve(GateImages.uriOf(eventId)))).as(eventId).isEqualTo(before);
        }
        assertThat(ofCamera.subList(first - 1, first + 6)).extracting(Recognition::containerNo).doesNotHaveDuplicates();
        assertThat(Files.readAllBytes(day.resolve(GateImages.uriOf(frozen.recoveredBy())))).isNotEqualTo(before);
    }

    /**
     * Two trucks in a row never look alike to a 64-bit hash, average or DCT: no camera looks frozen but the frozen
     * one (this day's closest pair is 7 bits apart; a lone pair within 4 bits would fail one image, and
     * CAMERA_DEGRADED needs five in a row).
     */
    @Test
    void shouldTakeConsecutivePhotosOfACameraFarApartToAPerceptualHash() throws IOException {
        Map<String, Measured> last = new LinkedHashMap<>();
        int closest = 64;
        for (Recognition read : recognitions) {
            Measured measured = measure(read);
            Measured previous = last.put(read.cameraId(), measured);
            CameraFault fault = faultOf.get(read.eventId());
            if (previous == null || fault != null && fault.kind() != CameraFault.Kind.BLURRED) {
                continue;
            }
            int average = Long.bitCount(previous.averageHash() ^ measured.averageHash());
            int dct = Long.bitCount(previous.dctHash() ^ measured.dctHash());
            closest = Math.min(closest, Math.min(average, dct));
        }
        System.out.println("GateImagesTest: closest consecutive photos, " + closest + " bits apart");
        assertThat(closest).isGreaterThan(4);
    }

    @Test
    void shouldWriteSmallJpegsFast() throws IOException {
        for (Recognition read : recognitions) {
            Path file = day.resolve(read.imageUri());
            assertThat(Files.size(file)).as(read.eventId()).isLessThan(60_000);
            Mat image = Imgcodecs.imread(file.toString());
            assertThat(image.cols()).isEqualTo(640);
            assertThat(image.rows()).isEqualTo(360);
            image.release();
        }
        assertThat(millisPerImage).as("ms per photo").isLessThan(15.0);
    }

    @Test
    void shouldWriteByteIdenticalPhotosForTheSameSeed(@TempDir Path again) throws IOException {
        new SealTrafficSimulator(SEED, SealTrafficSimulator.DEFAULT_TRIPS, DAY_START).writeTo(again);

        for (Recognition read : recognitions) {
            assertThat(Files.readAllBytes(again.resolve(read.imageUri()))).as(read.eventId())
                    .isEqualTo(Files.readAllBytes(day.resolve(read.imageUri())));
        }
    }

    // ---- measuring ----

    private static List<String> eventIdsOf(CameraFault.Kind kind) {
        return simulator.cameraFaults().stream().filter(f -> f.kind() == kind).findFirst().orElseThrow().eventIds();
    }

    private static Measured measure(Recognition read) throws IOException {
        return measure(read.eventId());
    }

    private static Measured measure(String eventId) throws IOException {
        Mat grey = Imgcodecs.imread(day.resolve(GateImages.uriOf(eventId)).toString(), Imgcodecs.IMREAD_GRAYSCALE);
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble deviation = new MatOfDouble();
        Core.meanStdDev(grey, mean, deviation);
        Mat laplacian = new Mat();
        Imgproc.Laplacian(grey, laplacian, CvType.CV_64F);
        MatOfDouble lapMean = new MatOfDouble();
        MatOfDouble lapDeviation = new MatOfDouble();
        Core.meanStdDev(laplacian, lapMean, lapDeviation);
        Measured measured = new Measured(mean.get(0, 0)[0], deviation.get(0, 0)[0],
                Math.pow(lapDeviation.get(0, 0)[0], 2), averageHash(grey), dctHash(grey));
        grey.release();
        laplacian.release();
        return measured;
    }

    /** 8×8 grey thumbnail, one bit per cell brighter than the mean. */
    private static long averageHash(Mat grey) {
        Mat small = new Mat();
        Imgproc.resize(grey, small, new Size(8, 8), 0, 0, Imgproc.INTER_AREA);
        double mean = Core.mean(small).val[0];
        long hash = 0;
        for (int i = 0; i < 64; i++) {
            hash = hash << 1 | (small.get(i / 8, i % 8)[0] > mean ? 1 : 0);
        }
        small.release();
        return hash;
    }

    /** The pHash: the 8×8 lowest frequencies of the 32×32 thumbnail's DCT, one bit per one above their median. */
    private static long dctHash(Mat grey) {
        Mat small = new Mat();
        Imgproc.resize(grey, small, new Size(32, 32), 0, 0, Imgproc.INTER_AREA);
        small.convertTo(small, CvType.CV_32F);
        Mat dct = new Mat();
        Core.dct(small, dct);
        double[] low = new double[64];
        for (int i = 0; i < 64; i++) {
            low[i] = dct.get(i / 8, i % 8)[0];
        }
        double[] sorted = low.clone();
        java.util.Arrays.sort(sorted);
        double median = (sorted[31] + sorted[32]) / 2;
        long hash = 0;
        for (double value : low) {
            hash = hash << 1 | (value > median ? 1 : 0);
        }
        small.release();
        dct.release();
        return hash;
    }
}
