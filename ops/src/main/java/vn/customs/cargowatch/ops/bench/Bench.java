package vn.customs.cargowatch.ops.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import vn.customs.cargowatch.connectors.files.ByteLines;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.Cargowatch;
import vn.customs.cargowatch.ops.simulator.SealTrafficSimulator;
import vn.customs.cargowatch.servers.CargowatchHome;

/**
 * What {@code ./cargowatch bench} measures, and how. Every throughput figure is marginal: the same program is run on
 * a smaller and a larger simulated day, each in a JVM of its own ({@link ChildRun}), and the difference in CPU (and
 * wall) time is divided by the difference in fixes — so that starting a JVM and a Flink cluster does not count. Four
 * programs, on the same files:
 * <ul>
 *   <li><b>pipeline</b>: {@code replay}, the whole job in embedded mode, files in, every output written;</li>
 *   <li><b>floor</b>: {@link Floor}, the same input records read and the same output records written, without Flink;</li>
 *   <li><b>Flink's floor</b>: {@link FlinkFloor}, the fixes alone through the least a Flink job deciding as this one
 *       must do: keyed by seal, held to event-time order, written;</li>
 *   <li><b>peer</b>: the five seal rules on Kafka Streams ({@code ops/bench}), checked to raise the same alerts.</li>
 * </ul>
 * Then the state per trip under way ({@link StateSize}) and, on a stack of its own, latency ({@link Latency}).
 */
public final class Bench {

    /** The peer's entry point and its comparison of two alert files, in the bench-only module. */
    private static final String PEER = "vn.customs.cargowatch.bench.PeerMain";
    private static final String PEER_COMPARISON = "vn.customs.cargowatch.bench.PeerComparison";

    private final Path work;
    private final long seed;
    private final PrintStream out;

    public Bench(Path work, long seed, PrintStream out) {
        this.work = work;
        this.seed = seed;
        this.out = out;
    }

    /** A run of one program on the smaller and the larger day. */
    record Pair(ChildRun.Measured small, ChildRun.Measured large) {}

    /** @param latency how to feed the stack for the latency; null: no stack, no latency */
    public Map<String, Object> run(int smallTrips, int largeTrips, int activeTrips, Latency.Options latency)
            throws Exception {
        Path small = simulate(smallTrips);
        Path large = simulate(largeTrips);
        long smallFixes = ByteLines.count(small.resolve(Topic.SEAL_FIXES.fileName()));
        long largeFixes = ByteLines.count(large.resolve(Topic.SEAL_FIXES.fileName()));
        out.printf("Simulated %d and %d trips (seed %d): %,d and %,d fixes, in %s%n", smallTrips, largeTrips, seed,
                smallFixes, largeFixes, work);
        Path config = Files.writeString(work.resolve("bench.yaml"), "metrics:\n  port: off\n");

        out.println("Pipeline (replay, embedded Flink) ...");
        Pair pipeline = new Pair(pipeline(small, config), pipeline(large, config));
        out.println("Floor (the same records read and written, no Flink) ...");
        Pair floor = new Pair(floor(small), floor(large));
        out.println("Flink's floor (the fixes keyed by seal, in event-time order, written; no rule) ...");
        Pair flinkFloor = new Pair(flinkFloor(small), flinkFloor(large));
        Path peerClasspath = peerClasspath();
        Pair peer = null;
        String peerAlerts = "not built";
        if (peerClasspath != null) {
            out.println("Peer (the five seal rules on Kafka Streams) ...");
            peer = new Pair(peer(small, peerClasspath), peer(large, peerClasspath));
            peerAlerts = compare(large, peerClasspath);
        }

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("trips", Map.of("small", smallTrips, "large", largeTrips));
        figures.put("fixes", Map.of("small", smallFixes, "large", largeFixes));
        long fixes = largeFixes - smallFixes;
        Map<String, Double> pipelineFigures = marginal(pipeline, fixes);
        Map<String, Double> floorFigures = marginal(floor, fixes);
        figures.put("pipeline", pipelineFigures);
        figures.put("floor", floorFigures);
        figures.put("flink_floor", marginal(flinkFloor, fixes));
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("pipeline_to_floor", ratio(floorFigures, pipelineFigures));
        if (peer != null) {
            Map<String, Double> peerFigures = marginal(peer, fixes);
            figures.put("peer", peerFigures);
            ratios.put("pipeline_to_peer", ratio(peerFigures, pipelineFigures));
        }
        figures.put("peer_alerts", peerAlerts);
        out.println("Gate cameras' images (loaded and measured, one thread) ...");
        figures.put("images", images(small, large, fixes));
        figures.put("ratios", ratios);

        out.printf("State with %,d trips under way ...%n", activeTrips);
        Map<?, ?> state = Floor.result(ChildRun.java(pipelineClasspath(),
                StateSize.class.getName(), List.of("--trips", Integer.toString(activeTrips), "--work",
                        Files.createDirectories(work.resolve("state")).toString()), work.resolve("state.log"),
                List.of("-Xmx" + Math.max(2, activeTrips / 20_000) + "g")).output());
        figures.put("active_trips", activeTrips);
        figures.put("state_bytes_per_active_trip", ((Number) state.get("bytesPerActiveTrip")).doubleValue());
        figures.put("heap_after_full_gc_bytes", ((Number) state.get("heapAfterGcBytes")).longValue());
        if (latency != null) {
            out.printf("Latency on a stack of its own (Kafka, Cassandra, the job as run starts it), %.0f records/s for "
                    + "%s ...%n", latency.recordsPerSecond(), latency.duration());
            figures.put("latency_ms", Latency.onOwnStack(work.resolve("stack"), latency));
        } else {
            figures.put("latency_ms", Map.of());
        }
        print(figures);
        return figures;
    }

    private Path simulate(int trips) {
        Path dir = work.resolve("day-" + trips);
        new SealTrafficSimulator(seed, trips, SealTrafficSimulator.DEMO_DAY).writeTo(dir);
        return dir;
    }

    private ChildRun.Measured pipeline(Path input, Path config) throws Exception {
        Path output = input.resolveSibling(input.getFileName() + "-pipeline");
        return ChildRun.java(pipelineClasspath(), Cargowatch.class.getName(), List.of("replay",
                "--input", input.toString(), "--output", output.toString(), "--config", config.toString()),
                work.resolve(input.getFileName() + "-pipeline.log"));
    }

    /** The floor's CPU and wall are those of its measured part, which it times itself. */
    private ChildRun.Measured floor(Path input) throws Exception {
        ChildRun.Measured run = ChildRun.java(pipelineClasspath(), Floor.class.getName(),
                List.of("--input", input.toString(), "--outputs",
                        input.resolveSibling(input.getFileName() + "-pipeline").toString(), "--into",
                        input.resolveSibling(input.getFileName() + "-floor").toString()),
                work.resolve(input.getFileName() + "-floor.log"));
        Map<?, ?> result = Floor.result(run.output());
        return new ChildRun.Measured(((Number) result.get("cpuSeconds")).doubleValue(),
                ((Number) result.get("wallSeconds")).doubleValue(), run.output());
    }

    /**
     * The CPU per image of the larger day's photos, and the share of the pipeline's marginal CPU per fix it accounts
     * for: the images the larger day has more, at that cost, over the fixes it has more.
     */
    private static Map<String, Object> images(Path small, Path large, long fixes) throws Exception {
        Map<String, Object> images = ImageCost.of(large);
        Object perImage = images.get("cpu_ms_per_image");
        long more = ((Number) images.get("images")).longValue() - ImageCost.count(small);
        images.put("cpu_us_per_fix", perImage == null ? null : more * (Double) perImage * 1e3 / fixes);
        return images;
    }

    private ChildRun.Measured flinkFloor(Path input) throws Exception {
        return ChildRun.java(pipelineClasspath(), FlinkFloor.class.getName(), List.of("--input", input.toString(),
                "--output", input.resolveSibling(input.getFileName() + "-flink-floor").toString()),
                work.resolve(input.getFileName() + "-flink-floor.log"));
    }

    private ChildRun.Measured peer(Path input, Path classpath) throws Exception {
        return ChildRun.java(classpath.toString(), PEER, List.of("--input", input.toString(), "--output",
                input.resolveSibling(input.getFileName() + "-peer").toString()),
                work.resolve(input.getFileName() + "-peer.log"));
    }

    /** "same trips, same types" as the peer's own comparison says, or what differs. */
    private String compare(Path input, Path classpath) throws Exception {
        try {
            ChildRun.java(classpath.toString(), PEER_COMPARISON, List.of(
                    input.resolveSibling(input.getFileName() + "-pipeline").toString(),
                    input.resolveSibling(input.getFileName() + "-peer").toString()),
                    work.resolve("peer-comparison.log"));
            return "same trips, same types";
        } catch (IllegalStateException differ) {
            return "DIFFERENT: see " + work.resolve("peer-comparison.log");
        }
    }

    /**
     * The classpath {@code ./cargowatch} runs the pipeline on — the ops jar and its local classpath, Flink included —
     * when the build has made them; else this JVM's own (an IDE, or the ops module's tests). A JVM started from another
     * module (the peer's smoke test) has Flink only as {@code provided} by ops, so not on its own classpath.
     */
    private static String pipelineClasspath() throws IOException {
        Path target = CargowatchHome.root().resolve("ops/target");
        Path local = target.resolve("local-classpath.txt");
        Optional<Path> jar = Files.isRegularFile(local) ? builtJar(target, "cargowatch-ops") : Optional.empty();
        return jar.isPresent() ? jar.get() + File.pathSeparator + Files.readString(local).strip()
                : System.getProperty("java.class.path");
    }

    /** The peer's jar and its libraries, or null when the bench-only module has not been built. */
    private static Path peerClasspath() throws IOException {
        Path target = CargowatchHome.root().resolve("ops/bench/target");
        if (!Files.isDirectory(target.resolve("lib"))) {
            return null;
        }
        return builtJar(target, "cargowatch-bench-peer")
                .map(jar -> Path.of(jar + File.pathSeparator + target.resolve("lib") + "/*")).orElse(null);
    }

    /** The jar Maven packaged for {@code artifact} in {@code target} (not the shaded job jar beside it). */
    private static Optional<Path> builtJar(Path target, String artifact) throws IOException {
        return CargowatchHome.builtJar(target, artifact + "-[^-]+(-SNAPSHOT)?\\.jar");
    }

    /**
     * Marginal figures: the larger run less the smaller, per fix. A difference that is not positive — the larger day
     * took no longer than the smaller, which JVM start-up noise does to days of a few dozen trips — measures nothing:
     * the figure is null (written as JSON null, shown as —), never a negative rate.
     */
    static Map<String, Double> marginal(Pair pair, long fixes) {
        double cpu = pair.large().cpuSeconds() - pair.small().cpuSeconds();
        double wall = pair.large().wallSeconds() - pair.small().wallSeconds();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("fixes_per_s", wall > 0 ? fixes / wall : null);
        figures.put("cpu_us_per_fix", cpu > 0 ? cpu * 1e6 / fixes : null);
        figures.put("cpu_s_small", pair.small().cpuSeconds());
        figures.put("cpu_s_large", pair.large().cpuSeconds());
        if (cpu > 0 && !Double.isNaN(pair.small().jitSeconds()) && !Double.isNaN(pair.large().jitSeconds())) {
            // of the CPU per fix, what the JIT compiler and the garbage collector took more on the larger day
            figures.put("jit_cpu_us_per_fix", (pair.large().jitSeconds() - pair.small().jitSeconds()) * 1e6 / fixes);
            figures.put("gc_cpu_us_per_fix", (pair.large().gcSeconds() - pair.small().gcSeconds()) * 1e6 / fixes);
        }
        return figures;
    }

    @SuppressWarnings("unchecked")
    private void print(Map<String, Object> figures) {
        out.println();
        out.printf("%-34s %14s %14s%n", "", "fixes/s (wall)", "CPU µs per fix");
        Map<String, Double> pipeline = (Map<String, Double>) figures.get("pipeline");
        row("pipeline (replay, embedded Flink)", pipeline);
        if (pipeline.get("jit_cpu_us_per_fix") != null) {
            double jit = pipeline.get("jit_cpu_us_per_fix");
            double gc = pipeline.get("gc_cpu_us_per_fix");
            out.printf("  of its CPU per fix: JIT compiler %.1f µs, garbage collector %.1f µs, the job and the rest %.1f "
                    + "µs%n", jit, gc, pipeline.get("cpu_us_per_fix") - jit - gc);
        }
        row("floor (I/O alone, no Flink)", (Map<String, Double>) figures.get("floor"));
        row("Flink's floor (keyed, in order)", (Map<String, Double>) figures.get("flink_floor"));
        Map<String, Object> images = (Map<String, Object>) figures.get("images");
        if (images.get("cpu_ms_per_image") != null) {
            out.printf("gate cameras' images: %.1f ms of CPU each (%d on the larger day), %.1f µs of the pipeline's CPU "
                    + "per fix%n", images.get("cpu_ms_per_image"), images.get("images"), images.get("cpu_us_per_fix"));
        }
        if (figures.containsKey("peer")) {
            row("peer (Kafka Streams, 5 rules)", (Map<String, Double>) figures.get("peer"));
        }
        Map<String, Double> ratios = (Map<String, Double>) figures.get("ratios");
        out.printf("pipeline/floor %s (target ≥ 0.33)", shown(ratios.get("pipeline_to_floor"), "%.2f"));
        if (ratios.containsKey("pipeline_to_peer")) {
            out.printf("; pipeline/peer %s (target > 1); peer's alerts: %s",
                    shown(ratios.get("pipeline_to_peer"), "%.2f"), figures.get("peer_alerts"));
        }
        out.println();
        if (Stream.of("pipeline", "floor", "flink_floor", "peer").map(figures::get)
                .anyMatch(run -> run != null && ((Map<?, ?>) run).containsValue(null))) {
            out.println("—: the larger day took no longer than the smaller, so the difference measures nothing; "
                    + "measure on more trips (--trips 200 or more)");
        }
        out.printf("state per active trip: %,.0f B with %,d trips under way (target ≤ 8 KB); heap after a full GC "
                + "%,.0f MB%n", figures.get("state_bytes_per_active_trip"), figures.get("active_trips"),
                ((Number) figures.get("heap_after_full_gc_bytes")).longValue() / 1e6);
        Map<String, ?> latency = (Map<String, ?>) figures.get("latency_ms");
        if (latency.isEmpty()) {
            out.println("latency: not measured (--no-stack)");
        } else {
            out.printf("%-34s %10s %10s %8s%n", "latency, produce to output (ms)", "p50", "p99", "count");
            latency.forEach((output, p) -> {
                Latency.Percentiles percentiles = (Latency.Percentiles) p;
                out.printf("%-34s %,10.0f %,10.0f %8d%s%n", output, percentiles.p50(), percentiles.p99(),
                        percentiles.count(), percentiles.unanswered() > 0
                                ? " (" + percentiles.unanswered() + " unanswered)" : "");
            });
        }
    }

    /** {@code other}'s CPU per fix over the pipeline's, or null when either could not be measured. */
    private static Double ratio(Map<String, Double> other, Map<String, Double> pipeline) {
        Double theirs = other.get("cpu_us_per_fix");
        Double ours = pipeline.get("cpu_us_per_fix");
        return theirs == null || ours == null ? null : theirs / ours;
    }

    private void row(String name, Map<String, Double> figures) {
        out.printf("%-34s %14s %14s%n", name, shown(figures.get("fixes_per_s"), "%,.0f"),
                shown(figures.get("cpu_us_per_fix"), "%.1f"));
    }

    private static String shown(Double figure, String format) {
        return figure == null ? "—" : String.format(format, figure);
    }
}
