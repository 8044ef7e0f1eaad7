package vn.customs.cargowatch.jobs.camera;

import java.util.List;
import java.util.Optional;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import vn.customs.cargowatch.jobs.config.CameraSettings;

/**
 * Whether a gate camera's image is of any use to the officers (1572 §I.4.1: suspicious images found in time; §II.1.8:
 * a camera that fails is logged): its measures ({@link #measure}) and the check one image fails
 * ({@link #failedCheck}), against the {@code camera.*} thresholds of {@link CameraSettings}.
 *
 * <p>One failed check per image, the first in this order, the one that explains the others:
 * <ol>
 *   <li>{@link Check#BLACK} — mean grey below {@code camera.blackBelow}: a covered lens or a night without
 *       infrared. Such an image has no contrast and no edges either; it is black, not blurred.</li>
 *   <li>{@link Check#OVEREXPOSED} — mean grey above {@code camera.overexposedAbove}: sun glare, a washed-out
 *       sensor; it too has lost its contrast and edges.</li>
 *   <li>{@link Check#LOW_CONTRAST} — standard deviation of grey below {@code camera.lowContrastBelow}: fog, haze,
 *       a dirty or fogged lens. The Laplacian's variance falls with the square of the contrast, so a flat image is
 *       also "blurred"; its cause is the contrast.</li>
 *   <li>{@link Check#BLURRED} — variance of the Laplacian below {@code camera.blurredBelow}, the contrast being
 *       fine: out of focus.</li>
 * </ol>
 * {@link Check#FROZEN} is no property of one image but of a run of them ({@code CameraHealthRule}): images whose
 * hashes stay within {@code camera.frozenWithin} bits of each other although their recognitions read different
 * containers.
 *
 * <p>Everything is measured on the image's grey levels, scaled down to {@value #WORKING_WIDTH} pixels wide when it is
 * wider: the variance of the Laplacian depends on the resolution (the same scene at twice the width has softer
 * edges per pixel), so one {@code camera.blurredBelow} then holds for every camera, and a 4K frame costs what a
 * 640-pixel one does.
 */
public final class ImageChecks {

    /** The width images are measured at. */
    public static final int WORKING_WIDTH = 640;

    private static final int HASH_SIZE = 32;
    private static final int HASH_FREQUENCIES = 8;

    /** A check a camera's images fail; the name is the CAMERA_DEGRADED alert's {@code details.reason}. */
    public enum Check { BLACK, OVEREXPOSED, LOW_CONTRAST, BLURRED, FROZEN }

    private ImageChecks() {}

    /** The measures of a decoded image (colour or grey); the caller still owns and releases {@code image}. */
    public static ImageMeasures measure(Mat image) {
        OpenCvLibrary.load();
        Mat grey = workingGrey(image);
        try {
            MatOfDouble mean = new MatOfDouble();
            MatOfDouble deviation = new MatOfDouble();
            Core.meanStdDev(grey, mean, deviation);
            double brightness = mean.get(0, 0)[0];
            double contrast = deviation.get(0, 0)[0];
            return new ImageMeasures(brightness, contrast, laplacianVariance(grey), perceptualHash(grey));
        } finally {
            grey.release();
        }
    }

    /** The check an image with these measures fails, the first in the order above; empty when it is good. */
    public static Optional<Check> failedCheck(ImageMeasures measures, CameraSettings settings) {
        if (measures.brightness() < settings.blackBelow()) {
            return Optional.of(Check.BLACK);
        }
        if (measures.brightness() > settings.overexposedAbove()) {
            return Optional.of(Check.OVEREXPOSED);
        }
        if (measures.contrast() < settings.lowContrastBelow()) {
            return Optional.of(Check.LOW_CONTRAST);
        }
        if (measures.sharpness() < settings.blurredBelow()) {
            return Optional.of(Check.BLURRED);
        }
        return Optional.empty();
    }

    /** The largest hash distance between any two of {@code hashes}, in bits; 0 for fewer than two. */
    public static int largestHashDistance(List<Long> hashes) {
        int largest = 0;
        for (int i = 0; i < hashes.size(); i++) {
            for (int j = i + 1; j < hashes.size(); j++) {
                largest = Math.max(largest, ImageMeasures.hashDistance(hashes.get(i), hashes.get(j)));
            }
        }
        return largest;
    }

    private static Mat workingGrey(Mat image) {
        Mat grey = new Mat();
        if (image.channels() == 1) {
            image.copyTo(grey);
        } else {
            Imgproc.cvtColor(image, grey, image.channels() == 4 ? Imgproc.COLOR_BGRA2GRAY : Imgproc.COLOR_BGR2GRAY);
        }
        if (grey.cols() <= WORKING_WIDTH) {
            return grey;
        }
        Mat smaller = new Mat();
        Imgproc.resize(grey, smaller, new Size(WORKING_WIDTH, Math.max(1, Math.round(
                (double) grey.rows() * WORKING_WIDTH / grey.cols()))), 0, 0, Imgproc.INTER_AREA);
        grey.release();
        return smaller;
    }

    private static double laplacianVariance(Mat grey) {
        Mat laplacian = new Mat();
        try {
            Imgproc.Laplacian(grey, laplacian, CvType.CV_64F);
            MatOfDouble mean = new MatOfDouble();
            MatOfDouble deviation = new MatOfDouble();
            Core.meanStdDev(laplacian, mean, deviation);
            double sigma = deviation.get(0, 0)[0];
            return sigma * sigma;
        } finally {
            laplacian.release();
        }
    }

    /**
     * pHash: the image at 32×32, its discrete cosine transform, and of the 8×8 lowest frequencies one bit each, set
     * when the coefficient is above their median (the constant term left out of the median: it is the brightness,
     * far above the rest). Low frequencies are the image's layout, which JPEG's re-encoding, noise and a little
     * blur hardly move, and a different truck in the frame does.
     */
    static long perceptualHash(Mat grey) {
        Mat small = new Mat();
        Mat real = new Mat();
        Mat frequencies = new Mat();
        try {
            Imgproc.resize(grey, small, new Size(HASH_SIZE, HASH_SIZE), 0, 0, Imgproc.INTER_AREA);
            small.convertTo(real, CvType.CV_32F);
            Core.dct(real, frequencies);
            float[] lowest = new float[HASH_FREQUENCIES * HASH_FREQUENCIES];
            float[] row = new float[HASH_FREQUENCIES];
            for (int r = 0; r < HASH_FREQUENCIES; r++) {
                frequencies.get(r, 0, row);
                System.arraycopy(row, 0, lowest, r * HASH_FREQUENCIES, HASH_FREQUENCIES);
            }
            float[] varying = java.util.Arrays.copyOfRange(lowest, 1, lowest.length);
            java.util.Arrays.sort(varying);
            float median = varying[varying.length / 2];
            long hash = 0;
            for (int i = 0; i < lowest.length; i++) {
                if (lowest[i] > median) {
                    hash |= 1L << i;
                }
            }
            return hash;
        } finally {
            small.release();
            real.release();
            frequencies.release();
        }
    }
}
