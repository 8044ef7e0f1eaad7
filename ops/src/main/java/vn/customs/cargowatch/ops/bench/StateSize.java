package vn.customs.cargowatch.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import vn.customs.cargowatch.connectors.files.FileInputs;
import vn.customs.cargowatch.connectors.files.FileOutputs;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.common.UnusedInputs;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.embedded.LocalJobRunner;
import vn.customs.cargowatch.ops.simulator.SealTrafficSimulator;

/**
 * The state the pipeline keeps per trip under way: {@code N} sealed trips registered, activated and reporting (copies
 * of the simulator's registrations, each with its own trip, seal and container), the job held open once it has read
 * them, and a savepoint of it taken; its size divided by the trips under way is the state per active trip, every
 * operator's included (the timeline, the rules' open deadlines, the gates' trips headed to an ICD, the SMS recipients'
 * contacts...). The heap after a full GC, against the same JVM's before the job, is the other measure.
 *
 * <p>Run as {@code StateSize --trips N --work DIR}; prints one JSON line.
 */
public final class StateSize {

    private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");
    /**
     * Two spare seals whose reports (and next trips' registrations) move event time past the trips' records: a
     * topic's time needs two senders, and every topic the timeline reads must move.
     */
    private static final List<String> IDLE_SEALS = List.of("356938035690001", "356938035690002");

    private StateSize() {}

    public static void main(String[] args) throws Exception {
        int trips = Integer.parseInt(args[1]);
        Path work = Path.of(args[3]);
        Path input = work.resolve("in");
        write(trips, input);

        System.gc();
        long heapBefore = heapUsed();
        JobClient job = LocalJobRunner.start(FileInputs.heldOpen(input), new FileOutputs(work.resolve("out")),
                SealSettings.defaults(), GateSettings.defaults(), "cargowatch state size",
                // On the JobManager's storage a savepoint's state travels inline, 5 MB at most: 100,000 trips need
                // files, as a run's checkpoints have.
                Map.of("execution.checkpointing.interval", "1 h", "metrics.reporters", "",
                        "execution.checkpointing.storage", "filesystem",
                        "execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString()));
        try {
            awaitUnused(job, Topic.SEAL_FIXES.name() + "|" + UnusedInputs.Reason.NO_TRIP, IDLE_SEALS.size(),
                    Duration.ofMinutes(30));
            Thread.sleep(3_000); // what the timeline released travels on to the rules
            System.gc();
            long heapAfter = heapUsed();
            Path savepoint = Path.of(job.triggerSavepoint(work.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get().replace("file:", ""));
            long bytes = sizeOf(savepoint);
            System.out.println(Json.write(Map.of("activeTrips", trips, "stateBytes", bytes,
                    "bytesPerActiveTrip", bytes / (double) trips, "heapAfterGcBytes", heapAfter,
                    "heapBeforeJobBytes", heapBefore, "savepoint", savepoint.toString())));
        } finally {
            job.cancel().get();
        }
    }

    /** The trips under way: registered at T0, activated 30 s later, one fix a minute later, from their loading place. */
    static void write(int trips, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<ObjectNode> registrations = new ArrayList<>();
        for (String line : new SealTrafficSimulator(7, 40, T0).generate().get(Topic.SEAL_TRIPS)) {
            JsonNode event = Json.mapper().readTree(line);
            if ("REGISTERED".equals(event.path("type").asText())) {
                registrations.add((ObjectNode) event);
            }
        }
        try (BufferedWriter tripsOut = writer(dir, Topic.SEAL_TRIPS);
                BufferedWriter fixesOut = writer(dir, Topic.SEAL_FIXES)) {
            for (int i = 0; i < trips; i++) {
                ObjectNode registered = registrations.get(i % registrations.size()).deepCopy();
                String tripId = "BENCH-" + i;
                String imei = Long.toString(359_000_000_000_000L + i);
                registered.put("tripId", tripId).put("imei", imei).put("containerNo", String.format("BNCU%07d", i))
                        .put("ts", Times.format(T0)).put("expectedStart", Times.format(T0))
                        .put("expectedEnd", Times.format(T0.plus(Duration.ofHours(6))));
                line(tripsOut, registered);
                line(tripsOut, Json.mapper().createObjectNode().put("tripId", tripId).put("type", "ACTIVATED")
                        .put("ts", Times.format(T0.plusSeconds(30))).put("imei", imei));
                JsonNode origin = registered.path("origin");
                line(fixesOut, fix(imei, T0.plusSeconds(60), origin.path("lat").asDouble(),
                        origin.path("lon").asDouble()));
            }
            for (int minutes : new int[] {3, 6}) {
                for (String imei : IDLE_SEALS) {
                    line(fixesOut, fix(imei, T0.plus(Duration.ofMinutes(minutes)), 20.8428, 106.7685));
                }
            }
            // seal.trips needs its own time to move past its records too: the spare seals' next trips, registered
            ObjectNode template = registrations.get(0);
            for (int i = 0; i < IDLE_SEALS.size(); i++) {
                line(tripsOut, template.deepCopy().put("tripId", "BENCH-SPARE-" + i).put("imei", IDLE_SEALS.get(i))
                        .put("containerNo", String.format("BNSU%07d", i))
                        .put("ts", Times.format(T0.plus(Duration.ofMinutes(6))))
                        .put("expectedStart", Times.format(T0.plus(Duration.ofMinutes(6))))
                        .put("expectedEnd", Times.format(T0.plus(Duration.ofHours(6)))));
            }
        }
    }

    private static ObjectNode fix(String imei, Instant ts, double lat, double lon) {
        return Json.mapper().createObjectNode().put("imei", imei).put("ts", Times.format(ts)).put("lat", lat)
                .put("lon", lon).put("speedKmh", 0.0).put("battery", 90.0);
    }

    private static BufferedWriter writer(Path dir, Topic<?> topic) throws IOException {
        return Files.newBufferedWriter(dir.resolve(topic.fileName()), StandardCharsets.UTF_8);
    }

    private static void line(BufferedWriter out, JsonNode record) throws IOException {
        out.write(Json.mapper().writeValueAsString(record));
        out.newLine();
    }

    private static void awaitUnused(JobClient job, String what, long count, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String name = UnusedInputs.ACCUMULATOR + "|" + what;
        while (System.nanoTime() < deadline) {
            Object value = job.getAccumulators().get().get(name);
            if (value instanceof Long seen && seen >= count) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the job did not read its input within " + within);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long sizeOf(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
