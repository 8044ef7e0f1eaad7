package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.at;
import com.datastax.oss.driver.api.core.CqlSession;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.connectors.cassandra.CassandraSessions;
import vn.customs.cargowatch.connectors.cassandra.CassandraSettings;
import vn.customs.cargowatch.connectors.kafka.KafkaInputs;
import vn.customs.cargowatch.connectors.sms.SmsLedger;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.cluster.Checkpoints;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.embedded.LocalJobRunner;
import vn.customs.cargowatch.servers.CassandraServer;
import vn.customs.cargowatch.servers.KafkaServer;
import vn.customs.cargowatch.servers.ReceivedSms;
import vn.customs.cargowatch.servers.SmppServer;

/**
 * The production path on a real Kafka and a real Cassandra (child JVMs from Maven artifacts) and a real SMSC
 * (the test SMPP server, a child JVM on loopback): input files fed to Kafka, the pipeline reading Kafka and
 * writing Kafka, Cassandra and SMS with checkpoints, killed after it texted and restored from a checkpoint taken
 * before those texts, gives the same alerts as {@code replay} on the same files — in the alerts topic and as rows
 * in Cassandra, none missing, none extra — and texts the same SMS as the replay writes to {@code sms.jsonl}, each
 * once: the SMS ledger the two runs share holds back what the restored run makes again; malformed messages on the
 * input topics end up on the deadletter topic while the job runs on. (A TaskManager killed on a real cluster: ClusterIT.)
 */
class ProductionPathIT {

    /**
     * One TaskManager with slots for the whole job. Every checkpoint
     * kept, so that one taken before the first SMS is still there to restore from, as {@code run --restore
     * CHECKPOINT} would: the JobManager reads how many it keeps from the cluster's configuration, not the job's.
     */
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(keepingEveryCheckpoint()).setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4)
            .build());

    private static Configuration keepingEveryCheckpoint() {
        Configuration configuration = new Configuration();
        configuration.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 1000);
        configuration.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(500));
        return configuration;
    }

    /**
     * How long the SMSC must hear nothing before a first run that has not texted all the replay's SMS is cancelled
     * (see {@link #awaitSmsSettled}): as long as {@code kafka.idleTimeout}, the gap between two inputs falling idle.
     */
    private static final Duration SMS_QUIET = Duration.ofSeconds(10);
    /**
     * A file's modification time lags the clock by up to a tick of the kernel's coarse clock: a checkpoint must
     * look this much older than an SMS to be sure it completed before it.
     */
    private static final Duration CLOCK_SLACK = Duration.ofMillis(100);

    private static KafkaServer kafka;
    private static CassandraServer cassandra;

    @TempDir
    static Path work;

    @BeforeAll
    static void startServers() throws Exception {
        kafka = KafkaServer.start(work.resolve("kafka"));
        cassandra = SharedCassandra.get();
    }

    @AfterAll
    static void stopServers() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /**
     * A configuration of its own per test: its topics, its consumer group, its checkpoints. A partition counts as
     * idle after 10 s without a record: the empty input topics must fall idle for event time to move at all, but a
     * partition with records must not look idle just because a loaded machine has not fetched from it for a
     * while — its records would then come behind the watermark (2 s did that on a busy CI machine).
     */
    private ConfigFile.Settings settingsFor(String name, String bootstrapServers, String... more) throws Exception {
        List<String> lines = new ArrayList<>(List.of(
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
                // the test cluster's default is its slot count; these tests were written for one subtask
                "job:",
                "  parallelism: 1"));
        lines.addAll(List.of(more));
        lines.add("");
        return ConfigFile.settings(Files.writeString(work.resolve(name + ".yaml"), String.join("\n", lines)));
    }

    /** Who is texted what: a window of one SMS an hour per phone, so that digests are part of it. */
    private static List<String> smsRules() {
        return List.of(
                "sms:",
                "  onDuty:",
                "    03CE: [" + SmsReplayIT.ON_DUTY + "]",
                SmsReplayIT.CONTACT_ROLES,
                "  maxPerWindow: 1",
                "  window: 1 h");
    }

    static void createTopics(String bootstrapServers) throws Exception {
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
        return OutputTopic.records(topic, bootstrapServers);
    }

    static Map<String, Alert> finalAlerts(List<Alert> emissions) {
        Map<String, Alert> alerts = new LinkedHashMap<>();
        emissions.forEach(alert -> alerts.put(alert.alertId(), alert));
        return alerts;
    }

    /** Polls a topic until {@code done} holds, within a bounded time. */
    static <T> List<T> awaitOutput(Topic<T> topic, String bootstrapServers, Predicate<List<T>> done,
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
        return replay(input).finalAlerts();
    }

    private OutputFolder replay(Path input, String... options) throws Exception {
        Path output = work.resolve("replay-" + System.nanoTime());
        List<String> args = new ArrayList<>(List.of("replay", "--input", input.toString(), "--output",
                output.toString()));
        args.addAll(List.of(options));
        assertThat(Cargowatch.run(args.toArray(String[]::new))).isZero();
        return new OutputFolder(output);
    }

    @Test
    void shouldGiveTheAlertsAndTheSmsOfAReplayAfterACrashAndARestoreFromACheckpointBeforeTheSms() throws Exception {
        String brokers = kafka.bootstrapServers();
        createTopics(brokers);
        Path input = ReplayIT.eightTrips().writeTo(work.resolve("eight-trips"));
        // No SMSC and a fresh ledger: every SMS of the input, once, in sms.jsonl.
        Path replayConfig = Files.writeString(work.resolve("replay.yaml"), String.join("\n", smsRules()) + "\n");
        OutputFolder replayed = replay(input, "--config", replayConfig.toString());
        Map<String, Alert> expected = replayed.finalAlerts();
        List<OutputFolder.Sms> expectedSms = replayed.sms();
        assertThat(expectedSms).as("the replay texts someone").isNotEmpty();
        try (SmppServer smsc = SmppServer.start(work.resolve("smsc"))) {
            Path ledger = work.resolve("crash-sms-ledger.jsonl");
            List<String> sms = new ArrayList<>(smsRules());
            sms.addAll(List.of(
                    "  ledger: " + ledger,
                    "  smpp:",
                    "    host: " + smsc.host(),
                    "    port: " + smsc.port()));
            ConfigFile.Settings settings = settingsFor("crash", brokers, sms.toArray(String[]::new));
            Path config = work.resolve("crash.yaml");
            assertThat(Cargowatch.run("schema", "apply", "--config", config.toString())).isZero();
            // As `run` wires them, so that both runs share the ledger as a restarted `run` does.
            Outputs outputs = RunCommand.outputs(settings);
            // Bad messages travel with the good ones, on every input topic; the pipeline is the one to dead-letter
            // them.
            for (Topic<?> topic : Topic.INPUTS) {
                Files.writeString(input.resolve(topic.fileName()), "{\"broken\": \n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            assertThat(Cargowatch.run("feed", "--from", input.toString(), "--config", config.toString())).isZero();

            // First run: stopped hard once it has texted.
            JobClient first = LocalJobRunner.start(new KafkaInputs(settings.kafka()), outputs, settings.seal(),
                    settings.gate(), settings.sms(), "crash-1", RunCommand.flinkSettings(settings, null));
            List<ReceivedSms> textedBeforeTheCrash = awaitSmsSettled(smsc, ledger, expectedSms.size(),
                    Duration.ofSeconds(90));
            first.cancel().get();

            // Second run: from a checkpoint completed before the SMSC got the first run's first SMS. Either its barrier
            // passed the SMS sink before any of them, and the restored run makes them again, or the sink had taken
            // them in and they were pending in its state; either way only the ledger keeps the phones from getting
            // them twice.
            Instant firstSms = textedBeforeTheCrash.get(0).receivedAt();
            Path checkpoint = lastCheckpointBefore(Path.of(settings.checkpointDir()), firstSms.minus(CLOCK_SLACK))
                    .orElseThrow(() -> new AssertionError("no checkpoint completed before the first SMS at "
                            + firstSms + ": nothing the restored run would text again"));
            JobClient second = LocalJobRunner.start(new KafkaInputs(settings.kafka()), outputs, settings.seal(),
                    settings.gate(), settings.sms(), "crash-2",
                    RunCommand.flinkSettings(settings, checkpoint.toString()));
            // Watermarks are not part of a checkpoint: after a restore, event time moves on with the next records.
            // Live, seals never stop reporting; here two idle seals (no trip: counted, dropped) report once more on
            // every partition, a second after the input's last event, so no deadline after that event passes — two,
            // since a topic's time is as far as two senders have come (TopicClock).
            idleSealReports(brokers, at(300).plusSeconds(1));
            try {
                // The alerts are in the topic already, from the first run: what the SMS sink held back tells when the
                // restored run has caught up.
                long heldBack = awaitSmsHeldBack(second, textedBeforeTheCrash.size(), Duration.ofSeconds(90));
                assertThat(heldBack).as("the restored run holds back every SMS sent after its checkpoint")
                        .isGreaterThanOrEqualTo(textedBeforeTheCrash.size());
                List<Alert> emissions = awaitOutput(Topic.ALERTS, brokers,
                        alerts -> finalAlerts(alerts).equals(expected), Duration.ofSeconds(120));
                assertThat(finalAlerts(emissions)).as("the same alerts as the replay, none missing, none extra")
                        .isEqualTo(expected);
                assertThat(emissions).as("every emission is an alert of the replay")
                        .allSatisfy(alert -> assertThat(expected).containsKey(alert.alertId()));
                assertThat(readAll(Topic.DEADLETTER, brokers)).extracting(DeadLetter::topic)
                        .as("every input topic's bad message")
                        .containsAll(Topic.INPUTS.stream().map(Topic::name).toList());
                assertThat(readAll(Topic.DEADLETTER, brokers)).allSatisfy(dead -> {
                    assertThat(dead.payload()).isEqualTo("{\"broken\": ");
                    assertThat(dead.reason()).startsWith("not valid JSON");
                });
                assertThat(second.getJobStatus().get().isGloballyTerminalState()).as("still running").isFalse();
                assertThat(alertRowsInCassandra(config, expected.size()))
                        .as("alerts_by_id: one row per alert, as replayed")
                        .containsExactlyInAnyOrderElementsOf(expected.values().stream().map(ProductionPathIT::row)
                                .toList());
                // Last, so that an SMS sent again has had the time of all the checks above to show up.
                List<OutputFolder.Sms> texted = awaitSms(smsc, expectedSms.size(), Duration.ofSeconds(60));
                assertThat(texted).as("no phone texted the same twice across the crash (%d SMS before it)",
                        textedBeforeTheCrash.size()).doesNotHaveDuplicates();
                assertThat(texted).as("the SMS of the replay, none missing, none extra")
                        .containsExactlyInAnyOrderElementsOf(expectedSms);
            } finally {
                second.cancel().get();
            }
        }
    }

    static void idleSealReports(String bootstrapServers, java.time.Instant ts) throws Exception {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        properties.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(properties)) {
            for (String imei : List.of("356938035649998", "356938035649999")) {
                String fix = Json.write(new vn.customs.cargowatch.model.SealFix(imei, ts, 20.86, 106.68, 0.0, null, null,
                        null, 90.0, null));
                for (int partition = 0; partition < 2; partition++) {
                    producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topic.SEAL_FIXES.name(),
                            partition, imei, fix)).get();
                }
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

    /**
     * The SMS the SMSC received, once there is a ledger line for each and either all {@code expected} are there
     * or nothing more came for {@link #SMS_QUIET}: the SMS sink is then idle, and the cancel that follows
     * interrupts no submit. (A submit interrupted before its answer is the one way the sink sends an SMS and writes
     * no ledger line — at least once — and the restored run would send it again.) The first run makes its SMS in
     * a few bursts seconds apart, one each time an input falls idle and event time jumps; once the last input is
     * idle, event time stands still until the restored run gets the idle seal reports. So far it has always texted
     * all of the replay's SMS, after which nothing more reaches the sink.
     */
    private static List<ReceivedSms> awaitSmsSettled(SmppServer smsc, Path ledger, int expected, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        List<ReceivedSms> received = smsc.messages();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            List<ReceivedSms> now = smsc.messages();
            if (now.size() != received.size()) {
                received = now;
                quietSince = System.nanoTime();
            }
            boolean settled = received.size() >= expected || System.nanoTime() - quietSince >= SMS_QUIET.toNanos();
            if (!received.isEmpty() && settled && smsInLedger(ledger) == received.size()) {
                return received;
            }
        }
        throw new AssertionError("the SMSC did not settle within " + within + ": " + received.size()
                + " SMS received, " + smsInLedger(ledger) + " in the ledger");
    }

    /**
     * The SMS sink writer's {@code sms_held_back}, once at least {@code expected}, within a bounded time: the SMS it did
     * not send because its state or the ledger knows they were sent, whether the restored run made them again or its
     * checkpoint held them as pending (the writer sends on a thread of its own, so a checkpoint may have taken them in
     * before they went out).
     */
    private static long awaitSmsHeldBack(JobClient job, int expected, Duration within) throws Exception {
        Configuration client = FLINK.getClientConfiguration();
        return SmsWriterMetrics.awaitAtLeast("http://" + client.get(RestOptions.ADDRESS) + ":"
                + client.get(RestOptions.PORT), job.getJobID().toString(), "sms_held_back", expected, within);
    }

    /** The SMS the ledger records as sent (its other lines are the SMSC's delivery receipts). */
    private static long smsInLedger(Path ledger) throws Exception {
        return SmsLedger.read(ledger).size();
    }

    /** Who the SMSC texted what, once it has at least {@code expected} SMS, within a bounded time. */
    private static List<OutputFolder.Sms> awaitSms(SmppServer smsc, int expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        List<ReceivedSms> received = smsc.messages();
        while (received.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            received = smsc.messages();
        }
        return received.stream().map(sms -> new OutputFolder.Sms(sms.recipient(), sms.text())).toList();
    }

    /** The newest completed checkpoint whose metadata was written before {@code instant}. */
    private static Optional<Path> lastCheckpointBefore(Path dir, Instant instant) throws Exception {
        return Checkpoints.completed(dir.toString()).stream()
                .filter(checkpoint -> checkpoint.completedAt().isBefore(instant))
                .max(Comparator.comparing(Checkpoints.Completed::completedAt))
                .map(checkpoint -> Path.of(checkpoint.folder()));
    }

    private static Path awaitCheckpoint(Path dir, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            var latest = Checkpoints.latest(dir.toString());
            if (latest.isPresent()) {
                return Path.of(latest.get());
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no checkpoint completed in " + dir + " within " + within);
    }
}
