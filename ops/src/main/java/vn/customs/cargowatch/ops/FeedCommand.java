package vn.customs.cargowatch.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.customs.cargowatch.connectors.files.ByteLines;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.config.ConfigFile;

/**
 * Publishes input files to their Kafka topics, all topics merged in event-time order, keyed as the contract
 * says, at a chosen rate — so a live stack can be watched filling up. Lines are sent as they are, bad ones
 * too, byte for byte (a line that is not UTF-8 included): the pipeline is the one to dead-letter them. A record
 * Kafka refuses (one larger than the topic takes) is not dropped in silence: the command ends with one line
 * saying how many were refused, and exit code 2.
 */
@Command(name = "feed", mixinStandardHelpOptions = true,
        description = "Publish <topic>.jsonl input files (e.g. from 'simulate') to Kafka in event-time order.")
final class FeedCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "folder of <topic>.jsonl files")
    Path from;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "RECORDS_PER_SECOND",
            description = "records per second; 0 (default) sends as fast as Kafka takes them")
    double rate;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (kafka.bootstrapServers)")
    Path config;

    /** One line of a file: where it goes, when it happened, its key, its bytes as they are. */
    record Line(Topic<?> topic, long ts, String key, byte[] value) {}

    @Override
    public Integer call() throws Exception {
        if (rate < 0) {
            throw new UserError("--rate must not be negative");
        }
        ReplayCommand.checkInput(from);
        List<Line> lines = lines(from);
        String brokers = ConfigFile.settings(config).kafka().bootstrapServers();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            send(lines, producer, rate);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new UserError("cannot publish to Kafka at " + brokers + ": " + e.getMessage()
                    + " (is the stack up? ./cargowatch stack up)");
        }
        System.out.printf("Sent %d records to Kafka at %s in %.1f s%n", lines.size(), brokers,
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /**
     * The lines of the folder's input files: reference data first (it has no time), then everything in event-time
     * order, stable within a topic. Time and key are read leniently from each line: they only order and partition
     * it.
     */
    static List<Line> lines(Path from) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (Topic<?> topic : Topic.INPUTS) {
            Path file = from.resolve(topic.fileName());
            if (Files.isRegularFile(file)) {
                for (byte[] value : ByteLines.read(file)) {
                    String text = new String(value, StandardCharsets.UTF_8);
                    lines.add(new Line(topic, Json.eventTimeOf(text), Json.textOf(text, topic.keyField()), value));
                }
            }
        }
        lines.sort(Comparator.comparingLong(Line::ts));
        return lines;
    }

    /** Sends every line at {@code rate} records per second (0: as fast as Kafka takes them), then waits for Kafka. */
    static void send(List<Line> lines, Producer<String, byte[]> producer, double rate) throws InterruptedException {
        AtomicInteger refused = new AtomicInteger();
        AtomicReference<String> firstRefusal = new AtomicReference<>();
        long started = System.nanoTime();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            producer.send(new ProducerRecord<>(line.topic().name(), line.key(), line.value()), (sent, failure) -> {
                if (failure != null && refused.getAndIncrement() == 0) {
                    firstRefusal.set(line.topic() + ", " + line.value().length + " bytes: " + failure.getMessage());
                }
            });
            if (rate > 0) {
                long due = started + (long) ((i + 1) * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            if ((i + 1) % 10_000 == 0) {
                System.out.println("  " + (i + 1) + " of " + lines.size() + " records sent");
            }
        }
        producer.flush();
        if (refused.get() > 0) {
            throw new UserError("Kafka refused " + refused.get() + " of " + lines.size() + " records, the others were "
                    + "sent; the first refused: " + firstRefusal.get());
        }
    }
}
