package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local Flink of {@code demo}, {@code replay} and {@code run} listens on the loopback interface only: every TCP
 * socket this JVM listens on while a replay runs (the BlobServer, the REST endpoint, the data exchange between
 * tasks, the Prometheus endpoint) is bound to 127.0.0.1 or ::1, so that no one on the office network reaches them.
 */
class LoopbackIT {

    @TempDir
    Path work;

    @Test
    void shouldListenOnTheLoopbackInterfaceOnlyWhileAReplayRuns() throws Exception {
        assumeTrue(ListeningSockets.available(), "this machine does not list a process's sockets (/proc)");
        Path input = work.resolve("in");
        assertThat(Cargowatch.run("simulate", "--out", input.toString(), "--trips", "2")).isZero();
        Set<ListeningSockets.Listening> before = ListeningSockets.ofThisJvm();
        Set<ListeningSockets.Listening> seen = ConcurrentHashMap.newKeySet();
        AtomicReference<Exception> failure = new AtomicReference<>();
        ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor();
        poll.scheduleWithFixedDelay(() -> {
            try {
                seen.addAll(ListeningSockets.ofThisJvm());
            } catch (Exception e) {
                failure.set(e);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);

        int exit;
        try {
            exit = Cargowatch.run("replay", "--input", input.toString(), "--output", work.resolve("out").toString());
        } finally {
            poll.shutdown();
            poll.awaitTermination(5, TimeUnit.SECONDS);
        }

        assertThat(exit).isZero();
        assertThat(failure.get()).isNull();
        seen.removeAll(before);
        // at least the BlobServer and the REST endpoint; the rest depends on what Flink starts
        assertThat(seen).as("sockets the replay listened on").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(socket -> assertThat(socket.loopback()).as(socket + " is on the loopback interface")
                        .isTrue());
    }
}
