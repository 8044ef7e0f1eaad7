package vn.customs.cargowatch.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JIT's and the collector's threads, told by their names, and their CPU read from /proc. */
class ThreadCpuTest {

    @Test
    void shouldTellTheJitCompilerAndTheCollectorByTheirThreadsNames() {
        assertThat(ThreadCpu.kindOf("C2 CompilerThre")).isEqualTo(ThreadCpu.Kind.JIT);
        assertThat(ThreadCpu.kindOf("C1 CompilerThre")).isEqualTo(ThreadCpu.Kind.JIT);
        assertThat(ThreadCpu.kindOf("GC Thread#1")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.kindOf("G1 Refine#0")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.kindOf("trip timeline -")).isEqualTo(ThreadCpu.Kind.OTHER);
        assertThat(ThreadCpu.kindOf("main")).isEqualTo(ThreadCpu.Kind.OTHER);
    }

    @Test
    void shouldReadTheCpuOfThisJvmsCompilerAndNothingOfAProcessThatIsGone() {
        ThreadCpu self = new ThreadCpu(ProcessHandle.current().pid());
        self.sample();
        ThreadCpu gone = new ThreadCpu(Long.MAX_VALUE);
        gone.sample();

        assertThat(self.seconds(ThreadCpu.Kind.JIT)).as("this JVM has compiled the test's code").isPositive();
        assertThat(self.seconds(ThreadCpu.Kind.OTHER)).isPositive();
        assertThat(gone.seconds(ThreadCpu.Kind.JIT)).isZero();
    }
}
