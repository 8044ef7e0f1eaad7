package vn.customs.cargowatch.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.ops.bench.Latency.Percentiles;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.servers.KafkaServer;

/**
 * The latency measurement on a real Kafka, the pipeline wired as {@code run} wires it, with a bound of 10 s: every
 * probe is answered; the barrier is decided as the truck arrives, long before the watermark passes it, and WRONG_ROUTE
 * comes in event time, the bound after the fix that completes it — so the measurement times what it says.
 */
class LatencyIT {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path work;

    @Test
    void shouldTimeTheBarrierAtOnceAndTheEventTimeAlertsAfterTheBound() throws Exception {
        try (KafkaServer kafka = KafkaServer.start(work.resolve("kafka"))) {
            Path config = Files.writeString(work.resolve("latency.yaml"), String.join("\n",
                    "kafka:",
                    "  bootstrapServers: " + kafka.bootstrapServers(),
                    "  idleTimeout: 2 s",
                    "events:",
                    "  outOfOrderness: " + BOUND.toSeconds() + " s",
                    "wrongRoute:",
                    "  minDuration: 20 s",
                    "checkpoint:",
                    "  dir: " + work.resolve("checkpoints"),
                    "metrics:",
                    "  port: off",
                    ""));

            Map<String, Percentiles> latency = Latency.measure(ConfigFile.settings(config), false,
                    new Latency.Options(50, Duration.ofSeconds(30), Duration.ofSeconds(2), 7));
            System.out.println("Latency on Kafka, 50 records/s for 30 s, bound 10 s (ms): " + latency);

            assertThat(latency).containsOnlyKeys(Latency.BARRIER, Latency.DOOR_OPENED, Latency.WRONG_ROUTE);
            assertThat(latency.values()).allSatisfy(answers -> {
                assertThat(answers.count()).isPositive();
                assertThat(answers.unanswered()).isZero();
            });
            assertThat(latency.get(Latency.BARRIER).p99()).as("decided on arrival, not by the watermark")
                    .isLessThan(BOUND.toMillis() / 2.0);
            assertThat(latency.get(Latency.WRONG_ROUTE).p50()).as("in event time: the bound after the fix")
                    .isGreaterThanOrEqualTo(BOUND.toMillis() - 1_000.0);
        }
    }
}
