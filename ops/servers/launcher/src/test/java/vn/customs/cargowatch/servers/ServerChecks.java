package vn.customs.cargowatch.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** What every server test checks the same way: how long a start takes, and that stop leaves nothing behind. */
final class ServerChecks {

    private ServerChecks() {}

    static <T> T timed(String name, Callable<T> start) throws Exception {
        long begin = System.nanoTime();
        T server = start.call();
        System.out.printf("%s serving after %.1f s%n", name, (System.nanoTime() - begin) / 1e9);
        return server;
    }

    /** Stops the server, then checks that its process is gone and its port closed; prints its RSS before. */
    static void assertStopLeavesNothingBehind(ServerProcess process, int port, Runnable stop) {
        long pid = process.pid();
        System.out.printf("%s (pid %d) RSS %s%n", process.name(), pid, rss(pid));
        long begin = System.nanoTime();
        stop.run();
        System.out.printf("%s stopped after %.1f s%n", process.name(), (System.nanoTime() - begin) / 1e9);

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("process " + pid).isNotEqualTo(
                java.util.Optional.of(true));
        assertThat(process.isAlive()).isFalse();
        assertThat(Ports.isOpen(port)).as("port " + port + " after stop").isFalse();
    }

    private static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> line.substring("VmRSS:".length()).trim())
                    .findFirst().orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }
}
