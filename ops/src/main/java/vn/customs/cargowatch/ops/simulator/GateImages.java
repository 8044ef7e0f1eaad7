package vn.customs.cargowatch.ops.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import vn.customs.cargowatch.jobs.camera.OpenCvLibrary;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Times;

/**
 * The photos the gate cameras took of the simulated day (1572 §I.2.2), drawn with OpenCV: the rear of the truck, its
 * container door(s) with the owner code and serial painted large, its plate below, the yard behind. Each is a
 * 640×360 JPEG (quality 80, some 30 KB) named after its recognition, {@code camera.images/<eventId>.jpg} in the input
 * folder: the recognition's relative {@code imageUri}, which a replay takes from its input folder.
 *
 * <p>Deterministic: an image's pixels depend only on the seed and its recognition, and OpenCV encodes the same pixels
 * to the same bytes, so the same seed writes byte-identical files. The truck's place, size and colours vary from one
 * photo to the next, so two trucks never look alike to a perceptual hash, and a good photo is well lit (mean grey
 * 80–180), contrasted and sharp. The images of a {@link CameraFault} are what that fault makes of the photo.
 */
public final class GateImages {

    /** The folder of the images inside the input folder. */
    public static final String FOLDER = "camera.images";

    static final int WIDTH = 640;
    static final int HEIGHT = 360;
    private static final int JPEG_QUALITY = 80;
    /** Local hours without daylight in November at Hà Nội: cameras see by their infrared lamps, in grey. */
    private static final LocalTime DAWN = LocalTime.of(6, 15);
    private static final LocalTime DUSK = LocalTime.of(17, 30);

    /** Container paints, darker and lighter ones, in BGR; the painted text takes the contrasting colour. */
    private static final Scalar[] PAINTS = {
        new Scalar(140, 90, 20), new Scalar(40, 40, 160), new Scalar(60, 120, 40), new Scalar(30, 110, 220),
        new Scalar(200, 200, 200), new Scalar(90, 60, 40), new Scalar(170, 150, 60), new Scalar(40, 80, 130),
        new Scalar(210, 180, 120), new Scalar(70, 70, 70)
    };
    private static final Scalar WHITE = new Scalar(245, 245, 245);
    private static final Scalar BLACK = new Scalar(15, 15, 15);

    private final long seed;

    public GateImages(long seed) {
        this.seed = seed;
        OpenCvLibrary.load();
    }

    /** The image a recognition names, relative to the input folder. */
    public static String uriOf(String eventId) {
        return FOLDER + "/" + eventId + ".jpg";
    }

    /** Writes the image of every recognition into {@code dir}'s {@link #FOLDER}. */
    void writeTo(Path dir, List<Recognition> recognitions, List<GateScenario> scenarios, List<CameraFault> faults) {
        Map<String, CameraFault> faultOf = new HashMap<>();
        faults.forEach(fault -> fault.eventIds().forEach(eventId -> faultOf.put(eventId, fault)));
        Map<String, byte[]> lastOfCamera = new HashMap<>();
        try {
            Files.createDirectories(dir.resolve(FOLDER));
            for (int i = 0; i < recognitions.size(); i++) {
                Recognition read = recognitions.get(i);
                CameraFault fault = faultOf.get(read.eventId());
                byte[] jpeg = fault != null && fault.kind() == CameraFault.Kind.FROZEN
                        ? lastOfCamera.get(read.cameraId())
                        : photo(read, scenarios.get(i), fault == null ? null : fault.kind());
                lastOfCamera.put(read.cameraId(), jpeg);
                Files.write(dir.resolve(uriOf(read.eventId())), jpeg);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the gate cameras' images to " + dir.resolve(FOLDER), e);
        }
    }

    /** The JPEG of one recognition as a camera with {@code fault} (null: none) takes it; never FROZEN here. */
    byte[] photo(Recognition read, GateScenario truth, CameraFault.Kind fault) {
        return photo(read, truth.containerNo(), truth.containerNo2(), fault);
    }

    /**
     * The JPEG a camera with {@code fault} (null: none; never FROZEN here) takes of the truck {@code read} reports,
     * carrying {@code containerNo} (and {@code containerNo2}, or null) — the containers really there, which a misread
     * does not change. For tests that stage a camera of their own.
     */
    public byte[] photo(Recognition read, String containerNo, String containerNo2, CameraFault.Kind fault) {
        Random random = new Random(seed * 1_000_003L + read.eventId().hashCode());
        Mat image = scene(read, containerNo, containerNo2, random);
        if (fault == CameraFault.Kind.NIGHT_WITHOUT_INFRARED) {
            image.convertTo(image, -1, 0.04, 0);
        } else if (fault == CameraFault.Kind.COVERED_LENS) {
            image.setTo(new Scalar(38 + random.nextInt(8), 44 + random.nextInt(8), 52 + random.nextInt(8)));
            addTexture(image, random, 6);
            Imgproc.GaussianBlur(image, image, new Size(31, 31), 0);
        } else if (fault == CameraFault.Kind.BLURRED) {
            Imgproc.GaussianBlur(image, image, new Size(41, 41), 0);
        } else if (night(read.ts())) {
            Imgproc.cvtColor(image, image, Imgproc.COLOR_BGR2GRAY);
            Imgproc.cvtColor(image, image, Imgproc.COLOR_GRAY2BGR);
        }
        MatOfByte jpeg = new MatOfByte();
        Imgcodecs.imencode(".jpg", image, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY));
        byte[] bytes = jpeg.toArray();
        jpeg.release();
        image.release();
        return bytes;
    }

    /** The yard, the truck's rear and its container door(s), well lit. */
    private static Mat scene(Recognition read, String containerNo, String containerNo2, Random random) {
        int horizon = 110 + random.nextInt(80);
        Mat image = new Mat(HEIGHT, WIDTH, CvType.CV_8UC3, sky(random));
        Imgproc.rectangle(image, new Point(0, horizon), new Point(WIDTH, HEIGHT), ground(random), -1);
        for (int x = -random.nextInt(60); x < WIDTH; x += 70 + random.nextInt(50)) {
            int top = horizon - 30 - random.nextInt(90);
            Imgproc.rectangle(image, new Point(x, top), new Point(x + 60, horizon), paint(random), -1);
        }
        addTexture(image, random, 30);

        double scale = 0.65 + random.nextDouble() * 0.45;
        int faceWidth = (int) (400 * scale);
        int faceHeight = (int) (230 * scale);
        int left = (WIDTH - faceWidth) / 2 + random.nextInt(241) - 120;
        int top = 15 + random.nextInt(40);
        int bumper = top + faceHeight;
        Imgproc.rectangle(image, new Point(left - 10, bumper), new Point(left + faceWidth + 10, bumper + 22),
                new Scalar(35, 35, 35), -1);
        for (int wheel : new int[] {left + 30, left + 75, left + faceWidth - 75, left + faceWidth - 30}) {
            Imgproc.circle(image, new Point(wheel, bumper + 34), 22, new Scalar(20, 20, 20), -1);
        }
        if (containerNo2 == null) {
            door(image, left, top, faceWidth, faceHeight, containerNo, random);
        } else {
            int half = (faceWidth - 8) / 2;
            door(image, left, top, half, faceHeight, containerNo, random);
            door(image, left + half + 8, top, half, faceHeight, containerNo2, random);
        }
        plate(image, left + faceWidth / 2, bumper + 6, read.plate());
        shadow(image, random);
        return image;
    }

    /** The shade of the gate's canopy, cast over a different part of each photo as the sun moves and trucks stop. */
    private static void shadow(Mat image, Random random) {
        int a = random.nextInt(WIDTH);
        int b = random.nextInt(WIDTH);
        List<Point> corners = switch (random.nextInt(4)) {
            case 0 -> List.of(new Point(0, 0), new Point(a, 0), new Point(b, HEIGHT), new Point(0, HEIGHT));
            case 1 -> List.of(new Point(WIDTH, 0), new Point(a, 0), new Point(b, HEIGHT), new Point(WIDTH, HEIGHT));
            case 2 -> List.of(new Point(0, 0), new Point(WIDTH, 0), new Point(WIDTH, b * HEIGHT / WIDTH),
                    new Point(0, a * HEIGHT / WIDTH));
            default -> List.of(new Point(0, HEIGHT), new Point(WIDTH, HEIGHT), new Point(WIDTH, b * HEIGHT / WIDTH),
                    new Point(0, a * HEIGHT / WIDTH));
        };
        Mat mask = Mat.zeros(image.size(), CvType.CV_8UC1);
        Imgproc.fillPoly(mask, List.of(new MatOfPoint(corners.toArray(new Point[0]))), new Scalar(255));
        Mat shaded = new Mat();
        image.convertTo(shaded, -1, 0.65, 0);
        shaded.copyTo(image, mask);
        shaded.release();
        mask.release();
    }

    /** One container's doors: corrugations, locking bars and the number in two large lines. */
    private static void door(Mat image, int left, int top, int width, int height, String containerNo, Random random) {
        Scalar paint = PAINTS[random.nextInt(PAINTS.length)];
        Scalar ridge = shade(paint, 0.7);
        Scalar text = brightness(paint) > 120 ? BLACK : WHITE;
        Imgproc.rectangle(image, new Point(left, top), new Point(left + width, top + height), paint, -1);
        for (int x = left + 6; x < left + width; x += 12) {
            Imgproc.line(image, new Point(x, top + 4), new Point(x, top + height - 4), ridge, 2);
        }
        for (int bar = 1; bar <= 4; bar++) {
            int x = left + bar * width / 5;
            Imgproc.line(image, new Point(x, top + 8), new Point(x, top + height - 8), shade(paint, 1.35), 5);
        }
        Imgproc.rectangle(image, new Point(left, top), new Point(left + width, top + height), ridge, 4);
        String owner = containerNo.substring(0, 4);
        String serial = containerNo.substring(4, 10) + " " + containerNo.substring(10);
        text(image, owner, left + width / 2, top + height / 3, width * 0.45, text);
        text(image, serial, left + width / 2, top + height * 2 / 3, width * 0.8, text);
    }

    /** The truck's plate, white with black characters; a plate too dirty to read when the camera read none. */
    private static void plate(Mat image, int centre, int top, String plate) {
        Point from = new Point(centre - 70, top);
        Point to = new Point(centre + 70, top + 36);
        if (plate == null) {
            Imgproc.rectangle(image, from, to, new Scalar(50, 70, 90), -1);
            return;
        }
        Imgproc.rectangle(image, from, to, WHITE, -1);
        Imgproc.rectangle(image, from, to, BLACK, 2);
        text(image, plate, centre, top + 18, 128, BLACK);
    }

    /** {@code text} centred on ({@code x}, {@code y}), as large as fits {@code width}. */
    private static void text(Mat image, String text, int x, int y, double width, Scalar colour) {
        int thickness = width > 150 ? 4 : 2;
        int[] baseline = new int[1];
        Size unit = Imgproc.getTextSize(text, Imgproc.FONT_HERSHEY_SIMPLEX, 1.0, thickness, baseline);
        double scale = Math.min(width / unit.width, 2.2);
        Size size = Imgproc.getTextSize(text, Imgproc.FONT_HERSHEY_SIMPLEX, scale, thickness, baseline);
        Imgproc.putText(image, text, new Point(x - size.width / 2, y + size.height / 2),
                Imgproc.FONT_HERSHEY_SIMPLEX, scale, colour, thickness, Imgproc.LINE_AA);
    }

    /**
     * Smooth light and dirt, ±{@code amplitude}/2 grey levels: a coarse grid of random values, enlarged. A random
     * pixel on every pixel would double the files and look no more real.
     */
    private static void addTexture(Mat image, Random random, int amplitude) {
        byte[] values = new byte[40 * 24];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) random.nextInt(amplitude + 1);
        }
        Mat coarse = new Mat(24, 40, CvType.CV_8UC1);
        coarse.put(0, 0, values);
        Mat texture = new Mat();
        Imgproc.resize(coarse, texture, image.size(), 0, 0, Imgproc.INTER_CUBIC);
        Imgproc.cvtColor(texture, texture, Imgproc.COLOR_GRAY2BGR);
        Core.addWeighted(image, 1.0, texture, 1.0, -amplitude / 2.0, image);
        coarse.release();
        texture.release();
    }

    private static Scalar sky(Random random) {
        int light = 205 + random.nextInt(40);
        return new Scalar(light, light - 10, light - 25);
    }

    private static Scalar ground(Random random) {
        int grey = 105 + random.nextInt(40);
        return new Scalar(grey, grey, grey + 5);
    }

    private static Scalar paint(Random random) {
        return PAINTS[random.nextInt(PAINTS.length)];
    }

    private static Scalar shade(Scalar colour, double factor) {
        return new Scalar(Math.min(255, colour.val[0] * factor), Math.min(255, colour.val[1] * factor),
                Math.min(255, colour.val[2] * factor));
    }

    private static double brightness(Scalar bgr) {
        return 0.114 * bgr.val[0] + 0.587 * bgr.val[1] + 0.299 * bgr.val[2];
    }

    private static boolean night(Instant t) {
        LocalTime local = ZonedDateTime.ofInstant(t, Times.VIETNAM).toLocalTime();
        return local.isBefore(DAWN) || !local.isBefore(DUSK);
    }
}
