package vn.customs.cargowatch.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
    void shouldScrapeFlinksReporterWithAConfigurationPromtoolAccepts() throws Exception {
        Path config = dataDir.resolve("prometheus.yml");
        assertThat(Files.readString(config))
                .contains("'127.0.0.1:9249', '127.0.0.1:9250', '127.0.0.1:9251'");

        Path promtool = Path.of("/usr/bin/promtool");
        if (Files.isExecutable(promtool)) {
            Process check = new ProcessBuilder(promtool.toString(), "check", "config", config.toString())
                    .redirectErrorStream(true).start();
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes())).isZero();
        }
    }
}
