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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.servers.CassandraServer;
import vn.customs.cargowatch.servers.FlinkCluster;
import vn.customs.cargowatch.servers.KafkaServer;

/**
 * The job on a real multi-process Flink cluster, as an operator runs it: {@code deploy} submits the shaded job jar at
 * parallelism 4 to a session cluster of one JobManager and two TaskManagers of two slots (every slot taken, so both
 * TaskManagers run it) on real Kafka and Cassandra; one TaskManager is killed with SIGKILL mid-stream and a new one
 * joins, and the job recovers from its checkpoint; then {@code deploy stop --savepoint} and {@code deploy
 * --from-savepoint}. The alerts on Kafka must be those of {@code replay} on the same files: none missing, none extra.
 */
class ClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;

    private static KafkaServer kafka;
    private static CassandraServer cassandra;
    private static FlinkCluster flink;

    @BeforeAll
    static void startServers() throws Exception {
        kafka = KafkaServer.start(work.resolve("kafka"));
        cassandra = CassandraServer.start(work.resolve("cassandra"));
        flink = FlinkCluster.start(work.resolve("flink"), 2, 2);
    }

    @AfterAll
    static void stopServers() {
        if (flink != null) {
            flink.kill();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (cassandra != null) {
            cassandra.kill();
        }
    }

    @Test
    void shouldGiveTheAlertsOfAReplayAcrossAKilledTaskManagerAndAStopWithSavepoint() throws Exception {
        log("servers up");
        String brokers = kafka.bootstrapServers();
        ProductionPathIT.createTopics(brokers);
        Path input = ReplayIT.eightTrips().writeTo(work.resolve("eight-trips"));
        Path replayed = work.resolve("replayed");
        assertThat(Cargowatch.run("replay", "--input", input.toString(), "--output", replayed.toString())).isZero();
        Map<String, Alert> expected = new OutputFolder(replayed).finalAlerts();
        assertThat(expected).as("the replay raises alerts").isNotEmpty();

        Path config = Files.writeString(work.resolve("cluster.yaml"), String.join("\n",
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
                "metrics:",
                "  port: off",
                ""));
        String clusterConf = flink.home().resolve("conf").toString();
        assertThat(Cargowatch.run("schema", "apply", "--config", config.toString())).isZero();
        assertThat(Cargowatch.run("feed", "--from", input.toString(), "--config", config.toString())).isZero();

        assertThat(Cargowatch.run("deploy", "--config", config.toString(), "--parallelism", "4",
                "--cluster-conf", clusterConf)).isZero();
        String job = awaitRunning(null, Duration.ofSeconds(150));
        log("deployed at parallelism 4, running");
        assertThat(vertexParallelisms(job)).as("every operator at parallelism 4 or at its source's").contains(4);
        assertThat(overview().path("slots-available").asInt()).as("all four slots of both TaskManagers").isZero();
        long before = awaitCheckpoints(job, 1, Duration.ofSeconds(60));
        log("first checkpoint");

        // A TaskManager dies as a crash would; a new one joins; the job restores its latest checkpoint.
        flink.killTaskManager(0);
        flink.startTaskManager();
        awaitRunning(job, Duration.ofSeconds(120));
        awaitCheckpoints(job, before + 1, Duration.ofSeconds(120));
        log("recovered from the killed TaskManager, checkpointing");

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

        ProductionPathIT.idleSealReports(brokers, at(300).plusSeconds(1));
        List<Alert> emissions = ProductionPathIT.awaitOutput(Topic.ALERTS, brokers,
                alerts -> ProductionPathIT.finalAlerts(alerts).equals(expected), Duration.ofSeconds(150));
        assertThat(ProductionPathIT.finalAlerts(emissions))
                .as("the same alerts as the replay, none missing, none extra").isEqualTo(expected);
        log("the alerts of the replay");
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

    /** Waits until the job has completed at least {@code count} checkpoints; returns how many it has. */
    private static long awaitCheckpoints(String job, long count, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long completed = 0;
        while (System.nanoTime() < deadline) {
            completed = get("/jobs/" + job + "/checkpoints").path("counts").path("completed").asLong();
            if (completed >= count) {
                return completed;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + job + " completed " + completed + " checkpoints, not " + count
                + ", within " + within);
    }
}
