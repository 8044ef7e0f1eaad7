package vn.customs.cargowatch.jobs.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;
import vn.customs.cargowatch.jobs.camera.ImageChecks.Check;
import vn.customs.cargowatch.jobs.config.CameraSettings;

/**
 * Each check of one image on generated gate images on both sides of its default threshold, the order in which they
 * explain each other, and the perceptual hash a FROZEN run is found by (1572 §I.4.1).
 */
class ImageChecksTest {

    private static final CameraSettings SETTINGS = CameraSettings.defaults();
    private static final String CONTAINER = "MSKU 123456 7";
    private static final String PLATE = "29C-123.45";

    private static ImageMeasures measured(Mat image) {
        Mat sent = GateImages.jpeg(image, 80);
        try {
            return ImageChecks.measure(sent);
        } finally {
            sent.release();
        }
    }

    private static Mat scene() {
        return GateImages.truck(CONTAINER, PLATE, 0);
    }

    @Test
    void shouldPassNormalFramesWithAWideMarginOnEveryCheck() {
        for (int seed = 0; seed < 12; seed++) {
            ImageMeasures normal = measured(GateImages.truck(CONTAINER, PLATE, seed));

            assertThat(ImageChecks.failedCheck(normal, SETTINGS)).as("truck %d: %s", seed, normal).isEmpty();
            assertThat(normal.brightness()).isBetween(3 * SETTINGS.blackBelow(), SETTINGS.overexposedAbove() - 80);
            assertThat(normal.contrast()).isGreaterThan(3 * SETTINGS.lowContrastBelow());
            assertThat(normal.sharpness()).isGreaterThan(30 * SETTINGS.blurredBelow());
        }
    }

    @Test
    void shouldCallANightWithoutInfraredBlackOnlyBelowTheThreshold() {
        ImageMeasures tooDark = measured(GateImages.night(scene(), 0.16, 1));
        ImageMeasures dimButReadable = measured(GateImages.night(scene(), 0.3, 1));

        assertThat(tooDark.brightness()).isLessThan(SETTINGS.blackBelow());
        assertThat(ImageChecks.failedCheck(tooDark, SETTINGS)).contains(Check.BLACK);
        assertThat(dimButReadable.brightness()).isGreaterThan(SETTINGS.blackBelow());
        assertThat(ImageChecks.failedCheck(dimButReadable, SETTINGS)).isEmpty();
    }

    @Test
    void shouldCallACoveredLensBlackThoughItIsAlsoFlatAndBlurred() {
        ImageMeasures covered = measured(GateImages.covered(6, 1));

        assertThat(covered.contrast()).isLessThan(SETTINGS.lowContrastBelow());
        assertThat(covered.sharpness()).isLessThan(SETTINGS.blurredBelow());
        assertThat(ImageChecks.failedCheck(covered, SETTINGS)).contains(Check.BLACK);
    }

    @Test
    void shouldCallGlareOverexposedOnlyAboveTheThreshold() {
        ImageMeasures glare = measured(GateImages.washedOut(scene(), 0.2, 290));
        ImageMeasures bright = measured(GateImages.washedOut(scene(), 0.45, 290));

        assertThat(glare.brightness()).isGreaterThan(SETTINGS.overexposedAbove());
        assertThat(glare.contrast()).as("flat too, but the glare explains it").isLessThan(SETTINGS.lowContrastBelow());
        assertThat(ImageChecks.failedCheck(glare, SETTINGS)).contains(Check.OVEREXPOSED);
        assertThat(bright.brightness()).isGreaterThan(SETTINGS.overexposedAbove() - 40)
                .isLessThan(SETTINGS.overexposedAbove());
        assertThat(ImageChecks.failedCheck(bright, SETTINGS)).isEmpty();
    }

    @Test
    void shouldCallHazeLowContrastNotBlurredThoughItsEdgesFadeToo() {
        ImageMeasures haze = measured(GateImages.washedOut(scene(), 0.1, 170));
        ImageMeasures lightHaze = measured(GateImages.washedOut(scene(), 0.35, 170));

        assertThat(haze.sharpness()).isLessThan(SETTINGS.blurredBelow());
        assertThat(ImageChecks.failedCheck(haze, SETTINGS)).contains(Check.LOW_CONTRAST);
        assertThat(lightHaze.contrast()).isGreaterThan(SETTINGS.lowContrastBelow());
        assertThat(ImageChecks.failedCheck(lightHaze, SETTINGS)).isEmpty();
    }

    @Test
    void shouldCallAnImageOutOfFocusBlurredOnlyBelowTheThreshold() {
        ImageMeasures outOfFocus = measured(GateImages.blurred(scene(), 2.5));
        ImageMeasures slightlySoft = measured(GateImages.blurred(scene(), 1.0));

        assertThat(outOfFocus.contrast()).isGreaterThan(2 * SETTINGS.lowContrastBelow());
        assertThat(outOfFocus.sharpness()).isLessThan(SETTINGS.blurredBelow());
        assertThat(ImageChecks.failedCheck(outOfFocus, SETTINGS)).contains(Check.BLURRED);
        assertThat(slightlySoft.sharpness()).isGreaterThan(SETTINGS.blurredBelow());
        assertThat(ImageChecks.failedCheck(slightlySoft, SETTINGS)).isEmpty();
    }

    @Test
    void shouldFailEachCheckStrictlyBelowOrAboveItsThreshold() {
        double black = SETTINGS.blackBelow();
        double over = SETTINGS.overexposedAbove();
        double flat = SETTINGS.lowContrastBelow();
        double blurred = SETTINGS.blurredBelow();

        assertThat(ImageChecks.failedCheck(new ImageMeasures(black, 50, 1000, 0), SETTINGS)).isEmpty();
        assertThat(ImageChecks.failedCheck(new ImageMeasures(Math.nextDown(black), 50, 1000, 0), SETTINGS))
                .contains(Check.BLACK);
        assertThat(ImageChecks.failedCheck(new ImageMeasures(over, 50, 1000, 0), SETTINGS)).isEmpty();
        assertThat(ImageChecks.failedCheck(new ImageMeasures(Math.nextUp(over), 50, 1000, 0), SETTINGS))
                .contains(Check.OVEREXPOSED);
        assertThat(ImageChecks.failedCheck(new ImageMeasures(100, flat, 1000, 0), SETTINGS)).isEmpty();
        assertThat(ImageChecks.failedCheck(new ImageMeasures(100, Math.nextDown(flat), 1000, 0), SETTINGS))
                .contains(Check.LOW_CONTRAST);
        assertThat(ImageChecks.failedCheck(new ImageMeasures(100, 50, blurred, 0), SETTINGS)).isEmpty();
        assertThat(ImageChecks.failedCheck(new ImageMeasures(100, 50, Math.nextDown(blurred), 0), SETTINGS))
                .contains(Check.BLURRED);
    }

    @Test
    void shouldHashARepeatedFrameAlikeWhateverItsJpegQualityAndClock() {
        Mat frame = scene();
        long first = measured(frame).hash();

        for (int quality : new int[] {95, 60, 30}) {
            Mat reencoded = GateImages.jpeg(frame, quality);
            assertThat(ImageMeasures.hashDistance(first, ImageChecks.measure(reencoded).hash()))
                    .as("quality %d", quality).isLessThanOrEqualTo(SETTINGS.frozenWithin() / 2);
        }
        for (int second = 0; second < 5; second++) {
            Mat stamped = frame.clone();
            Imgproc.putText(stamped, "2026-11-22 08:00:0" + second, new Point(10, 20),
                    Imgproc.FONT_HERSHEY_SIMPLEX, 0.5, new Scalar(255, 255, 255), 1);
            assertThat(ImageMeasures.hashDistance(first, measured(stamped).hash())).as("clock %d", second)
                    .isLessThanOrEqualTo(SETTINGS.frozenWithin() / 2);
        }
    }

    /**
     * The finding behind {@code camera.frozenWithin}: trucks at the gate, each in its own place and paint, differ by
     * 2 to 30 bits two by two, and never are five in a row all within twice the threshold; a repeated frame is 0–2.
     */
    @Test
    void shouldNeverFindFiveDifferentTrucksInARowWithinTheThreshold() {
        Random random = new Random(7);
        List<Long> hashes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String containerNo = String.format("MSKU %06d %d", random.nextInt(1_000_000), random.nextInt(10));
            hashes.add(measured(GateImages.truck(containerNo, PLATE, 100 + i)).hash());
        }

        int degradedAfter = SETTINGS.degradedAfter();
        for (int i = 0; i + degradedAfter <= hashes.size(); i++) {
            assertThat(ImageChecks.largestHashDistance(hashes.subList(i, i + degradedAfter))).as("trucks %d..", i)
                    .isGreaterThan(2 * SETTINGS.frozenWithin());
        }
    }

    @Test
    void shouldMeasureALargeFrameAtTheWorkingWidth() {
        Mat frame = scene();
        Mat large = new Mat();
        Imgproc.resize(frame, large, new org.opencv.core.Size(1920, 1080), 0, 0, Imgproc.INTER_CUBIC);
        ImageMeasures normal = measured(frame);
        ImageMeasures scaled = measured(large);

        assertThat(scaled.brightness()).isCloseTo(normal.brightness(), org.assertj.core.data.Offset.offset(2.0));
        assertThat(scaled.sharpness()).as("the same scene is as sharp, and passes").isGreaterThan(
                30 * SETTINGS.blurredBelow());
        assertThat(ImageMeasures.hashDistance(normal.hash(), scaled.hash())).isLessThanOrEqualTo(2);
    }

    @Test
    void shouldMeasureAGreyImageAsItsColourOne() {
        Mat colour = GateImages.jpeg(scene(), 90);
        Mat grey = new Mat();
        Imgproc.cvtColor(colour, grey, Imgproc.COLOR_BGR2GRAY);

        assertThat(ImageChecks.measure(grey)).isEqualTo(ImageChecks.measure(colour));
    }

    /**
     * What an image costs the task manager (issue 15: measured in a test report): a 640×360 JPEG read from a file,
     * decoded and measured, one thread; the same bytes always measure the same.
     */
    @Test
    void shouldMeasureTheSameBytesAlikeAndReportTheCostPerImage(@TempDir Path folder) throws Exception {
        Files.write(folder.resolve("frame.jpg"), GateImages.jpegBytes(scene(), 85));
        CameraImages images = new CameraImages(folder, 10_000_000, Duration.ofSeconds(5));
        ImageMeasures first = null;
        int warmUp = 50;
        int timed = 300;
        long started = 0;
        for (int i = 0; i < warmUp + timed; i++) {
            if (i == warmUp) {
                started = System.nanoTime();
            }
            CameraImages.Loaded loaded = images.load("frame.jpg");
            ImageMeasures measures = ImageChecks.measure(loaded.image());
            loaded.image().release();
            if (first == null) {
                first = measures;
            }
            assertThat(measures).isEqualTo(first);
        }
        double millis = (System.nanoTime() - started) / 1e6 / timed;
        System.out.printf("camera image cost: load + decode + measure of a 640x360 JPEG (%d bytes): %.2f ms%n",
                Files.size(folder.resolve("frame.jpg")), millis);
    }
}
