package vn.customs.cargowatch.ops.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.connectors.kafka.KafkaInputs;
import vn.customs.cargowatch.connectors.kafka.KafkaOutputs;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.jobs.config.Keys;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.Cargowatch;
import vn.customs.cargowatch.ops.RunCommand;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.embedded.LocalJobRunner;
import vn.customs.cargowatch.ops.simulator.LiveTraffic;
import vn.customs.cargowatch.ops.simulator.LiveTraffic.Answer;
import vn.customs.cargowatch.servers.CassandraServer;
import vn.customs.cargowatch.servers.KafkaServer;

/**
 * How long the pipeline takes to answer on the real stack, as {@code run} wires it: from the moment a record is
 * produced to the moment its answer is on its output topic.
 *
 * <p>Contract of {@link #measure}: it starts the pipeline on a local Flink in this JVM reading the given Kafka as
 * {@code run} does (its Kafka sources, its settings and checkpoints; outputs to Kafka and, with {@code cassandra},
 * Cassandra and the SMS as {@code run} has them), with a consumer group of its own reading from the topics' ends.
 * Once the job reads every input it feeds (a broken line on each topic comes back as a dead letter), it sends
 * {@link LiveTraffic}: the opening, then records at a fixed rate for the given time, each stamped with the wall clock
 * at the moment it is produced. It reads the output topics from where they ended before the first record, and
 * answers, per kind of answer, p50 and p99 of (the time its answer reached its topic − the time its record was
 * produced), in milliseconds:
 * <ul>
 *   <li>{@link #BARRIER}: the {@code gate.matches} of an OUT recognition, its first record (the barrier's decision);</li>
 *   <li>{@link #DOOR_OPENED}: the DOOR_OPENED alert of a {@code DOOR_OPEN} event, its first record;</li>
 *   <li>{@link #WRONG_ROUTE}: the WRONG_ROUTE alert of an excursion, from the fix that completes its minimum
 *       duration.</li>
 * </ul>
 * "Reached its topic" is the broker's append time: the output topics it creates take {@code LogAppendTime}; on a
 * topic that keeps the producer's time it is the time this consumer got the record, a little later. One clock: the
 * stack runs on this machine. After the feed it waits for the answers still to come — their event time passes by the
 * wall clock once the feed is quiet — for {@code events.outOfOrderness}, {@code kafka.idleTimeout} and half a minute
 * more; a probe unanswered by then is counted as such, not timed. The job is cancelled at the end.
 *
 * <p>Kafka alone ({@code cassandra} false) times the same path to Kafka: the Cassandra sink is a branch of its own
 * beside the Kafka sink and only slows it by back-pressure, which the rates of a measurement never reach; the bench
 * measures with Cassandra ({@link #onOwnStack}).
 */
public final class Latency {

    public static final String BARRIER = "barrier";
    public static final String DOOR_OPENED = "door_opened";
    public static final String WRONG_ROUTE = "wrong_route";

    private static final Map<Answer, String> NAMES = Map.of(Answer.BARRIER, BARRIER, Answer.DOOR_OPENED, DOOR_OPENED,
            Answer.WRONG_ROUTE, WRONG_ROUTE);
    private static final List<Topic<?>> FED = List.of(Topic.SEAL_FIXES, Topic.SEAL_EVENTS, Topic.SEAL_TRIPS,
            Topic.CAMERA_RECOGNITIONS, Topic.CUSTOMS_DECLARATIONS);
    private static final Duration STARTING = Duration.ofMinutes(3);
    private static final Duration REGISTERING = Duration.ofSeconds(5);
    private static final Duration MARGIN = Duration.ofSeconds(30);
    private static final Duration METADATA = Duration.ofSeconds(30);
    private static final AtomicReference<IllegalStateException> REFUSED = new AtomicReference<>();

    private Latency() {}

    /**
     * Milliseconds from a record's production to its answer on the output topic, over {@code count} answers; {@code
     * unanswered} probes had none by the end (NaN percentiles when none was answered).
     */
    public record Percentiles(double p50, double p99, long count, long unanswered) {

        static Percentiles of(List<Long> millis, long unanswered) {
            List<Long> sorted = millis.stream().sorted().toList();
            return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.99), sorted.size(), unanswered);
        }

        /** Nearest rank: the smallest value with at least {@code quantile} of the values at or below it. */
        private static double rank(List<Long> sorted, double quantile) {
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(quantile * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }

    /**
     * @param recordsPerSecond the fixed rate of the feed
     * @param duration how long to feed
     * @param fixEvery how often each trip reports a fix: the rate decides how many trips that takes
     */
    public record Options(double recordsPerSecond, Duration duration, Duration fixEvery, long seed) {

        public static Options defaults() {
            return new Options(100, Duration.ofMinutes(5), Duration.ofSeconds(5), 7);
        }
    }

    /**
     * Starts its own Kafka and Cassandra (child JVMs, data in {@code work}), applies the schema, measures with
     * Cassandra as {@code run} writes it, and stops them all.
     */
    public static Map<String, Percentiles> onOwnStack(Path work, Options options) throws Exception {
        Files.createDirectories(work);
        try (KafkaServer kafka = KafkaServer.start(work.resolve("kafka"));
                CassandraServer cassandra = CassandraServer.start(work.resolve("cassandra"))) {
            Path config = Files.writeString(work.resolve("latency.yaml"), String.join("\n",
                    "kafka:",
                    "  bootstrapServers: " + kafka.bootstrapServers(),
                    "cassandra:",
                    "  contactPoints: 127.0.0.1:" + cassandra.port(),
                    "  localDatacenter: " + cassandra.localDatacenter(),
                    "  keyspace: cargowatch_latency",
                    "checkpoint:",
                    "  dir: " + work.resolve("checkpoints"),
                    "sms:",
                    "  ledger: " + work.resolve("sms-ledger.jsonl"),
                    "metrics:",
                    "  port: off",
                    ""));
            if (Cargowatch.run("schema", "apply", "--config", config.toString()) != 0) {
                throw new IllegalStateException("the schema could not be applied to the bench's Cassandra");
            }
            return measure(ConfigFile.settings(config), true, options);
        }
    }

    /** See the class comment. */
    public static Map<String, Percentiles> measure(ConfigFile.Settings configured, boolean cassandra, Options options)
            throws Exception {
        ConfigFile.Settings settings = ownReading(configured);
        String kafka = settings.kafka().bootstrapServers();
        RunCommand.createMissingInputTopics(kafka);
        createMissingOutputTopics(kafka);
        Outputs outputs = cassandra ? RunCommand.outputs(settings) : new KafkaOutputs(settings.kafka());
        Answers answers = new Answers(kafka);
        GateSettings gate = RunCommand.cameraFolders(settings);
        JobClient job = LocalJobRunner.start(new KafkaInputs(settings.kafka()), outputs, settings.seal(),
                gate, settings.sms(), "cargowatch latency", RunCommand.flinkSettings(settings, null));
        Map<Answer, Map<String, Long>> probes = new EnumMap<>(Answer.class);
        REFUSED.set(null);
        try (answers; KafkaProducer<String, String> producer = producer(kafka)) {
            awaitReading(producer, answers);
            LiveTraffic traffic = new LiveTraffic(options.seed(),
                    LiveTraffic.tripsFor(options.recordsPerSecond(), options.fixEvery()),
                    settings.seal().wrongRouteMinDuration())
                    .withPhotos(Path.of(gate.camera().evidenceDir()).resolveSibling("photos"));
            for (LiveTraffic.Message message : traffic.opening(Instant.now())) {
                send(producer, message);
            }
            producer.flush();
            Thread.sleep(REGISTERING.toMillis());
            // a door opened is raised at once on a trip known to be active: the trips' activations must have passed
            // event time (the out-of-order bound after the opening) before their doors are timed
            feed(producer, traffic, options, probes, Instant.now().plus(settings.seal().outOfOrderness()));
            if (REFUSED.get() != null) {
                throw REFUSED.get();
            }
            Duration drain = settings.seal().outOfOrderness().plus(settings.kafka().idleTimeout()).plus(MARGIN);
            answers.await(probes, drain);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        Map<String, Percentiles> latency = new LinkedHashMap<>();
        for (Answer answer : Answer.values()) {
            Map<String, Long> sent = probes.getOrDefault(answer, Map.of());
            Map<String, Long> arrived = answers.of(answer);
            List<Long> millis = new ArrayList<>();
            sent.forEach((key, producedAt) -> {
                Long at = arrived.get(key);
                if (at != null) {
                    millis.add(at - producedAt);
                }
            });
            latency.put(NAMES.get(answer), Percentiles.of(millis, sent.size() - millis.size()));
        }
        return latency;
    }

    /** The configuration as given, read by a consumer group of its own from the topics' ends. */
    private static ConfigFile.Settings ownReading(ConfigFile.Settings settings) {
        Map<String, String> values = new HashMap<>(settings.values());
        values.put(Keys.KAFKA_GROUP_ID.name(), "cargowatch-latency-" + System.currentTimeMillis());
        values.put(Keys.KAFKA_START_FROM.name(), "latest");
        return new ConfigFile.Settings(settings.seal(), settings.gate(), settings.sms(), values);
    }

    /** At a fixed rate, each record stamped as it is produced; the probes' production times by answer. */
    private static void feed(KafkaProducer<String, String> producer, LiveTraffic traffic, Options options,
            Map<Answer, Map<String, Long>> probes, Instant doorsTimedFrom) throws Exception {
        long begin = System.nanoTime();
        long interval = Math.round(1e9 / options.recordsPerSecond());
        long end = begin + options.duration().toNanos();
        for (long i = 0; ; i++) {
            long due = begin + i * interval;
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Instant now = Instant.now();
            LiveTraffic.Message message = traffic.next(now);
            if (message.answer() != null
                    && (message.answer() != LiveTraffic.Answer.DOOR_OPENED || now.isAfter(doorsTimedFrom))) {
                probes.computeIfAbsent(message.answer(), answer -> new HashMap<>()).put(message.probe(),
                        now.toEpochMilli());
            }
            send(producer, message);
        }
        producer.flush();
    }

    /** Until a broken line on every fed topic has come back as a dead letter: the job reads them all. */
    private static void awaitReading(KafkaProducer<String, String> producer, Answers answers) throws Exception {
        long deadline = System.nanoTime() + STARTING.toNanos();
        while (!answers.deadLetterTopics().containsAll(FED.stream().map(Topic::name).toList())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline did not read " + FED + " within " + STARTING
                        + " (dead letters seen from " + answers.deadLetterTopics() + ")");
            }
            for (Topic<?> topic : FED) {
                if (!answers.deadLetterTopics().contains(topic.name())) {
                    producer.send(new ProducerRecord<>(topic.name(), null, "{\"latency\": \"are you reading?\""));
                }
            }
            producer.flush();
            Thread.sleep(2_000);
        }
    }

    /** Sends without waiting for Kafka's answer (a record it refuses fails the measurement at its end). */
    private static void send(KafkaProducer<String, String> producer, LiveTraffic.Message message) {
        producer.send(new ProducerRecord<>(message.topic().name(), message.key(), message.line()), (metadata, e) -> {
            if (e != null) {
                REFUSED.compareAndSet(null, new IllegalStateException("Kafka refused a record of " + message.topic(),
                        e));
            }
        });
    }

    private static KafkaProducer<String, String> producer(String kafka) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(properties);
    }

    /** Output topics made here keep the broker's append time, the time a record reached them. */
    private static void createMissingOutputTopics(String kafka) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = Topic.OUTPUTS.stream().map(Topic::name).filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, 1, (short) 1).configs(Map.of("message.timestamp.type",
                            "LogAppendTime"))).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Reads {@code gate.matches}, {@code alerts} and {@code deadletter} from their ends as they were at its start, on
     * a thread of its own, and keeps when each probe's first answer reached its topic.
     */
    private static final class Answers implements AutoCloseable {
        private final Map<Answer, Map<String, Long>> arrived = new ConcurrentHashMap<>();
        private final Set<String> deadLetterTopics = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final Thread thread;

        Answers(String kafka) throws InterruptedException {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
            properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<?> topic : List.of(Topic.GATE_MATCHES, Topic.ALERTS, Topic.DEADLETTER)) {
                partitions.addAll(partitionsOf(consumer, topic));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // where they end now, before anything is sent
            for (Answer answer : Answer.values()) {
                arrived.put(answer, new ConcurrentHashMap<>());
            }
            thread = new Thread(() -> read(consumer), "latency answers");
            thread.setDaemon(true);
            thread.start();
        }

        /** A topic just made may take a moment to show in the metadata. */
        private static List<TopicPartition> partitionsOf(KafkaConsumer<String, String> consumer, Topic<?> topic)
                throws InterruptedException {
            long deadline = System.nanoTime() + METADATA.toNanos();
            while (true) {
                var infos = consumer.partitionsFor(topic.name());
                if (infos != null && !infos.isEmpty() && infos.stream().allMatch(info -> info.leader() != null)) {
                    return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka has no partition of " + topic + " with a leader after "
                            + METADATA.toSeconds() + " s");
                }
                Thread.sleep(200);
            }
        }

        private void read(KafkaConsumer<String, String> consumer) {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        long at = record.timestampType() == TimestampType.LOG_APPEND_TIME ? record.timestamp()
                                : System.currentTimeMillis();
                        keep(record.topic(), record.value(), at);
                    }
                }
            } catch (Exception e) {
                failure.set(e);
            }
        }

        private void keep(String topic, String value, long at) throws Exception {
            if (topic.equals(Topic.DEADLETTER.name())) {
                deadLetterTopics.add(Json.read(value, DeadLetter.class).topic());
            } else if (topic.equals(Topic.GATE_MATCHES.name())) {
                GateMatch match = Json.read(value, GateMatch.class);
                if (match.direction() == Recognition.Direction.OUT) {
                    arrived.get(Answer.BARRIER).putIfAbsent(LiveTraffic.barrierKey(match.eventId()), at);
                }
            } else {
                Alert alert = Json.read(value, Alert.class);
                Answer answer = alert.type() == AlertType.DOOR_OPENED ? Answer.DOOR_OPENED
                        : alert.type() == AlertType.WRONG_ROUTE ? Answer.WRONG_ROUTE : null;
                if (answer != null && alert.tripId() != null && alert.startTs() != null) {
                    arrived.get(answer).putIfAbsent(LiveTraffic.alertKey(alert.tripId(), alert.startTs()), at);
                }
            }
        }

        Set<String> deadLetterTopics() throws Exception {
            rethrow();
            return deadLetterTopics;
        }

        Map<String, Long> of(Answer answer) {
            return arrived.get(answer);
        }

        /** Until every probe is answered, or {@code drain} has passed. */
        void await(Map<Answer, Map<String, Long>> probes, Duration drain) throws Exception {
            long deadline = System.nanoTime() + drain.toNanos();
            while (System.nanoTime() < deadline && !allAnswered(probes)) {
                rethrow();
                Thread.sleep(500);
            }
        }

        private boolean allAnswered(Map<Answer, Map<String, Long>> probes) {
            return probes.entrySet().stream()
                    .allMatch(sent -> arrived.get(sent.getKey()).keySet().containsAll(sent.getValue().keySet()));
        }

        private void rethrow() throws Exception {
            Exception e = failure.get();
            if (e != null) {
                throw new IllegalStateException("reading the answers failed", e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }
}
