package vn.customs.cargowatch.jobs.camera;

import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Gate camera images as the checks meet them: a 640×360 colour frame of a container's face with its owner code and
 * serial painted large and the truck's plate, sensor noise, JPEG-encoded; and what goes wrong with a camera (night
 * without infrared, a covered lens, out of focus, glare), each from the same scene.
 */
final class GateImages {

    static final int WIDTH = 640;
    static final int HEIGHT = 360;

    private static final Scalar[] PAINT = {new Scalar(40, 40, 170), new Scalar(150, 90, 30), new Scalar(50, 120, 40),
        new Scalar(30, 110, 210), new Scalar(120, 120, 120), new Scalar(60, 60, 60)};

    private GateImages() {}

    /** A truck at the gate: container {@code containerNo} ("MSKU 123456 7"), plate {@code plate}; {@code seed} moves
     * it a little, picks its paint and the noise. */
    static Mat truck(String containerNo, String plate, long seed) {
        OpenCvLibrary.load();
        Random random = new Random(seed);
        Mat frame = new Mat(HEIGHT, WIDTH, CvType.CV_8UC3);
        Imgproc.rectangle(frame, new Point(0, 0), new Point(WIDTH, 120), new Scalar(200, 180, 150), -1);   // sky
        Imgproc.rectangle(frame, new Point(0, 120), new Point(WIDTH, HEIGHT), new Scalar(95, 100, 100), -1); // yard
        Imgproc.line(frame, new Point(0, 300), new Point(WIDTH, 300), new Scalar(230, 230, 230), 3);    // stop line
        int dx = random.nextInt(61) - 30;
        int dy = random.nextInt(21) - 10;
        Scalar paint = PAINT[random.nextInt(PAINT.length)];
        Rect face = new Rect(60 + dx, 30 + dy, 520, 250);
        Imgproc.rectangle(frame, face.tl(), face.br(), paint, -1);
        Scalar ridge = new Scalar(paint.val[0] * 0.6, paint.val[1] * 0.6, paint.val[2] * 0.6);
        for (int x = face.x + 10; x < face.x + face.width; x += 26) {                                // corrugation
            Imgproc.line(frame, new Point(x, face.y + 4), new Point(x, face.y + face.height - 4), ridge, 4);
        }
        Imgproc.putText(frame, containerNo, new Point(face.x + 30, face.y + 80), Imgproc.FONT_HERSHEY_SIMPLEX, 1.7,
                new Scalar(245, 245, 245), 4);
        Imgproc.putText(frame, "22G1", new Point(face.x + 30, face.y + 140), Imgproc.FONT_HERSHEY_SIMPLEX, 1.4,
                new Scalar(245, 245, 245), 3);
        Rect plateBox = new Rect(250 + dx / 2, 290 + dy / 2, 150, 44);
        Imgproc.rectangle(frame, plateBox.tl(), plateBox.br(), new Scalar(235, 235, 235), -1);
        Imgproc.rectangle(frame, plateBox.tl(), plateBox.br(), new Scalar(20, 20, 20), 2);
        Imgproc.putText(frame, plate, new Point(plateBox.x + 8, plateBox.y + 31), Imgproc.FONT_HERSHEY_SIMPLEX, 0.8,
                new Scalar(20, 20, 20), 2);
        return withNoise(frame, 4, random);
    }

    /** The same scene at night without infrared: a little light from the gate's lamps, and more noise. */
    static Mat night(Mat frame, double light, long seed) {
        Mat dark = new Mat();
        frame.convertTo(dark, -1, light, 0);
        return withNoise(dark, 3, new Random(seed));
    }

    /** A covered lens: nothing but the sensor's noise over a near-black level. */
    static Mat covered(double level, long seed) {
        OpenCvLibrary.load();
        Mat frame = new Mat(HEIGHT, WIDTH, CvType.CV_8UC3, new Scalar(level, level, level));
        return withNoise(frame, 2, new Random(seed));
    }

    /** Out of focus: a Gaussian blur of {@code sigma} pixels. */
    static Mat blurred(Mat frame, double sigma) {
        Mat soft = new Mat();
        Imgproc.GaussianBlur(frame, soft, new Size(0, 0), sigma);
        return soft;
    }

    /** Glare or haze: the scene's contrast times {@code keep}, lifted towards {@code veil}. */
    static Mat washedOut(Mat frame, double keep, double veil) {
        Mat washed = new Mat();
        frame.convertTo(washed, -1, keep, veil * (1 - keep));
        return washed;
    }

    /** {@code frame} as the camera sends it: JPEG at {@code quality}, decoded again. */
    static Mat jpeg(Mat frame, int quality) {
        return CameraImages.decode(jpegBytes(frame, quality)).image();
    }

    static byte[] jpegBytes(Mat frame, int quality) {
        MatOfByte bytes = new MatOfByte();
        Imgcodecs.imencode(".jpg", frame, bytes, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
        return bytes.toArray();
    }

    private static Mat withNoise(Mat frame, double sigma, Random random) {
        Mat noise = new Mat(frame.size(), CvType.CV_16SC3);
        Core.setRNGSeed(random.nextInt());
        Core.randn(noise, 0, sigma);
        Mat noisy = new Mat();
        Core.add(frame, noise, noisy, new Mat(), CvType.CV_8UC3);
        noise.release();
        frame.release();
        return noisy;
    }
}
