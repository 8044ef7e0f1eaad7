package vn.customs.cargowatch.ops.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import vn.customs.cargowatch.jobs.camera.CameraImages;
import vn.customs.cargowatch.jobs.camera.ImageChecks;

/**
 * What a gate camera's image costs the pipeline (issue 15): each image of a simulated day loaded and measured as
 * {@code CameraImageCheck} does it ({@link CameraImages}, {@link ImageChecks#measure}), one after the other on one
 * thread, timed by that thread's CPU after a first pass that warms the JIT. The images are a branch beside the gate,
 * so this is CPU spent, never time a decision waits; the bench gives it per image and as its share of the pipeline's
 * CPU per fix on the same day.
 */
final class ImageCost {

    private ImageCost() {}

    /** {@code images}, {@code cpu_ms_per_image}; none when the day has no images. */
    static Map<String, Object> of(Path day) throws Exception {
        Path folder = day.resolve("camera.images");
        Map<String, Object> figures = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            figures.put("images", 0);
            return figures;
        }
        List<Path> images;
        try (Stream<Path> files = Files.list(folder)) {
            images = files.sorted().toList();
        }
        // not CameraImages.of(CameraSettings.defaults()): the settings parse with Flink's TimeUtils, and the bench's own
        // JVM has no Flink when the peer's module starts it (BenchSmokeIT); the paths here are absolute, no limit binds
        CameraImages loader = new CameraImages(day, 1L << 30, Duration.ofMinutes(1));
        measureAll(loader, images);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        measureAll(loader, images);
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
        figures.put("images", images.size());
        figures.put("cpu_ms_per_image", images.isEmpty() ? null : cpuMs / images.size());
        return figures;
    }

    /** How many images a day has. */
    static long count(Path day) throws Exception {
        Path folder = day.resolve("camera.images");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    private static void measureAll(CameraImages loader, List<Path> images) {
        for (Path image : images) {
            CameraImages.Loaded loaded = loader.load(image.toString());
            if (loaded.image() != null) {
                ImageChecks.measure(loaded.image());
                loaded.image().release();
            }
        }
    }
}
