package vn.customs.cargowatch.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Prometheus (Debian's), started once for the class, set up to scrape Flink's reporter. */
class PrometheusServerIT {

    @TempDir
    static Path dataDir;

    static PrometheusServer prometheus;

    @BeforeAll
    static void start() throws Exception {
        prometheus = ServerChecks.timed("prometheus", () -> PrometheusServer.start(dataDir));
    }

    @AfterAll
    static void stopShouldLeaveNoProcessBehind() {
        if (prometheus != null) {
            ServerChecks.assertStopLeavesNothingBehind(prometheus.process(), prometheus.port(), prometheus::stop);
        }
    }

    @Test
    void shouldBeReady() throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(prometheus.url() + "/-/ready")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(prometheus.url()).startsWith("http://127.0.0.1:");
        assertThat(ready.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldScrapeFlinksReporterWithAConfigurationAndRulesPromtoolAccepts() throws Exception {
        Path config = dataDir.resolve("prometheus.yml");
        assertThat(Files.readString(config)).contains("job_name: cargowatch", "'127.0.0.1:9249', '127.0.0.1:9250'",
                "'127.0.0.1:9259'", "rule_files: [rules.yml]");

        assertThat(promtool("check", "config", config.toString())).contains("SUCCESS");
        assertThat(promtool("check", "rules", dataDir.resolve(PrometheusServer.RULES).toString()))
                .contains("SUCCESS");
    }

    /** Each alert at its threshold (lag 590 vs 610 s, 10 minutes without a seal fix, 4% vs 6% dead letters...). */
    @Test
    void shouldFireTheOperatorsAlertsExactlyAtTheirThresholds() throws Exception {
        Path tests = dataDir.resolve("rules-test.yml");
        try (var in = PrometheusServerIT.class.getResourceAsStream("rules-test.yml")) {
            Files.write(tests, in.readAllBytes());
        }

        assertThat(promtool("test", "rules", tests.toString())).contains("SUCCESS");
    }

    @Test
    void shouldEvaluateEveryRuleWithoutError() throws Exception {
        JsonNode groups = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            groups = get("/api/v1/rules").path("data").path("groups");
            boolean evaluated = groups.size() > 0;
            for (JsonNode group : groups) {
                for (JsonNode rule : group.path("rules")) {
                    evaluated &= !"unknown".equals(rule.path("health").asText());
                }
            }
            if (evaluated) {
                break;
            }
            Thread.sleep(500);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                names.add(rule.path("name").asText());
                assertThat(rule.path("health").asText()).as(rule.path("name").asText() + " "
                        + rule.path("lastError").asText()).isEqualTo("ok");
            }
        }
        assertThat(names).contains("cargowatch:records_in:rate5m", "CargowatchJobDown", "CargowatchNoSealInput",
                "CargowatchCheckpointsFailing", "CargowatchDeadLetterRate", "CargowatchEventTimeLag");
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(prometheus.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    /** Runs Debian's promtool (it comes with the prometheus package the server needs) and returns its output. */
    static String promtool(String... arguments) throws Exception {
        Path promtool = PrometheusServer.promtool();
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
