package vn.customs.cargowatch.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.customs.cargowatch.ops.InputLines.Line;
import vn.customs.cargowatch.ops.config.ConfigFile;

/**
 * Publishes input files to their Kafka topics, keyed as the contract says, at a chosen rate — so a live stack can be
 * watched filling up. The files are streamed, never loaded: {@link InputLines} says in which order (reference data
 * first, then the topics merged by event time, each file in its own order, an out-of-order file not sorted) and why
 * the memory stays that of one line per file, whatever their size. Lines are sent as they are, bad ones too, byte for
 * byte (a line that is not UTF-8 included): the pipeline is the one to dead-letter them.
 *
 * <p>Every send is checked, with {@code acks=all}: "Sent N records" means Kafka acknowledged all N. A record Kafka
 * refuses on its own (one larger than the topic takes) is counted and the others still go. Any other failure (the
 * broker gone mid-feed, a timeout, no metadata for the topic) stops the feed there: sending on would only wait out the
 * same timeout record by record. Either way the command ends with one line saying how many records were not
 * acknowledged and the first reason, and exit code 2. The waits are bounded ({@link #producerProperties}), so a
 * broker that is down fails the feed in 10 to 30 s rather than hanging it (FeedOutageIT: 10 s after the broker went).
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

    @Override
    public Integer call() throws Exception {
        if (rate < 0) {
            throw new UserError("--rate must not be negative");
        }
        ReplayCommand.checkInput(from);
        String brokers = ConfigFile.settings(config).kafka().bootstrapServers();
        long started = System.nanoTime();
        long sent;
        try (InputLines lines = InputLines.of(from);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(brokers))) {
            sent = send(lines, producer, rate);
        } catch (KafkaException e) {
            throw new UserError("cannot publish to Kafka at " + brokers + ": " + e.getMessage()
                    + " (is the stack up? ./cargowatch stack up)");
        }
        System.out.printf("Sent %d records to Kafka at %s in %.1f s%n", sent, brokers,
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /**
     * Every record acknowledged by all in-sync replicas, and every wait bounded: 10 s for the topic's metadata or room
     * in the buffer, 10 s for a broker's answer, 20 s for a record from its send to its acknowledgement, retries
     * included (Kafka's defaults, a minute to block and two to deliver, would let a dead broker look like a slow feed).
     */
    static Properties producerProperties(String brokers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        return properties;
    }

    /**
     * Sends every line at {@code rate} records per second (0: as fast as Kafka takes them), then waits for Kafka to
     * acknowledge them all; returns how many were sent.
     *
     * @throws UserError when any record was not acknowledged: how many, and the first reason
     */
    static long send(InputLines lines, Producer<String, byte[]> producer, double rate)
            throws IOException, InterruptedException {
        Outcomes outcomes = new Outcomes();
        long sent = 0;
        long started = System.nanoTime();
        Line line = lines.next();
        for (; line != null && !outcomes.stopped(); line = lines.next()) {
            sent++;
            try {
                producer.send(new ProducerRecord<>(line.topic().name(), line.key(), line.value()),
                        outcomes.of(line));
            } catch (KafkaException e) { // thrown rather than called back: the producer cannot go on
                outcomes.failed(line, e, true);
            }
            if (rate > 0) {
                long wait = started + (long) (sent * 1e9 / rate) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            if (sent % 10_000 == 0) {
                System.out.println("  " + sent + " records sent");
            }
        }
        boolean cutShort = line != null;
        if (cutShort) {
            producer.close(Duration.ZERO); // what is still buffered fails now, rather than after its own timeout
        } else {
            producer.flush();
        }
        long unacknowledged = sent - outcomes.acknowledged.get();
        if (unacknowledged > 0) {
            String first = outcomes.firstFailure.get();
            String reason = first != null ? first : "no answer from Kafka";
            throw new UserError(outcomes.stopped()
                    ? "Kafka did not acknowledge " + unacknowledged + " of the " + sent + " records sent"
                            + (cutShort ? ", so the feed stopped there, before the rest of the input" : "")
                            + "; the first failure: " + reason
                    : "Kafka refused " + unacknowledged + " of " + sent + " records, the others were sent; the "
                            + "first refused: " + reason);
        }
        return sent;
    }

    /** What Kafka answered to the sends: how many it acknowledged, the first failure, and whether to stop. */
    private static final class Outcomes {

        final AtomicLong acknowledged = new AtomicLong();
        final AtomicReference<String> firstFailure = new AtomicReference<>();
        private volatile boolean stop;

        /** The callback of {@code line}'s send: Kafka's producer calls it once, on success or failure. */
        Callback of(Line line) {
            return (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.incrementAndGet();
                } else {
                    failed(line, failure, !refusedOnItsOwn(failure));
                }
            };
        }

        void failed(Line line, Exception failure, boolean stopping) {
            firstFailure.compareAndSet(null, line.topic() + ", " + line.value().length + " bytes: "
                    + failure.getMessage() + (failure instanceof TimeoutException
                            ? " (is Kafka up? ./cargowatch stack status)" : ""));
            if (stopping) {
                stop = true;
            }
        }

        boolean stopped() {
            return stop;
        }

        /** A failure of this record alone: the broker is there and takes the others. */
        private static boolean refusedOnItsOwn(Exception failure) {
            return failure instanceof RecordTooLargeException || failure instanceof InvalidRecordException;
        }
    }
}
