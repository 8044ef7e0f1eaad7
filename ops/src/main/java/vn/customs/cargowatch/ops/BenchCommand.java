package vn.customs.cargowatch.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.ops.bench.Bench;
import vn.customs.cargowatch.ops.bench.Latency;

/**
 * {@code ./cargowatch bench}: the pipeline measured against what its I/O alone costs (the floor) and against the same
 * rules on another engine (the peer), on inputs it simulates itself; the state it keeps per trip under way; and, on a
 * real local stack, how long a barrier decision and an alert take from Kafka to Kafka. Prints a table and writes the
 * same figures as JSON. A measurement, never a test: it judges nothing.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the pipeline: fixes/s and CPU per fix against the I/O alone and a Kafka Streams peer, "
                + "state per active trip, and latency on a real local stack.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--trips", defaultValue = "1000", paramLabel = "N",
            description = "trips of the larger simulated day (the smaller has a quarter; default ${DEFAULT-VALUE})")
    int trips;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "the simulator's seed")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the figures as JSON to this file")
    Path out;

    @Option(names = "--no-stack", description = "no latency on the real stack (no Kafka, no Cassandra), and the "
            + "state measured with --active-trips 2000 unless given: the quick run the test suite makes")
    boolean noStack;

    @Option(names = "--active-trips", paramLabel = "N", description = "trips under way when the state is measured "
            + "(default 100000; 2000 with --no-stack)")
    Integer activeTrips;

    @Option(names = "--rate", defaultValue = "100", paramLabel = "RECORDS_PER_SECOND",
            description = "records per second fed to the stack for the latency (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--latency-seconds", defaultValue = "300", paramLabel = "S",
            description = "how long the stack is fed for the latency (default ${DEFAULT-VALUE})")
    int latencySeconds;

    @Override
    public Integer call() throws Exception {
        if (trips < 8) {
            throw new UserError("--trips must be at least 8 (the smaller day has a quarter of them)");
        }
        if (activeTrips != null && activeTrips < 10) {
            throw new UserError("--active-trips must be at least 10");
        }
        if (rate < 1 || rate > 10_000) {
            throw new UserError("--rate must be from 1 to 10000 records per second");
        }
        if (latencySeconds < 30 || latencySeconds > 24 * 3600) {
            throw new UserError("--latency-seconds must be from 30 to 86400");
        }
        if (out != null && Files.isDirectory(out)) {
            throw new UserError("--out " + out + " is a folder; give a file");
        }
        Bench bench = new Bench(Files.createTempDirectory("cargowatch-bench-"), seed, System.out);
        Map<String, Object> figures = bench.run(Math.max(2, trips / 4), trips,
                activeTrips != null ? activeTrips : noStack ? 2_000 : 100_000, noStack ? null
                        : new Latency.Options(rate, Duration.ofSeconds(latencySeconds), Duration.ofSeconds(5), seed));
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // A figure not measured is written as null, its key kept (the codec leaves nulls out of records).
            Files.writeString(out, Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS).writeValueAsString(figures));
            System.out.println("Figures written to " + out.toAbsolutePath());
        }
        return 0;
    }
}
