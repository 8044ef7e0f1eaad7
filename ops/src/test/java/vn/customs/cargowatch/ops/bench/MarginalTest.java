package vn.customs.cargowatch.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The marginal figures of bench: the larger day less the smaller, per fix, and nothing when that is not positive. */
class MarginalTest {

    @Test
    void shouldDivideTheDifferenceOfTheTwoDaysByTheDifferenceInFixes() {
        Map<String, Double> figures = Bench.marginal(new Bench.Pair(measured(10.0, 8.0), measured(40.0, 20.0)),
                300_000);

        assertThat(figures.get("cpu_us_per_fix")).isCloseTo(100.0, within(1e-9));
        assertThat(figures.get("fixes_per_s")).isCloseTo(25_000.0, within(1e-9));
        assertThat(figures).containsEntry("cpu_s_small", 10.0).containsEntry("cpu_s_large", 40.0);
    }

    @Test
    void shouldMeasureNothingWhenTheLargerDayTookNoLongerThanTheSmaller() {
        Map<String, Double> sameWall = Bench.marginal(new Bench.Pair(measured(10.0, 8.0), measured(10.5, 8.0)), 15_000);
        Map<String, Double> lessCpu = Bench.marginal(new Bench.Pair(measured(10.0, 8.0), measured(9.9, 8.4)), 15_000);

        assertThat(sameWall).containsKey("fixes_per_s").containsEntry("fixes_per_s", null);
        assertThat(sameWall.get("cpu_us_per_fix")).isCloseTo(33.3, within(0.1));
        assertThat(lessCpu).containsEntry("cpu_us_per_fix", null);
        assertThat(lessCpu.get("fixes_per_s")).isCloseTo(37_500.0, within(1e-6));
    }

    @Test
    void shouldSayHowMuchOfTheFigureTheJitCompilerAndTheCollectorTookWhenTheirThreadsWereSampled() {
        Map<String, Double> sampled = Bench.marginal(new Bench.Pair(
                new ChildRun.Measured(10.0, 8.0, "", 4.0, 1.0), new ChildRun.Measured(40.0, 20.0, "", 13.0, 4.0)),
                300_000);
        Map<String, Double> notSampled = Bench.marginal(new Bench.Pair(measured(10.0, 8.0), measured(40.0, 20.0)),
                300_000);

        assertThat(sampled.get("jit_cpu_us_per_fix")).isCloseTo(30.0, within(1e-9));
        assertThat(sampled.get("gc_cpu_us_per_fix")).isCloseTo(10.0, within(1e-9));
        assertThat(notSampled).doesNotContainKeys("jit_cpu_us_per_fix", "gc_cpu_us_per_fix");
    }

    private static ChildRun.Measured measured(double cpuSeconds, double wallSeconds) {
        return new ChildRun.Measured(cpuSeconds, wallSeconds, "");
    }
}
