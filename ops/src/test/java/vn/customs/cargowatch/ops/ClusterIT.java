package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.at;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.soak.FinalRecords;
import vn.customs.cargowatch.servers.CassandraServer;
import vn.customs.cargowatch.servers.FlinkCluster;
import vn.customs.cargowatch.servers.KafkaServer;
import vn.customs.cargowatch.servers.Launch;
import vn.customs.cargowatch.servers.Ports;
import vn.customs.cargowatch.servers.SmppServer;
import vn.customs.cargowatch.servers.SmppTestServer;

/**
 * The job on a real multi-process Flink cluster, as an operator runs it: {@code deploy} submits the shaded job jar at
 * parallelism 4 to a session cluster of one JobManager and two TaskManagers of two slots (every slot taken, so both
 * TaskManagers run it) on real Kafka and Cassandra; one TaskManager is killed with SIGKILL mid-stream and a new one
 * joins, and the job recovers from its checkpoint; then {@code deploy stop --savepoint} and {@code deploy
 * --from-savepoint}. Every output on Kafka must then be that of {@code replay} on the same files, compared by its final
 * records as the soak compares them ({@code FinalRecords}): none missing, none extra. The Kafka sink delivers at least
 * once, so a log's records written again after the restore count once.
 *
 * <p>The SMSC is down when the job starts and stays down for the first 15 s and more: the alerts must reach Kafka
 * meanwhile (the SMS sink holds up only the SMS), the TaskManager is killed while those texts wait, and once the SMSC
 * is back every SMS of the replay reaches it exactly once — none lost with the killed TaskManager, none sent again by
 * the restore or by the job resumed from the savepoint. (Both TaskManagers of this one machine see the same ledger
 * file; that a TaskManager elsewhere, without it, does not send again what the checkpoint knows was sent is
 * {@code SmsSinkWriterTest}'s.)
 */
class ClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Kept when the test fails: the servers' and TaskManagers' logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    private static KafkaServer kafka;
    private static CassandraServer cassandra;
    private static FlinkCluster flink;
    private static SmppServer smsc;
    private static final int SMSC_PORT = Ports.free();

    @BeforeAll
    static void startServers() throws Exception {
        kafka = KafkaServer.start(work.resolve("kafka"));
        cassandra = SharedCassandra.get();
        flink = FlinkCluster.start(work.resolve("flink"), 2, 2);
        smsc = startSmsc();
    }

    private static SmppServer startSmsc() throws IOException {
        return SmppServer.start(work.resolve("smsc"), new Launch(SMSC_PORT, false), SmppTestServer.Behaviour.DEFAULT);
    }

    @AfterAll
    static void stopServers() {
        if (flink != null) {
            flink.kill();
        }
        if (smsc != null) {
            smsc.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldGiveTheAlertsAndTextsOfAReplayAcrossAnSmscOutageAKilledTaskManagerAndAStopWithSavepoint()
            throws Exception {
        log("servers up");
        String brokers = kafka.bootstrapServers();
        ProductionPathIT.createTopics(brokers);
        Path input = ReplayIT.eightTrips().writeTo(work.resolve("eight-trips"));
        Path replayed = work.resolve("replayed");
        Path replayConfig = Files.writeString(work.resolve("replay.yaml"), String.join("\n", sms(), ""));
        assertThat(Cargowatch.run("replay", "--input", input.toString(), "--output", replayed.toString(),
                "--config", replayConfig.toString())).isZero();
        Map<String, Alert> expected = new OutputFolder(replayed).finalAlerts();
        assertThat(expected).as("the replay raises alerts").isNotEmpty();
        List<String> expectedTexts = textsOfReplay(replayed);
        assertThat(expectedTexts).as("the replay texts the officer on duty and the drivers").hasSizeGreaterThan(3);

        Path config = Files.writeString(work.resolve("cluster.yaml"), String.join("\n", sms(),
                "  ledger: " + work.resolve("sms-ledger.jsonl"),
                "  smpp:",
                "    host: " + smsc.host(),
                "    port: " + SMSC_PORT,
                "kafka:",
                "  bootstrapServers: " + brokers,
                "  groupId: cluster",
                "  startFrom: earliest",
                // kafka.idleTimeout stays at its 30 s: while a restored job's tasks are still starting on a loaded
                // machine, a shorter one (10 s) let a fix partition fall idle and its records come behind the watermark
                "checkpoint:",
                "  interval: 1 s",
                "cassandra:",
                "  contactPoints: 127.0.0.1:" + cassandra.port(),
                "  localDatacenter: " + cassandra.localDatacenter(),
                "  keyspace: cluster",
                ""));
        String clusterConf = flink.home().resolve("conf").toString();
        assertThat(Cargowatch.run("schema", "apply", "--config", config.toString())).isZero();
        assertThat(Cargowatch.run("feed", "--from", input.toString(), "--config", config.toString())).isZero();

        smsc.stop();
        long smscDown = System.nanoTime();
        log("SMSC stopped");
        assertThat(Cargowatch.run("deploy", "--config", config.toString(), "--parallelism", "4",
                "--cluster-conf", clusterConf)).isZero();
        String job = awaitRunning(null, Duration.ofSeconds(150));
        log("deployed at parallelism 4, running");
        assertThat(vertexParallelisms(job)).as("every operator at parallelism 4 or at its source's").contains(4);
        assertThat(overview().path("slots-available").asInt()).as("all four slots of both TaskManagers").isZero();
        long before = awaitCheckpoints(job, 1, Duration.ofSeconds(60));
        log("first checkpoint");
        // the end of the input: seal reports past its last record (at 300 minutes) by the out-of-order bound
        // (events.outOfOrderness, 2 min by default) move event time past that record, so that every output's last
        // record is made, as the replay's end of input makes it; the SMS the alerts call for go to the sink
        ProductionPathIT.idleSealReports(brokers, at(302).plusSeconds(1));
        List<Alert> duringOutage = ProductionPathIT.awaitOutput(Topic.ALERTS, brokers,
                alerts -> ProductionPathIT.finalAlerts(alerts).equals(expected), Duration.ofSeconds(150));
        assertThat(ProductionPathIT.finalAlerts(duringOutage))
                .as("every alert of the replay reaches Kafka while the SMSC is down").isEqualTo(expected);
        assertThat(smsc.messages()).as("and no text has gone out").isEmpty();
        log("the alerts of the replay on Kafka while the SMSC is down");
        // the texts reach the sink by event time after their alerts: the kill is meant to find them waiting there, in
        // a checkpoint (one taken before they arrived leaves them upstream, where a restored job whose input has all
        // been read has no watermark to release them by)
        assertThat(SmsWriterMetrics.awaitAtLeast(flink.restUrl(), job, "sms_pending", expectedTexts.size(),
                Duration.ofSeconds(60)))
                .as("the texts wait in the SMS sink").isGreaterThanOrEqualTo(expectedTexts.size());
        before = awaitCheckpoints(job, checkpoints(job) + 1, Duration.ofSeconds(60));
        log("the texts wait in the sink, checkpointed");

        // A TaskManager dies as a crash would, with the texts waiting for the SMSC; a new one joins; the job
        // restores its latest checkpoint.
        flink.killTaskManager(0);
        flink.startTaskManager();
        awaitRunning(job, Duration.ofSeconds(120));
        awaitCheckpoints(job, before + 1, Duration.ofSeconds(120));
        log("recovered from the killed TaskManager, checkpointing");
        assertThat(smsc.messages()).isEmpty();

        long down = Duration.ofNanos(System.nanoTime() - smscDown).toMillis();
        Thread.sleep(Math.max(0, Duration.ofSeconds(15).toMillis() - down));
        smsc = startSmsc();
        log("SMSC back");
        awaitTexts(expectedTexts, Duration.ofSeconds(90));
        log("every text of the replay at the SMSC");

        Path savepoints = work.resolve("savepoints");
        assertThat(Cargowatch.run("deploy", "stop", "--savepoint", savepoints.toString(), "--cluster-conf",
                clusterConf)).isZero();
        Path savepoint;
        try (Stream<Path> made = Files.list(savepoints)) {
            savepoint = made.filter(path -> path.getFileName().toString().startsWith("savepoint-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no savepoint in " + savepoints));
        }
        assertThat(Cargowatch.run("deploy", "--config", config.toString(), "--parallelism", "4",
                "--from-savepoint", savepoint.toString(), "--cluster-conf", clusterConf)).isZero();
        String resumed = awaitRunning(null, Duration.ofSeconds(150));
        log("resumed from the savepoint");
        assertThat(resumed).isNotEqualTo(job);

        awaitCheckpoints(resumed, 1, Duration.ofSeconds(60));
        Thread.sleep(5_000); // what a resend would take: the sender is connected and idle
        List<Alert> emissions = ProductionPathIT.awaitOutput(Topic.ALERTS, brokers,
                alerts -> ProductionPathIT.finalAlerts(alerts).equals(expected), Duration.ofSeconds(30));
        assertThat(ProductionPathIT.finalAlerts(emissions))
                .as("the same alerts as the replay, none missing, none extra").isEqualTo(expected);
        assertThat(receivedTexts()).as("every text of the replay exactly once, also after the savepoint")
                .containsExactlyInAnyOrderElementsOf(expectedTexts);
        FinalRecords onKafka = FinalRecords.of(outputsOnKafka(brokers, work.resolve("on-kafka")));
        assertThat(onKafka.withoutRepeats().only(KAFKA_OUTPUTS)
                .differencesFrom(FinalRecords.of(replayed).withoutRepeats().only(KAFKA_OUTPUTS), 5))
                .as("every output on Kafka is the replay's (a log's records repeated by the restore aside)").isEmpty();
        log("the outputs and texts of the replay");
    }

    /** The outputs the job writes to Kafka, by their file names in a replay's folder. */
    private static final List<String> KAFKA_OUTPUTS = Topic.OUTPUTS.stream().map(Topic::fileName).toList();

    /** Each output topic's records, as the lines of its file in a folder laid out as a replay's. */
    private static Path outputsOnKafka(String brokers, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Topic<?> topic : Topic.OUTPUTS) {
            List<String> lines = OutputTopic.messages(topic.name(), brokers).stream().map(ConsumerRecord::value)
                    .toList();
            Files.write(folder.resolve(topic.fileName()), lines);
        }
        return folder;
    }

    /** The SMS settings of both the replay and the cluster: the eight trips' Branch on duty, an SMS per alert. */
    private static String sms() {
        return String.join("\n",
                "metrics:",
                "  port: off",
                "sms:",
                "  onDuty:",
                "    03CE: [" + SmsReplayIT.ON_DUTY + "]",
                SmsReplayIT.CONTACT_ROLES);
    }

    /** Each SMS of the replay as {@code recipient: text}. */
    private static List<String> textsOfReplay(Path replayed) throws IOException {
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(replayed.resolve(ReplayOutputs.SMS_FILE))) {
            JsonNode sms = JSON.readTree(line);
            texts.add(sms.path("recipient").asText() + ": " + sms.path("text").asText());
        }
        return texts;
    }

    private static List<String> receivedTexts() throws IOException {
        return smsc.messages().stream().map(sms -> sms.recipient() + ": " + sms.text()).toList();
    }

    private static void awaitTexts(List<String> expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && receivedTexts().size() < expected.size()) {
            Thread.sleep(500);
        }
        assertThat(receivedTexts()).as("the texts of the replay, once each").containsExactlyInAnyOrderElementsOf(expected);
    }

    private static final long STARTED = System.nanoTime();

    /** Where the time goes, in the test's output: the suite's time is watched. */
    private static void log(String what) {
        System.out.printf("[ClusterIT] %s at %.1f s%n", what, (System.nanoTime() - STARTED) / 1e9);
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(flink.restUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static JsonNode overview() throws Exception {
        return get("/overview");
    }

    /** The running cargowatch job ({@code job}, or the only one) once all its tasks run; its id. */
    private static String awaitRunning(String job, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode overview : get("/jobs/overview").path("jobs")) {
                String id = overview.path("jid").asText();
                if ((job == null || job.equals(id)) && overview.path("state").asText().equals("RUNNING")
                        && overview.path("tasks").path("running").asInt() == overview.path("tasks").path("total")
                                .asInt()) {
                    return id;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no running cargowatch job within " + within + ": " + get("/jobs/overview"));
    }

    private static List<Integer> vertexParallelisms(String job) throws Exception {
        return get("/jobs/" + job).path("vertices").findValuesAsText("parallelism").stream()
                .map(Integer::valueOf).toList();
    }

    /** How many checkpoints the job has completed. */
    private static long checkpoints(String job) throws Exception {
        return get("/jobs/" + job + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** Waits until the job has completed at least {@code count} checkpoints; returns how many it has. */
    private static long awaitCheckpoints(String job, long count, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long completed = 0;
        while (System.nanoTime() < deadline) {
            completed = checkpoints(job);
            if (completed >= count) {
                return completed;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + job + " completed " + completed + " checkpoints, not " + count
                + ", within " + within);
    }
}
