package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.connectors.kafka.KafkaInputs;
import vn.customs.cargowatch.connectors.kafka.KafkaOutputs;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.embedded.LocalJobRunner;
import vn.customs.cargowatch.servers.KafkaServer;

/**
 * One record must never stop the job or skew its clock (issue 10): a simulated day with every poison pill of {@link
 * PoisonedDay} mixed in gives, on the replay and on Kafka, the same alerts as the day without them — the same ids,
 * the same emissions in the same order, the same actions applied — and the same gate matches; the job finishes
 * (replay) or keeps running (Kafka, where a failure is not hidden by a restart); every bad line is in {@code
 * deadletter}, once, with its reason and a payload that is the line as received (base64 when it is no UTF-8, cut at
 * 64 KB), no dead letter is larger than 70 KB, and no valid record was dead-lettered that the clean day did not
 * dead-letter (no LATE). The seal whose clock runs four hours ahead is taken at its word: its trip, silent for
 * customs from activation to arrival, has one SIGNAL_LOST; the rest of the fleet notices nothing.
 *
 * <p>On Kafka the pipeline runs as {@code run} wires it, reading the input topics of a real broker, but writes Kafka
 * only ({@link KafkaOutputs}): Cassandra and the SMS sinks take what the alerts topic shows, and the production path
 * test covers them. Each day (clean, poisoned) has a broker of its own, since the topics' names are the contract's,
 * and is compared with the other run on Kafka: where a topic's time ends depends on how the input ends, which
 * differs between a replay and a live topic.
 */
class PoisonPillIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** The most a dead letter may weigh: its payload is cut at 64 KB, its reason quotes at most 100 characters. */
    private static final int MAX_DEAD_LETTER_BYTES = 70 * 1024;
    /**
     * A partition counts as idle after 10 s without a record, as in {@link ProductionPathIT}: the outputs have settled
     * when every input was read (its offsets committed) and no output has changed for longer than that since.
     */
    private static final String IDLE_TIMEOUT = "10 s";
    private static final Duration QUIET = Duration.ofSeconds(20);
    /** Large enough for the 2 MB record, keyed by its 2 MB imei as {@code feed} would key it. */
    private static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    @TempDir
    static Path work;

    private static PoisonedDay day;

    @BeforeAll
    static void poisonedDay() {
        day = PoisonedDay.build();
    }

    @Test
    void shouldReplayThePoisonedDayToTheAlertsOfTheCleanDay() throws Exception {
        Outcome clean = replay("clean", day.writeClean(work.resolve("clean-day")));
        Outcome poisoned = replay("poisoned", day.writePoisoned(work.resolve("poisoned-day")));

        assertLikeTheCleanDay(clean, poisoned);
    }

    @Test
    void shouldRunThePoisonedDayOnKafkaToTheAlertsOfTheCleanDay() throws Exception {
        Outcome clean = onKafka("clean", day.cleanMessages());
        Outcome poisoned = onKafka("poisoned", day.poisonedMessages());

        assertLikeTheCleanDay(clean, poisoned);
    }

    // ---- what a run gave ----

    /** Each alert's emissions in order, the actions applied, the gate matches (as JSON, sorted), the dead letters. */
    private record Outcome(Map<String, List<Alert>> alerts, List<String> history, List<String> gateMatches,
            List<DeadLetter> deadLetters) {

        static Outcome of(List<Alert> alerts, List<AlertHistoryEntry> history, List<GateMatch> gateMatches,
                List<DeadLetter> deadLetters) {
            Map<String, List<Alert>> emissions = new TreeMap<>();
            alerts.forEach(alert -> emissions.computeIfAbsent(alert.alertId(), id -> new ArrayList<>()).add(alert));
            return new Outcome(emissions, sorted(history), sorted(gateMatches), deadLetters);
        }

        private static List<String> sorted(List<?> records) {
            return records.stream().map(Json::write).sorted().toList();
        }
    }

    private static Outcome replay(String name, Path input) throws Exception {
        Path output = work.resolve(name + "-replay");
        assertThat(Cargowatch.run("replay", "--input", input.toString(), "--output", output.toString()))
                .as("the replay of the %s day finishes", name).isZero();
        OutputFolder out = new OutputFolder(output);
        return Outcome.of(out.records(Topic.ALERTS), out.records(Topic.ALERTS_HISTORY), out.records(Topic.GATE_MATCHES),
                out.deadLetters());
    }

    // ---- the comparison ----

    private static void assertLikeTheCleanDay(Outcome clean, Outcome poisoned) {
        assertThat(clean.alerts()).as("the clean day's alerts").hasSizeGreaterThan(30);
        assertThat(clean.history()).as("the supervisors' actions, applied").hasSize(3);
        assertThat(clean.gateMatches()).as("the clean day's gate matches").hasSizeGreaterThan(300);

        Map<String, List<Alert>> fleet = new TreeMap<>(poisoned.alerts());
        fleet.values().removeIf(emissions -> PoisonedDay.AHEAD_TRIP.equals(emissions.get(0).tripId()));
        assertThat(differences(clean.alerts(), fleet)).as("alerts of the poisoned day unlike the clean day's")
                .isEmpty();
        assertThat(poisoned.history()).as("the actions applied").isEqualTo(clean.history());
        assertThat(poisoned.gateMatches()).as("the gate matches").isEqualTo(clean.gateMatches());

        List<List<Alert>> ahead = poisoned.alerts().values().stream()
                .filter(emissions -> PoisonedDay.AHEAD_TRIP.equals(emissions.get(0).tripId())).toList();
        assertThat(ahead).as("the alerts of the trip whose seal runs %s ahead", PoisonedDay.AHEAD).singleElement()
                .satisfies(emissions -> {
                    Alert last = emissions.get(emissions.size() - 1);
                    assertThat(last.type()).isEqualTo(AlertType.SIGNAL_LOST);
                    assertThat(last.startTs()).as("silent from its activation").isEqualTo(PoisonedDay.AHEAD_ACTIVATED);
                    assertThat(last.endTs()).as("to its arrival: its fixes are stamped after it")
                            .isEqualTo(PoisonedDay.AHEAD_ARRIVED);
                });

        assertDeadLettered(clean, poisoned);
    }

    /** Alert ids in one run only, and those emitted differently, each with its emissions in both. */
    private static List<String> differences(Map<String, List<Alert>> clean, Map<String, List<Alert>> poisoned) {
        List<String> differences = new ArrayList<>();
        clean.forEach((id, emissions) -> {
            if (!emissions.equals(poisoned.get(id))) {
                differences.add(id + ": clean " + emissions.stream().map(Json::write).toList() + ", poisoned "
                        + (poisoned.get(id) == null ? "none" : poisoned.get(id).stream().map(Json::write).toList()));
            }
        });
        poisoned.forEach((id, emissions) -> {
            if (!clean.containsKey(id)) {
                differences.add(id + ": poisoned only " + emissions.stream().map(Json::write).toList());
            }
        });
        return differences;
    }

    /**
     * Each bad line has one dead letter, found by its payload, with its reason; the valid ones (the repeated
     * declaration, the seal ahead) none; the rest of the dead letters are the clean day's.
     */
    private static void assertDeadLettered(Outcome clean, Outcome poisoned) {
        List<DeadLetter> others = new ArrayList<>(poisoned.deadLetters());
        for (PoisonedDay.Poison poison : day.poisonLines()) {
            List<DeadLetter> letters = others.stream()
                    .filter(dead -> dead.topic().equals(poison.topic().name()) && isPayloadOf(dead, poison.bytes()))
                    .toList();
            if (poison.valid()) {
                assertThat(letters).as("%s (%s) is valid", poison.what(), poison.topic()).isEmpty();
                continue;
            }
            assertThat(letters).as("dead letters of %s (%s)", poison.what(), poison.topic()).singleElement()
                    .satisfies(dead -> {
                        assertThat(dead.reason()).contains(poison.reason()).hasSizeLessThanOrEqualTo(
                                DeadLetter.MAX_REASON);
                        assertThat(dead.payloadEncoding()).as("payloadEncoding")
                                .isEqualTo(DeadLetter.utf8(poison.bytes()) == null ? DeadLetter.BASE64 : null);
                        assertThat(dead.payloadTruncated()).as("payloadTruncated")
                                .isEqualTo(poison.bytes().length > DeadLetter.MAX_PAYLOAD_BYTES ? Boolean.TRUE : null);
                    });
            others.remove(letters.get(0));
        }
        assertThat(others.stream().filter(dead -> dead.topic().equals(Topic.SEAL_FIXES.name()))
                .filter(dead -> dead.payload() != null && dead.payload().contains(PoisonedDay.AHEAD_IMEI)).toList())
                .as("the fixes of the seal ahead, valid").isEmpty();
        assertThat(withoutTime(others)).as("dead letters besides the poison (LATE ones above all): the clean day's")
                .containsExactlyInAnyOrderElementsOf(withoutTime(clean.deadLetters()));
        assertThat(poisoned.deadLetters()).allSatisfy(dead -> {
            assertThat(Json.write(dead).getBytes(StandardCharsets.UTF_8)).as("a dead letter's size")
                    .hasSizeLessThanOrEqualTo(MAX_DEAD_LETTER_BYTES);
            assertThat(dead.kind()).as("no fault of the code on " + dead.reason())
                    .isNotEqualTo(DeadLetter.Kind.INTERNAL);
        });
    }

    /** The dead letter keeps {@code line}: its text or its base64, the first 64 KB of it when cut. */
    private static boolean isPayloadOf(DeadLetter dead, byte[] line) {
        if (dead.payload() == null) {
            return false;
        }
        byte[] kept = DeadLetter.BASE64.equals(dead.payloadEncoding()) ? Base64.getDecoder().decode(dead.payload())
                : dead.payload().getBytes(StandardCharsets.UTF_8);
        if (!Boolean.TRUE.equals(dead.payloadTruncated())) {
            return Arrays.equals(kept, line);
        }
        return kept.length > DeadLetter.MAX_PAYLOAD_BYTES - 4 && kept.length <= DeadLetter.MAX_PAYLOAD_BYTES
                && Arrays.equals(kept, Arrays.copyOf(line, kept.length));
    }

    private static List<String> withoutTime(List<DeadLetter> letters) {
        return letters.stream()
                .map(dead -> dead.topic() + " " + dead.kind() + " " + dead.reason() + " " + dead.payload()).toList();
    }

    // ---- on Kafka ----

    /**
     * The day's messages on the input topics of a broker of its own, byte for byte and in the order they arrive,
     * then the pipeline on them as {@code run} starts it, until its outputs settle; it must still be running then.
     */
    private static Outcome onKafka(String name, List<PoisonedDay.Message> messages) throws Exception {
        try (KafkaServer kafka = KafkaServer.start(work.resolve("kafka-" + name))) {
            String brokers = kafka.bootstrapServers();
            createTopics(brokers);
            try {
                publish(brokers, messages);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("Kafka did not take the " + name + " day: " + e.getCause()
                        + "; the end of its log:\n" + kafka.process().logTail(), e);
            }
            ConfigFile.Settings settings = ConfigFile.settings(Files.writeString(work.resolve(name + ".yaml"),
                    String.join("\n", List.of(
                            "kafka:",
                            "  bootstrapServers: " + brokers,
                            "  groupId: " + name,
                            "  startFrom: earliest",
                            "  idleTimeout: " + IDLE_TIMEOUT,
                            "checkpoint:",
                            "  interval: 2 s",
                            "  dir: " + work.resolve(name + "-checkpoints"),
                            // the test cluster's default is its slot count; this test was written for one subtask
                            "job:",
                            "  parallelism: 1",
                            ""))));
            Map<String, String> flink = new HashMap<>(RunCommand.flinkSettings(settings, null));
            // A failure must show, not be hidden by a restart: a poison pill would restart the job for ever.
            flink.put(RestartStrategyOptions.RESTART_STRATEGY.key(), "none");
            JobClient job = LocalJobRunner.start(new KafkaInputs(settings.kafka()), new KafkaOutputs(settings.kafka()),
                    settings.seal(), settings.gate(), settings.sms(), "poison pills, " + name + " day", flink);
            try {
                awaitSettled(brokers, name, job, Duration.ofMinutes(4));
                assertThat(job.getJobStatus().get()).as("the job on the %s day", name).isEqualTo(JobStatus.RUNNING);
                return Outcome.of(readAll(Topic.ALERTS, brokers), readAll(Topic.ALERTS_HISTORY, brokers),
                        readAll(Topic.GATE_MATCHES, brokers), readAll(Topic.DEADLETTER, brokers));
            } finally {
                job.cancel().get();
            }
        }
    }

    /** Two partitions for the fixes, as a production cluster has several: per-partition time is part of the test. */
    private static void createTopics(String brokers) throws Exception {
        try (Admin admin = admin(brokers)) {
            List<NewTopic> topics = new ArrayList<>();
            for (Topic<?> topic : Topic.INPUTS) {
                topics.add(new NewTopic(topic.name(), partitions(topic), (short) 1)
                        .configs(Map.of("max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES))));
            }
            for (Topic<?> topic : Topic.OUTPUTS) {
                topics.add(new NewTopic(topic.name(), 1, (short) 1));
            }
            admin.createTopics(topics).all().get();
            // A partition just made may have no leader for a moment; a message sent to it could then only wait.
            List<String> names = topics.stream().map(NewTopic::name).toList();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!admin.describeTopics(names).allTopicNames().get().values().stream()
                    .flatMap(description -> description.partitions().stream())
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the topics of the broker at " + brokers + " have no leader after 30 s");
                }
                Thread.sleep(200);
            }
        }
    }

    private static int partitions(Topic<?> topic) {
        return topic.equals(Topic.SEAL_FIXES) ? 2 : 1;
    }

    /** Every message as it is, keyed as the contract says (read leniently, as {@code feed} keys a bad line). */
    private static void publish(String brokers, List<PoisonedDay.Message> messages) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_MESSAGE_BYTES));
        // On a loaded CI machine an idempotent producer that saw a request time out resent its batches from sequence
        // 0, which the broker refused until delivery timed out (OutOfOrderSequenceException, every second for two
        // minutes). One request in flight keeps the order without it, and a request that waits long enough is not
        // timed out and resent, so nothing is written twice.
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (PoisonedDay.Message message : messages) {
                String key = Json.textOf(new String(message.bytes(), StandardCharsets.UTF_8),
                        message.topic().keyField());
                sent.add(producer.send(new ProducerRecord<>(message.topic().name(),
                        key == null ? null : key.getBytes(StandardCharsets.UTF_8), message.bytes())));
            }
            for (Future<RecordMetadata> each : sent) {
                each.get();
            }
        }
    }

    /**
     * Waits until the consumer group has committed the end of every input partition (on a checkpoint, so every
     * message has been read) and no output topic has grown for {@link #QUIET} since — long enough for the input
     * partitions to fall idle and event time to reach their end.
     */
    private static void awaitSettled(String brokers, String group, JobClient job, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        try (Admin admin = admin(brokers)) {
            Map<TopicPartition, OffsetSpec> inputs = new HashMap<>();
            Topic.INPUTS.forEach(topic -> {
                for (int partition = 0; partition < partitions(topic); partition++) {
                    inputs.put(new TopicPartition(topic.name(), partition), OffsetSpec.latest());
                }
            });
            Map<TopicPartition, OffsetSpec> outputs = Topic.OUTPUTS.stream().collect(Collectors.toMap(
                    topic -> new TopicPartition(topic.name(), 0), topic -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(inputs).all().get().forEach((partition, end) -> ends.put(partition, end.offset()));
            long written = -1;
            long since = System.nanoTime();
            boolean read = false;
            while (System.nanoTime() < deadline && !job.getJobStatus().get().isGloballyTerminalState()) {
                long now = admin.listOffsets(outputs).all().get().values().stream()
                        .mapToLong(end -> end.offset()).sum();
                if (now != written) {
                    written = now;
                    since = System.nanoTime();
                }
                if (!read && allCommitted(admin, group, ends)) {
                    read = true;
                    since = System.nanoTime();
                }
                if (read && System.nanoTime() - since >= QUIET.toNanos()) {
                    return;
                }
                Thread.sleep(1_000);
            }
            throw new AssertionError("the outputs of the job on the " + group + " day did not settle within " + within
                    + " (every input read: " + read + "; job " + job.getJobStatus().get() + ")");
        }
    }

    private static boolean allCommitted(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0 || (committed.get(end.getKey()) != null
                && committed.get(end.getKey()).offset() >= end.getValue()));
    }

    private static <T> List<T> readAll(Topic<T> topic, String brokers) throws Exception {
        return OutputTopic.records(topic, brokers);
    }

    private static Admin admin(String brokers) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        return Admin.create(properties);
    }
}
