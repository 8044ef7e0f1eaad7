package vn.customs.cargowatch.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-process rules every server relies on, shown with shell one-liners instead of servers. */
class ServerProcessTest {

    @TempDir
    Path dir;

    private ServerProcess process;

    @AfterEach
    void noProcessOutlivesATest() {
        if (process != null) {
            process.kill();
        }
    }

    private ServerProcess start(String script, boolean newSession) throws IOException {
        process = ServerProcess.start("test", List.of("/bin/sh", "-c", script), dir, dir.resolve("server.log"),
                newSession);
        return process;
    }

    @Test
    void shouldQuoteTheEndOfTheLogWhenTheServerExitsWhileStarting() throws Exception {
        start("echo 'cannot bind 127.0.0.1:9092'; exit 3", false);

        assertThatThrownBy(() -> process.awaitReady(Duration.ofSeconds(10), () -> false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("test exited with code 3 while starting")
                .hasMessageContaining("cannot bind 127.0.0.1:9092");
    }

    @Test
    void shouldKillTheServerThatDoesNotServeInTime() throws Exception {
        start("exec sleep 30", false);

        assertThatThrownBy(() -> process.awaitReady(Duration.ofMillis(300), () -> false))
                .hasMessageContaining("test did not serve within 0 s");
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void shouldReturnOnceTheProbeSaysReady() throws Exception {
        Path marker = dir.resolve("ready");
        start("sleep 0.3; touch '" + marker + "'; exec sleep 30", false);

        process.awaitReady(Duration.ofSeconds(10), () -> Files.exists(marker));

        assertThat(process.isAlive()).isTrue();
    }

    @Test
    void shouldKillAServerThatIgnoresSigtermOnceTheGraceIsOver() throws Exception {
        // An ignored signal stays ignored across exec: sleep itself ignores SIGTERM.
        start("trap '' TERM; exec sleep 30", false);
        Thread.sleep(200);

        long begin = System.nanoTime();
        process.stop(Duration.ofMillis(500));

        assertThat(process.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - begin))
                .isBetween(Duration.ofMillis(450), Duration.ofSeconds(5));
    }

    @Test
    void shouldStopAtOnceAServerThatHonoursSigterm() throws Exception {
        start("exec sleep 30", false);

        long begin = System.nanoTime();
        process.stop();

        assertThat(process.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldRunADetachableServerInItsOwnSession() throws Exception {
        start("exec sleep 30", true);

        // Right after start the child may not have reached setsid yet: give it a moment.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sessionId(process.pid()) != process.pid() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sessionId(process.pid())).isEqualTo(process.pid());
    }

    /** Field 6 of /proc/<pid>/stat: a session leader's session id is its own pid. */
    private static long sessionId(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }

    @Test
    void shouldHeadTheLogWithTheCommand() throws Exception {
        start("echo started; exec sleep 30", false).awaitReady(Duration.ofSeconds(5), () -> true);

        assertThat(Files.readString(dir.resolve("server.log"))).startsWith("# ").contains("/bin/sh -c echo started");
    }

    @Test
    void shouldStopTheServerWhenTheJvmExits() throws Exception {
        long pid = runExitingJvm(false);

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void shouldLeaveADetachedServerRunningWhenTheJvmExits() throws Exception {
        long pid = runExitingJvm(true);

        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        try {
            assertThat(server.isAlive()).isTrue();
        } finally {
            assertThat(ServerProcess.stop(server, Duration.ofSeconds(5))).isTrue();
        }
    }

    /** Runs {@link ExitingJvm} in its own JVM and returns the pid of the server it started. */
    private long runExitingJvm(boolean detach) throws Exception {
        Process jvm = new ProcessBuilder(CargowatchHome.javaExecutable(), "-cp", System.getProperty("java.class.path"),
                ExitingJvm.class.getName(), dir.toString(), Boolean.toString(detach), Boolean.toString(detach))
                .redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes()).strip();
        assertThat(jvm.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).as(output).isZero();
        return Long.parseLong(output.lines().reduce((first, last) -> last).orElseThrow());
    }
}
