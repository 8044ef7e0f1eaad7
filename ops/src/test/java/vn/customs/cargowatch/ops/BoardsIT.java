package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.connectors.cassandra.CassandraOutputs;
import vn.customs.cargowatch.connectors.kafka.KafkaInputs;
import vn.customs.cargowatch.connectors.kafka.KafkaOutputs;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.embedded.LocalJobRunner;
import vn.customs.cargowatch.ops.simulator.SealTrafficSimulator;
import vn.customs.cargowatch.servers.CassandraServer;
import vn.customs.cargowatch.servers.KafkaServer;
import vn.customs.cargowatch.servers.Launch;
import vn.customs.cargowatch.servers.Ports;
import vn.customs.cargowatch.servers.PrometheusServer;

/**
 * The boards and the operators' rules against real datasources. Cassandra (a child JVM) is filled by a real
 * {@code replay --cassandra} of a simulated day with some bad lines; the same day is fed to a real Kafka and a
 * running production job ({@code run}'s wiring: Kafka in, Kafka and Cassandra out, checkpoints) serves its
 * metrics to Debian's Prometheus, which scrapes it every second and evaluates the operators' rules. Grafana
 * itself cannot run here; what it would send — every query of every board, with variables and time macros
 * substituted as Grafana and the Cassandra plugin do — is sent to the real servers instead.
 */
class BoardsIT {

    static final Instant DAY_START = Instant.parse("2026-11-21T17:00:00Z"); // 22 November 2026, 00:00 in Vietnam
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every metric family the running job must have exported before the boards are queried. */
    private static final List<String> FAMILIES = List.of("topic_records_in", "topic_kind_dead_letters",
            "type_alerts_raised", "icd_result_gate_matches", "trips_active", "stream_event_time_lag_seconds",
            "topic_cassandra_writes", "topic_cassandra_write_latency_seconds");

    @TempDir
    static Path work;

    static CassandraServer cassandra;
    static KafkaServer kafka;
    static PrometheusServer prometheus;
    static JobClient job;
    /** A scrape of the running job's endpoint: what promtool checks. */
    static String scrape;

    @BeforeAll
    static void fillCassandraByAReplayAndScrapeARunningJob() throws Exception {
        cassandra = CassandraServer.start(work.resolve("cassandra"));
        kafka = KafkaServer.start(work.resolve("kafka"));
        int metricsPort = Ports.free();
        prometheus = PrometheusServer.start(work.resolve("prometheus"), Launch.DEFAULT, PrometheusServer.JOB,
                List.of(Ports.HOST + ":" + metricsPort), Duration.ofSeconds(1));
        Path replayConfig = config("replay.yaml", "off");
        Path runConfig = config("run.yaml", String.valueOf(metricsPort));
        assertThat(Cargowatch.run("schema", "apply", "--config", replayConfig.toString())).isZero();

        Path input = work.resolve("in");
        new SealTrafficSimulator(7, 36, DAY_START).writeTo(input);
        prepend(input.resolve("seal.fixes.jsonl"), "{\"imei\": \"not a seal\"}\nnot json at all\n");
        prepend(input.resolve("camera.recognitions.jsonl"), "{\"eventId\": 42}\n");
        assertThat(Cargowatch.run("replay", "--input", input.toString(), "--output", work.resolve("out").toString(),
                "--config", replayConfig.toString(), "--cassandra")).isZero();

        assertThat(Cargowatch.run("feed", "--from", input.toString(), "--config", runConfig.toString())).isZero();
        ConfigFile.Settings settings = ConfigFile.settings(runConfig);
        job = LocalJobRunner.start(new KafkaInputs(settings.kafka()),
                Outputs.all(new KafkaOutputs(settings.kafka()), new CassandraOutputs(settings.cassandra())),
                settings.seal(), settings.gate(), "cargowatch", RunCommand.flinkSettings(settings, null));
        awaitEveryFamilyAndACheckpoint(Duration.ofSeconds(120));
        scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + Ports.HOST + ":" + metricsPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @AfterAll
    static void stopJobAndServers() throws Exception {
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (cassandra != null) {
            cassandra.kill();
        }
    }

    private static Path config(String name, String metricsPort) throws Exception {
        return Files.writeString(work.resolve(name), String.join("\n",
                "kafka:",
                "  bootstrapServers: " + kafka.bootstrapServers(),
                "  groupId: boards",
                "  startFrom: earliest",
                "  idleTimeout: 2 s",
                "checkpoint:",
                "  interval: 2 s",
                "  dir: " + work.resolve("checkpoints"),
                "cassandra:",
                "  contactPoints: 127.0.0.1:" + cassandra.port(),
                "  localDatacenter: " + cassandra.localDatacenter(),
                "  keyspace: cargowatch",
                "metrics:",
                "  port: " + metricsPort,
                ""));
    }

    private static void prepend(Path file, String lines) throws Exception {
        Files.writeString(file, lines + Files.readString(file));
    }

    private static void awaitEveryFamilyAndACheckpoint(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> missing = FAMILIES;
        double checkpoints = 0;
        while (System.nanoTime() < deadline) {
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode series : seriesAt("count by (__name__) ({__name__=~\".+_cargowatch_.+\"})", Instant.now())) {
                names.add(series.path("metric").path("__name__").asText());
            }
            missing = FAMILIES.stream()
                    .filter(family -> !names.contains("flink_taskmanager_job_task_operator_cargowatch_" + family)
                            && !names.contains("flink_taskmanager_job_task_operator_cargowatch_" + family + "_count"))
                    .toList();
            JsonNode completed = seriesAt("max(flink_jobmanager_job_numberOfCompletedCheckpoints)", Instant.now());
            checkpoints = completed.isEmpty() ? 0 : completed.get(0).path("value").get(1).asDouble();
            if (missing.isEmpty() && checkpoints >= 1) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("after " + timeout + " the running job still lacks " + missing + " and has "
                + checkpoints + " completed checkpoints");
    }

    @Test
    void shouldExportOurMetricsSoThatPromtoolFindsNothingToLint() throws Exception {
        assertThat(scrape).as("a scrape of the running job").isNotNull();
        List<String> ours = scrape.lines().filter(line -> line.contains("_cargowatch_")).toList();

        assertThat(ours).anyMatch(line -> line.startsWith("flink_taskmanager_job_task_operator_cargowatch_"));
        assertThat(promtoolCheckMetrics(String.join("\n", ours) + "\n")).isEmpty();
        // Flink's own metrics are named in camelCase (numRecordsIn, ...): that is all promtool finds in the rest.
        // What promtool finds in the rest concerns Flink's and the Kafka client's own names (numRecordsIn,
        // KafkaProducer_..._total exported as gauges), which we cannot rename.
        assertThat(promtoolCheckMetrics(scrape)).isNotEmpty()
                .allMatch(finding -> finding.startsWith("flink_"))
                .noneMatch(finding -> finding.contains("_cargowatch_"));
    }

    @Test
    void shouldLabelOurMetricsOnlyWithLowCardinalityLabels() {
        Set<String> flinkLabels = Set.of("job_id", "job_name", "task_id", "task_name", "task_attempt_id",
                "task_attempt_num", "subtask_index", "operator_id", "operator_name", "host", "tm_id", "quantile");
        Set<String> ourLabels = new LinkedHashSet<>();
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
        scrape.lines().filter(line -> line.startsWith("flink_taskmanager_job_task_operator_cargowatch_"))
                .forEach(line -> {
                    Matcher matcher = label.matcher(line.substring(line.indexOf('{'), line.lastIndexOf('}')));
                    while (matcher.find()) {
                        if (!flinkLabels.contains(matcher.group(1))) {
                            ourLabels.add(matcher.group(1));
                        }
                    }
                });

        assertThat(ourLabels).isSubsetOf("topic", "kind", "type", "icd", "result", "stream")
                .contains("topic", "kind", "type", "icd", "result", "stream");
    }

    @Test
    void shouldAnswerEveryRecordingRuleWithASeries() throws Exception {
        JsonNode groups = prometheusGet("/api/v1/rules").path("data").path("groups");
        List<String> recorded = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                if ("recording".equals(rule.path("type").asText())) {
                    recorded.add(rule.path("query").asText());
                }
            }
        }

        assertThat(recorded).hasSizeGreaterThanOrEqualTo(5);
        for (String expression : recorded) {
            assertThat(seriesAt(expression, Instant.now())).as(expression + " — samples in the last 5 min: "
                    + seriesAt("count_over_time(flink_taskmanager_job_task_operator_cargowatch_topic_records_in[5m])",
                            Instant.now())).isNotEmpty();
        }
    }

    // ---- helpers ----

    /** The series an instant query returns at {@code time}; fails if Prometheus rejects the expression. */
    static JsonNode seriesAt(String expression, Instant time) throws Exception {
        JsonNode answer = prometheusGet("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8)
                + "&time=" + time.getEpochSecond());
        assertThat(answer.path("status").asText()).as(expression + ": " + answer).isEqualTo("success");
        return answer.path("data").path("result");
    }

    static JsonNode prometheusGet(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(prometheus.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** promtool's lint findings for a scrape (one per line); empty when it passes. */
    private static List<String> promtoolCheckMetrics(String metrics) throws Exception {
        Path promtool = Path.of(PrometheusServer.executable()).resolveSibling("promtool");
        Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
                .start();
        process.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> findings = output.lines().filter(line -> !line.isBlank()).toList();
        assertThat(process.exitValue() == 0).as(output).isEqualTo(findings.isEmpty());
        return findings;
    }
}
