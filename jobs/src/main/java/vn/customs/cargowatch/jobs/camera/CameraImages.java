package vn.customs.cargowatch.jobs.camera;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import vn.customs.cargowatch.jobs.config.CameraSettings;

/**
 * Loads a recognition's {@code imageUri} (1572 §I.2.2: the camera's photo of the truck) as an OpenCV image: a file
 * path — relative to the image root, the replay's input folder or {@code camera.imageRoot} — a {@code file:} URI, or
 * {@code http(s):} in production. It never throws: what it could not load is a {@link Result} other than OK, counted
 * by the caller as {@code camera_images{result}}, and stands for "no image", never for a failed check.
 */
public final class CameraImages {

    /** How a load ended; the lower-case name is the metric's {@code result} label. */
    public enum Result {
        OK, MISSING, NOT_IMAGE, OVERSIZED, TIMEOUT, UNREACHABLE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An image and how its load ended; {@code image} is null unless OK. The caller releases it. */
    public record Loaded(Result result, Mat image) {
        static Loaded failed(Result result) {
            return new Loaded(result, null);
        }
    }

    private final Path root;
    private final long maxBytes;
    private final Duration timeout;
    private HttpClient http;

    /**
     * @param root     where a relative path is taken from
     * @param maxBytes an image larger than this is OVERSIZED, not read
     * @param timeout  the longest an {@code http(s):} image may take to arrive
     */
    public CameraImages(Path root, long maxBytes, Duration timeout) {
        this.root = root;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        OpenCvLibrary.load();
    }

    /** The images as a job's {@code camera.*} settings have them loaded: root (empty: none), size limit, timeout. */
    public static CameraImages of(CameraSettings settings) {
        return new CameraImages(settings.imageRoot().isEmpty() ? null : Path.of(settings.imageRoot()),
                settings.maxImageBytes(), settings.imageTimeout());
    }

    /** The image {@code imageUri} names, decoded in colour, or why there is none. */
    public Loaded load(String imageUri) {
        if (imageUri == null || imageUri.isBlank()) {
            return Loaded.failed(Result.MISSING);
        }
        byte[] bytes;
        try {
            bytes = imageUri.startsWith("http:") || imageUri.startsWith("https:") ? fetch(URI.create(imageUri))
                    : read(path(imageUri));
        } catch (Oversized oversized) {
            return Loaded.failed(Result.OVERSIZED);
        } catch (NoSuchFileException | IllegalArgumentException missing) {
            return Loaded.failed(Result.MISSING);
        } catch (java.net.http.HttpTimeoutException timedOut) {
            return Loaded.failed(Result.TIMEOUT);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Loaded.failed(Result.TIMEOUT);
        } catch (IOException unreachable) {
            return Loaded.failed(Result.UNREACHABLE);
        }
        return decode(bytes);
    }

    /** {@code bytes} decoded as an image, or NOT_IMAGE. */
    public static Loaded decode(byte[] bytes) {
        OpenCvLibrary.load();
        MatOfByte encoded = new MatOfByte(bytes);
        Mat image = Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_COLOR);
        encoded.release();
        if (image.empty()) {
            image.release();
            return Loaded.failed(Result.NOT_IMAGE);
        }
        return new Loaded(Result.OK, image);
    }

    /** The file {@code imageUri} names: a {@code file:} URI, an absolute path, or a path under the image root. */
    public Path path(String imageUri) {
        if (imageUri.startsWith("file:")) {
            return Path.of(URI.create(imageUri));
        }
        Path path = Path.of(imageUri);
        return path.isAbsolute() || root == null ? path : root.resolve(path);
    }

    private byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (Files.size(file) > maxBytes) {
            throw new Oversized();
        }
        return Files.readAllBytes(file);
    }

    private byte[] fetch(URI uri) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http().send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                throw new NoSuchFileException(uri.toString());
            }
            if (response.statusCode() / 100 != 2) {
                throw new IOException("HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new Oversized();
            }
            return bytes;
        }
    }

    /** One client for every image, also when several threads load at once ({@code CameraImageCheck}). */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    private static final class Oversized extends IOException {
        Oversized() {
            super("larger than the limit");
        }
    }
}
