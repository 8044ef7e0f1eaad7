package vn.customs.cargowatch.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * The benchmark's peer end to end: reads a folder of the simulator's input files ({@code seal.trips},
 * {@code seal.fixes}, {@code seal.events}, {@code geo.ignore-zones} {@code .jsonl}; a missing file is an empty topic),
 * runs them through {@link SealRulesTopology} on Kafka Streams' {@link TopologyTestDriver} (no broker), writes
 * {@code alerts.jsonl} and {@code deadletter.jsonl} into the output folder, and prints one JSON line of counts:
 * {@code {"fixes":…,"sealEvents":…,"tripEvents":…,"ignoreZones":…,"alerts":…,"deadLetters":…,"millis":…}}
 * ({@code millis}: the run inside the JVM — building the topology, feeding it, writing its outputs — without the JVM's
 * start).
 *
 * <p>The records go in as a producer would publish them live: the ignore zones first (reference data), then the three
 * seal files merged in event-time order (trips before seal events before fixes at one instant), each record keyed by
 * its IMEI and stamped with its event time, its line as the value. Within a file the order is the file's, so a fix the
 * simulator sends late arrives late. Usage mistakes are one line on stderr and exit code 2.
 */
public final class PeerMain {

    /** What one run read and wrote. */
    public record Counts(long fixes, long sealEvents, long tripEvents, long ignoreZones, long alerts, long deadLetters,
            long millis) {}

    private static final String USAGE = "usage: PeerMain --input DIR --output DIR";
    private static final int DRAIN_EVERY = 4096;

    private PeerMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path input = null;
        Path output = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if ((option.equals("--input") || option.equals("--output")) && i + 1 < args.length) {
                Path value = Path.of(args[++i]);
                if (option.equals("--input")) {
                    input = value;
                } else {
                    output = value;
                }
            } else {
                err.println("peer: " + (option.startsWith("--") ? "option " + option + " needs a value or is unknown"
                        : "unexpected argument " + option) + " (" + USAGE + ")");
                return 2;
            }
        }
        if (input == null || output == null) {
            err.println("peer: missing " + (input == null ? "--input" : "--output") + " (" + USAGE + ")");
            return 2;
        }
        if (!Files.isDirectory(input)) {
            err.println("peer: the input folder " + input + " does not exist");
            return 2;
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            err.println("peer: the output " + output + " is a file, not a folder");
            return 2;
        }
        try {
            out.println(Json.write(replay(input, output, PeerSettings.DEFAULTS)));
            return 0;
        } catch (IOException | UncheckedIOException e) {
            err.println("peer: " + e.getMessage());
            return 1;
        }
    }

    /** Runs the folder {@code input} through the peer and writes its outputs into {@code output}. */
    static Counts replay(Path input, Path output, PeerSettings settings) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(output);
        try (TopologyTestDriver driver = new TopologyTestDriver(SealRulesTopology.build(settings), driverConfig());
                Output alerts = new Output(driver, Topic.ALERTS, output);
                Output deadLetters = new Output(driver, Topic.DEADLETTER, output)) {
            StringSerializer strings = new StringSerializer();
            long zones = 0;
            try (BufferedReader reader = open(input.resolve(Topic.IGNORE_ZONES.fileName()))) {
                TestInputTopic<String, String> topic =
                        driver.createInputTopic(Topic.IGNORE_ZONES.name(), strings, strings);
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    topic.pipeInput(Json.textOf(line, "zoneId"), line, 0L);
                    zones++;
                }
            }
            List<Feed> feeds = new ArrayList<>();
            try {
                for (Topic<?> topic : List.of(Topic.SEAL_TRIPS, Topic.SEAL_EVENTS, Topic.SEAL_FIXES)) {
                    feeds.add(new Feed(open(input.resolve(topic.fileName())),
                            driver.createInputTopic(topic.name(), strings, strings)));
                }
                long piped = 0;
                long lastTime = 0;
                for (Feed next = earliest(feeds); next != null; next = earliest(feeds)) {
                    // A line without a time of its own is published at the feed's current time, to be dead-lettered.
                    lastTime = next.time == Long.MIN_VALUE ? lastTime : Math.max(0, next.time);
                    next.topic.pipeInput(Json.textOf(next.line, "imei"), next.line, lastTime);
                    next.advance();
                    if (++piped % DRAIN_EVERY == 0) {
                        alerts.drain();
                        deadLetters.drain();
                    }
                }
            } finally {
                for (Feed feed : feeds) {
                    feed.reader.close();
                }
            }
            alerts.drain();
            deadLetters.drain();
            return new Counts(feeds.get(2).count, feeds.get(1).count, feeds.get(0).count, zones, alerts.written,
                    deadLetters.written, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The test driver's configuration: it connects to nothing, and its stores are the topology's in-memory ones. */
    static Properties driverConfig() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "cargowatch-peer");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        // The feed already merges the three topics in time order: the task need not wait until every partition has data
        // before it takes the oldest record (the driver hands it one record at a time).
        config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        return config;
    }

    /** The feed whose next line is earliest; at one instant the first in the list (trips, events, fixes). */
    private static Feed earliest(List<Feed> feeds) {
        Feed earliest = null;
        for (Feed feed : feeds) {
            if (feed.line != null && (earliest == null || feed.time < earliest.time)) {
                earliest = feed;
            }
        }
        return earliest;
    }

    private static BufferedReader open(Path file) throws IOException {
        return Files.exists(file)
                ? new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)
                : new BufferedReader(java.io.Reader.nullReader());
    }

    /** One input file, read a line ahead so that the files can be merged by time. */
    private static final class Feed {
        final BufferedReader reader;
        final TestInputTopic<String, String> topic;
        String line;
        long time;
        long count;

        Feed(BufferedReader reader, TestInputTopic<String, String> topic) {
            this.reader = reader;
            this.topic = topic;
            advance();
        }

        void advance() {
            try {
                line = reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line != null) {
                time = Json.eventTimeOf(line);
                count++;
            }
        }
    }

    /** An output topic of the driver, drained into {@code <topic>.jsonl} as the records come. */
    private static final class Output implements AutoCloseable {
        final TestOutputTopic<String, byte[]> topic;
        final OutputStream file;
        long written;

        Output(TopologyTestDriver driver, Topic<?> topic, Path folder) throws IOException {
            this.topic = driver.createOutputTopic(topic.name(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            this.file = new BufferedOutputStream(Files.newOutputStream(folder.resolve(topic.fileName())), 1 << 16);
        }

        void drain() throws IOException {
            for (byte[] value : topic.readValuesToList()) {
                file.write(value);
                file.write('\n');
                written++;
            }
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
