package vn.customs.cargowatch.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Flink session cluster, started once for the class: a JobManager and two TaskManagers of two slots, each its
 * own JVM. The JobManager notices a TaskManager killed with SIGKILL and registers a replacement.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterIT {

    /** heartbeat.timeout is 25 s; a killed TaskManager usually fails two heartbeat calls sooner. */
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(45);

    @TempDir
    static Path home;

    static FlinkCluster flink;

    @BeforeAll
    static void start() throws Exception {
        flink = ServerChecks.timed("flink (1 JobManager, 2 TaskManagers)", () -> FlinkCluster.start(home, 2, 2));
    }

    @AfterAll
    static void stopShouldLeaveNoProcessBehind() {
        if (flink == null) {
            return;
        }
        List<ServerProcess> processes = new ArrayList<>(List.of(flink.jobManager()));
        flink.taskManagers().forEach(tm -> processes.add(tm.process()));
        ServerChecks.assertStopLeavesNothingBehind(flink.jobManager(), flink.restPort(), flink::stop);
        for (ServerProcess process : processes) {
            assertThat(process.isAlive()).as(process.name() + " after stop").isFalse();
            assertThat(ProcessHandle.of(process.pid()).filter(ProcessHandle::isAlive)).as("pid " + process.pid())
                    .isEmpty();
        }
    }

    @Test
    @Order(1)
    void shouldRegisterTwoTaskManagersWithTwoSlotsEach() throws IOException {
        FlinkCluster.Overview overview = FlinkCluster.overview(flink.restUrl());

        assertThat(flink.taskManagerCount()).isEqualTo(2);
        assertThat(overview.taskManagers()).isEqualTo(2);
        assertThat(overview.slotsTotal()).isEqualTo(4);
        assertThat(overview.slotsAvailable()).isEqualTo(4);
        assertThat(overview.jobsRunning()).isZero();
        assertThat(overview.flinkVersion()).isEqualTo("2.2.1");
    }

    @Test
    @Order(2)
    void shouldServeRestOnLoopback() {
        assertThat(flink.restUrl()).isEqualTo("http://127.0.0.1:" + flink.restPort());
        assertThat(flink.webUi()).startsWith(flink.restUrl());
        assertThat(Ports.isOpen(flink.restPort())).isTrue();
    }

    @Test
    @Order(3)
    void shouldRunEveryTaskManagerInAJvmOfItsOwn() {
        List<Long> pids = flink.taskManagers().stream().map(tm -> tm.process().pid()).toList();

        assertThat(pids).hasSize(2).doesNotHaveDuplicates()
                .doesNotContain(ProcessHandle.current().pid(), flink.jobManager().pid());
        for (FlinkCluster.TaskManager tm : flink.taskManagers()) {
            // The PID is the JVM's own, not a shell's, so that a SIGKILL reaches the TaskManager itself.
            Optional<String> command = ProcessHandle.of(tm.process().pid()).flatMap(handle -> handle.info().command());
            assertThat(command).hasValueSatisfying(path -> assertThat(Path.of(path).getFileName()).hasToString("java"));
            assertThat(ProcessHandle.of(tm.process().pid()).flatMap(handle -> handle.info().arguments()))
                    .hasValueSatisfying(arguments -> assertThat(arguments).contains(
                            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                            "taskmanager.resource-id=" + tm.id()));
        }
    }

    @Test
    @Order(4)
    void shouldNoticeAKilledTaskManagerAndRegisterAReplacement() throws Exception {
        FlinkCluster.TaskManager killed = flink.killTaskManager(0);
        assertThat(killed.process().isAlive()).isFalse();

        long begin = System.nanoTime();
        awaitTaskManagers(1);
        System.out.printf("the JobManager noticed %s was killed after %.1f s%n", killed.id(),
                (System.nanoTime() - begin) / 1e9);

        FlinkCluster.TaskManager replacement = ServerChecks.timed("replacement TaskManager", flink::startTaskManager);
        assertThat(replacement.id()).isEqualTo("taskmanager-3");
        assertThat(flink.taskManagerCount()).isEqualTo(2);
        assertThat(FlinkCluster.overview(flink.restUrl()).slotsTotal()).isEqualTo(4);
    }

    private static void awaitTaskManagers(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + NOTICED_WITHIN.toNanos();
        int registered = flink.taskManagerCount();
        while (registered != count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            registered = flink.taskManagerCount();
        }
        assertThat(registered).as("TaskManagers registered " + NOTICED_WITHIN.toSeconds() + " s after the kill")
                .isEqualTo(count);
    }
}
