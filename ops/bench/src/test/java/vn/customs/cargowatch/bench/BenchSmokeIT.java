package vn.customs.cargowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.ops.Cargowatch;

/**
 * The suite's run of {@code ./cargowatch bench --trips 50 --no-stack}, its state on 500 trips under way: it measures,
 * it does not judge. What it must do is measure all it says — the pipeline, the floor and the peer (here, after the
 * peer's module is packaged), the ratios, the state per trip — and write the keys the issue names to {@code --out};
 * a user's mistake is one line.
 */
class BenchSmokeIT {

    @TempDir
    Path work;

    @Test
    void shouldMeasureThePipelineTheFloorsThePeerAndTheStateOnASmallDay() throws Exception {
        Path out = work.resolve("figures/bench.json");

        assertThat(Cargowatch.run("bench", "--trips", "50", "--no-stack", "--active-trips", "500", "--out",
                out.toString())).isZero();

        JsonNode figures = Json.mapper().readTree(Files.readString(out));
        assertThat(figures.path("fixes").path("large").asLong()).isGreaterThan(figures.path("fixes").path("small")
                .asLong());
        for (String run : List.of("pipeline", "floor", "flink_floor", "peer")) {
            JsonNode measured = figures.path(run);
            assertThat(measured.path("cpu_s_small").asDouble()).as(run).isPositive();
            assertThat(measured.path("cpu_s_large").asDouble()).as(run).isPositive();
            // On 12 and 50 trips JVM start-up noise can outweigh the difference: then the figure is null, never a
            // negative or infinite rate (Bench.marginal).
            for (String figure : List.of("fixes_per_s", "cpu_us_per_fix")) {
                assertThat(measured.has(figure)).as(run + " " + figure).isTrue();
                if (!measured.path(figure).isNull()) {
                    assertThat(measured.path(figure).asDouble()).as(run + " " + figure).isPositive().isFinite();
                }
            }
        }
        assertThat(figures.path("peer_alerts").asText()).isEqualTo("same trips, same types");
        assertThat(figures.path("images").path("images").asInt()).as("the day's gate photos").isPositive();
        assertThat(figures.path("images").path("cpu_ms_per_image").asDouble()).isPositive().isFinite();
        for (String other : List.of("floor", "peer")) {
            JsonNode ratio = figures.path("ratios").path("pipeline_to_" + other);
            JsonNode theirs = figures.path(other).path("cpu_us_per_fix");
            JsonNode ours = figures.path("pipeline").path("cpu_us_per_fix");
            assertThat(figures.path("ratios").has("pipeline_to_" + other)).isTrue();
            if (theirs.isNull() || ours.isNull()) {
                assertThat(ratio.isNull()).as("pipeline_to_" + other + " of a figure not measured").isTrue();
            } else {
                assertThat(ratio.asDouble()).isCloseTo(theirs.asDouble() / ours.asDouble(),
                        org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        assertThat(figures.path("active_trips").asInt()).isEqualTo(500);
        assertThat(figures.path("state_bytes_per_active_trip").asDouble()).isPositive();
        assertThat(figures.path("heap_after_full_gc_bytes").asLong()).isPositive();
        assertThat(figures.path("latency_ms").isObject()).as("latency_ms, empty without the stack").isTrue();
        assertThat(figures.path("latency_ms").size()).isZero();
    }

    @Test
    void shouldRefuseADayTooSmallToDifferenceInOneLine() {
        StringWriter err = new StringWriter();

        assertThat(Cargowatch.run(new PrintWriter(err), "bench", "--trips", "3", "--no-stack")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").doesNotContain("Exception")
                .contains("--trips must be at least 8");
    }
}
