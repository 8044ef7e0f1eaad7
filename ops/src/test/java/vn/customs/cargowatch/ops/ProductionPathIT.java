package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.at;
import com.datastax.oss.driver.api.core.CqlSession;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.connectors.cassandra.CassandraOutputs;
import vn.customs.cargowatch.connectors.cassandra.CassandraSessions;
import vn.customs.cargowatch.connectors.cassandra.CassandraSettings;
import vn.customs.cargowatch.connectors.kafka.KafkaInputs;
import vn.customs.cargowatch.connectors.kafka.KafkaOutputs;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.embedded.LocalJobRunner;
import vn.customs.cargowatch.servers.CassandraServer;
import vn.customs.cargowatch.servers.KafkaServer;

/**
 * The production path on a real Kafka and a real Cassandra (child JVMs from Maven artifacts): input files
 * fed to Kafka, the pipeline reading Kafka and writing Kafka and Cassandra with checkpoints, killed after a
 * checkpoint and restored from it, gives the same alerts as {@code replay} on the same files — in the
 * alerts topic and as rows in Cassandra, none missing, none extra; malformed messages on the input topics
 * end up on the deadletter topic while the job runs on.
 */
class ProductionPathIT {

    /** One TaskManager with slots for the whole job, so that terminating it fails the job for real. */
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static KafkaServer kafka;
    private static CassandraServer cassandra;

    @TempDir
    static Path work;

    @BeforeAll
    static void startServers() throws Exception {
        kafka = KafkaServer.start(work.resolve("kafka"));
        cassandra = CassandraServer.start(work.resolve("cassandra"));
    }

    @AfterAll
    static void stopServers() {
        if (kafka != null) {
            kafka.close();
        }
        if (cassandra != null) {
            cassandra.kill(); // throwaway test data: no need to flush
        }
    }

    /**
     * A configuration of its own per test: its topics, its consumer group, its checkpoints. A partition counts as
     * idle after 10 s without a record: the empty input topics must fall idle for event time to move at all, but a
     * partition with records must not look idle just because a loaded machine has not fetched from it for a
     * while — its records would then come behind the watermark (2 s did that on a busy CI machine).
     */
    private ConfigFile.Settings settingsFor(String name, String bootstrapServers) throws Exception {
        Path config = Files.writeString(work.resolve(name + ".yaml"), String.join("\n",
                "kafka:",
                "  bootstrapServers: " + bootstrapServers,
                "  groupId: " + name,
                "  startFrom: earliest",
                "  idleTimeout: 10 s",
                "checkpoint:",
                "  interval: 1 s",
                "  dir: " + work.resolve(name + "-checkpoints"),
                "cassandra:",
                "  contactPoints: 127.0.0.1:" + cassandra.port(),
                "  localDatacenter: " + cassandra.localDatacenter(),
                "  keyspace: " + name,
                ""));
        return ConfigFile.settings(config);
    }

    private static void createTopics(String bootstrapServers) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            var existing = admin.listTopics().names().get();
            List<NewTopic> topics = new ArrayList<>();
            for (Topic<?> topic : Topic.INPUTS) {
                // Two partitions for the fixes: per-partition watermarks are part of what is tested.
                int partitions = topic.equals(Topic.SEAL_FIXES) ? 2 : 1;
                if (!existing.contains(topic.name())) {
                    topics.add(new NewTopic(topic.name(), partitions, (short) 1));
                }
            }
            for (Topic<?> topic : Topic.OUTPUTS) {
                if (!existing.contains(topic.name())) {
                    topics.add(new NewTopic(topic.name(), 1, (short) 1));
                }
            }
            admin.createTopics(topics).all().get();
        }
    }

    private static <T> List<T> readAll(Topic<T> topic, String bootstrapServers) throws Exception {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<T> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            TopicPartition partition = new TopicPartition(topic.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(Json.read(record.value(), topic.type()));
                }
            }
        }
        return records;
    }

    private static Map<String, Alert> finalAlerts(List<Alert> emissions) {
        Map<String, Alert> alerts = new LinkedHashMap<>();
        emissions.forEach(alert -> alerts.put(alert.alertId(), alert));
        return alerts;
    }

    /** Polls a topic until {@code done} holds, within a bounded time. */
    private static <T> List<T> awaitOutput(Topic<T> topic, String bootstrapServers, Predicate<List<T>> done,
            Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        List<T> records = readAll(topic, bootstrapServers);
        while (!done.test(records) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            records = readAll(topic, bootstrapServers);
        }
        return records;
    }

    private Map<String, Alert> replayAlerts(Path input) throws Exception {
        Path output = work.resolve("replay-" + System.nanoTime());
        assertThat(Cargowatch.run("replay", "--input", input.toString(), "--output", output.toString())).isZero();
        return new OutputFolder(output).finalAlerts();
    }

    @Test
    void shouldGiveTheAlertsOfAReplayAfterACrashAndARestoreFromTheLastCheckpoint() throws Exception {
        String brokers = kafka.bootstrapServers();
        createTopics(brokers);
        Path input = ReplayIT.eightTrips().writeTo(work.resolve("eight-trips"));
        Map<String, Alert> expected = replayAlerts(input);
        ConfigFile.Settings settings = settingsFor("crash", brokers);
        Path config = work.resolve("crash.yaml");
        assertThat(Cargowatch.run("schema", "apply", "--config", config.toString())).isZero();
        Outputs outputs = Outputs.all(new KafkaOutputs(settings.kafka()), new CassandraOutputs(ConfigFile.cassandra(config)));
        // Bad messages travel with the good ones, on every input topic; the pipeline is the one to dead-letter them.
        for (Topic<?> topic : Topic.INPUTS) {
            Files.writeString(input.resolve(topic.fileName()), "{\"broken\": \n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        assertThat(Cargowatch.run("feed", "--from", input.toString(), "--config", config.toString())).isZero();

        // First run: stopped hard once it has checkpointed and produced some of its alerts.
        JobClient first = LocalJobRunner.start(new KafkaInputs(settings.kafka()), outputs,
                settings.seal(), settings.gate(), "crash-1", RunCommand.flinkSettings(settings, null));
        awaitOutput(Topic.ALERTS, brokers, alerts -> !alerts.isEmpty(), Duration.ofSeconds(90));
        Path checkpoint = awaitCheckpoint(Path.of(settings.checkpointDir()), Duration.ofSeconds(30));
        first.cancel().get();

        // Second run: from the last checkpoint, as `./cargowatch run --restore latest` does.
        Path latest = RunCommand.latestCheckpoint(Path.of(settings.checkpointDir())).orElse(checkpoint);
        JobClient second = LocalJobRunner.start(new KafkaInputs(settings.kafka()), outputs,
                settings.seal(), settings.gate(), "crash-2", RunCommand.flinkSettings(settings, latest.toString()));
        // Watermarks are not part of a checkpoint: after a restore, event time moves on with the next records.
        // Live, seals never stop reporting; here an idle seal (no trip: counted, dropped) reports once more on
        // every partition, a second after the input's last event, so no deadline after that event passes.
        idleSealReports(brokers, at(300).plusSeconds(1));
        try {
            List<Alert> emissions = awaitOutput(Topic.ALERTS, brokers,
                    alerts -> finalAlerts(alerts).equals(expected), Duration.ofSeconds(120));
            assertThat(finalAlerts(emissions)).as("the same alerts as the replay, none missing, none extra")
                    .isEqualTo(expected);
            assertThat(emissions).as("every emission is an alert of the replay")
                    .allSatisfy(alert -> assertThat(expected).containsKey(alert.alertId()));
            assertThat(readAll(Topic.DEADLETTER, brokers)).extracting(DeadLetter::topic).as("every input topic's bad message")
                    .containsAll(Topic.INPUTS.stream().map(Topic::name).toList());
            assertThat(readAll(Topic.DEADLETTER, brokers)).allSatisfy(dead -> {
                assertThat(dead.payload()).isEqualTo("{\"broken\": ");
                assertThat(dead.reason()).startsWith("not valid JSON");
            });
            assertThat(second.getJobStatus().get().isGloballyTerminalState()).as("still running").isFalse();
            assertThat(alertRowsInCassandra(config, expected.size())).as("alerts_by_id: one row per alert, as replayed")
                    .containsExactlyInAnyOrderElementsOf(expected.values().stream().map(ProductionPathIT::row).toList());
        } finally {
            second.cancel().get();
        }
    }

    @Test
    void shouldGiveTheAlertsOfAReplayWhenTheTaskManagerFailsMidStream(@InjectMiniCluster MiniCluster flink)
            throws Exception {
        try (KafkaServer ownKafka = KafkaServer.start(work.resolve("kafka-tm"))) {
            String brokers = ownKafka.bootstrapServers();
            createTopics(brokers);
            Path input = ReplayIT.eightTrips().writeTo(work.resolve("eight-trips-tm"));
            Map<String, Alert> expected = replayAlerts(input);
            ConfigFile.Settings settings = settingsFor("taskmanager", brokers);
            assertThat(Cargowatch.run("feed", "--from", input.toString(), "--config",
                    work.resolve("taskmanager.yaml").toString())).isZero();

            JobClient job = LocalJobRunner.start(new KafkaInputs(settings.kafka()), new KafkaOutputs(settings.kafka()),
                    settings.seal(), settings.gate(), "taskmanager-failure", RunCommand.flinkSettings(settings, null));
            try {
                awaitCheckpoint(Path.of(settings.checkpointDir()), Duration.ofSeconds(60));
                // The TaskManager running the job dies; a new one joins; the job recovers from its last checkpoint.
                flink.terminateTaskManager(0).get();
                flink.startTaskManager();
                idleSealReports(brokers, at(300).plusSeconds(1));
                List<Alert> emissions = awaitOutput(Topic.ALERTS, brokers,
                        alerts -> finalAlerts(alerts).equals(expected), Duration.ofSeconds(150));
                assertThat(finalAlerts(emissions)).isEqualTo(expected);
            } finally {
                job.cancel().get();
            }
        }
    }

    private static void idleSealReports(String bootstrapServers, java.time.Instant ts) throws Exception {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        properties.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        String imei = "356938035649999";
        String fix = Json.write(new vn.customs.cargowatch.model.SealFix(imei, ts, 20.86, 106.68, 0.0, null, null, null,
                90.0, null));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(properties)) {
            for (int partition = 0; partition < 2; partition++) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topic.SEAL_FIXES.name(),
                        partition, imei, fix)).get();
            }
        }
    }

    private static String row(Alert alert) {
        return alert.alertId() + " " + alert.type() + " " + alert.tripId() + " " + alert.startTs() + " " + alert.endTs();
    }

    /** The alert rows, once as many as expected are there (the sink flushes on checkpoints). */
    private static List<String> alertRowsInCassandra(Path config, int expected) throws Exception {
        CassandraSettings settings = ConfigFile.cassandra(config);
        try (CqlSession session = CassandraSessions.open(settings)) {
            List<String> rows = List.of();
            for (int attempt = 0; attempt < 60 && rows.size() < expected; attempt++) {
                rows = session.execute("SELECT alert_id, type, trip_id, start_ts, end_ts FROM alerts_by_id").all()
                        .stream().map(r -> r.getString("alert_id") + " " + r.getString("type") + " "
                                + r.getString("trip_id") + " " + r.getInstant("start_ts") + " " + r.getInstant("end_ts"))
                        .toList();
                if (rows.size() < expected) {
                    Thread.sleep(1_000);
                }
            }
            return rows;
        }
    }

    private static Path awaitCheckpoint(Path dir, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            var latest = RunCommand.latestCheckpoint(dir);
            if (latest.isPresent()) {
                return latest.get();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no checkpoint completed in " + dir + " within " + within);
    }
}
