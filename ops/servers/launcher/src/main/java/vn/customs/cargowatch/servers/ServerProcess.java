package vn.customs.cargowatch.servers;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One server running as a child process of this JVM, its standard output and error appended to its own log
 * file.
 *
 * <p>Contract: {@link #start} returns as soon as the process is launched; {@link #awaitReady} then blocks until
 * a probe says the server serves, and fails (killing the process) if it exits or the timeout passes first,
 * quoting the end of its log. {@link #stop} sends SIGTERM, waits, then SIGKILLs; it is idempotent. Until
 * {@link #detach()} is called a JVM shutdown hook stops the process, so a test JVM that ends — normally, on
 * failure, or on SIGTERM/Ctrl-C — leaves no server behind. A process started with {@code newSession} runs in its
 * own session (setsid), so that once detached it survives this JVM and the terminal it was started from.
 */
public final class ServerProcess implements AutoCloseable {

    /** How long a server gets to shut down on SIGTERM before it is killed. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

    /** A shutdown hook runs while the JVM is exiting: keep the wait short, data of a test run is throwaway. */
    private static final Duration HOOK_GRACE = Duration.ofSeconds(3);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final int LOG_TAIL_LINES = 25;

    /** Says whether the server serves; an exception counts as "not yet". */
    @FunctionalInterface
    public interface Probe {
        boolean ready() throws IOException;
    }

    private final String name;
    private final Process process;
    private final Path logFile;
    private volatile Thread shutdownHook;

    private ServerProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Launches {@code command} in {@code workDir}, appending its output to {@code logFile}, with standard input
     * from /dev/null (nothing ties it to this JVM's streams).
     */
    public static ServerProcess start(String name, List<String> command, Path workDir, Path logFile,
            boolean newSession) throws IOException {
        List<String> fullCommand = new ArrayList<>();
        if (newSession && Files.isExecutable(SETSID)) {
            // A child of this JVM is not a process group leader, so setsid execs in place: same PID.
            fullCommand.add(SETSID.toString());
        }
        fullCommand.addAll(command);
        Process process = launch(fullCommand, workDir, logFile);
        ServerProcess server = new ServerProcess(name, process, logFile);
        server.shutdownHook = new Thread(() -> stop(process.toHandle(), HOOK_GRACE), "stop " + name);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        return server;
    }

    /**
     * Runs a one-off command (a format, an install) to its end, its output appended to {@code logFile}; returns
     * its exit code, or fails if it takes longer than {@code timeout} (it is then killed).
     */
    public static int run(List<String> command, Path workDir, Path logFile, Duration timeout) throws IOException {
        Process process = launch(command, workDir, logFile);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(command.get(0) + " took over " + timeout.toSeconds() + " s; see " + logFile);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static Process launch(List<String> command, Path workDir, Path logFile) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        // The command line heads its output: what ran is the first question when a server misbehaves.
        Files.writeString(logFile, "# " + Instant.now() + " " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectErrorStream(true)
                .start();
    }

    /**
     * Polls {@code probe} until it says ready. If the process exits or {@code timeout} passes first, or the wait
     * is interrupted, the process is killed and an exception tells why, with the end of the log.
     */
    public ServerProcess awaitReady(Duration timeout, Probe probe) throws IOException {
        try {
            pollUntilReady(timeout, probe);
            return this;
        } catch (IOException | RuntimeException e) {
            kill();
            throw e;
        }
    }

    private void pollUntilReady(Duration timeout, Probe probe) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException lastFailure = null;
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue() + " while starting; end of "
                        + logFile + ":\n" + logTail());
            }
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (IOException e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                String cause = lastFailure == null ? "" : " (last try: " + lastFailure + ")";
                throw new IOException(name + " did not serve within " + timeout.toSeconds() + " s" + cause
                        + "; end of " + logFile + ":\n" + logTail());
            }
            sleep(POLL_INTERVAL);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** When the OS started the process; with the PID it tells a later reader that a PID is still this server. */
    public Optional<Instant> startedAt() {
        return process.toHandle().info().startInstant();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Lets the process outlive this JVM: no shutdown hook stops it any more. */
    public void detach() {
        removeShutdownHook();
    }

    /** SIGTERM, up to {@link #DEFAULT_GRACE} to exit, then SIGKILL. */
    public void stop() {
        stop(DEFAULT_GRACE);
    }

    /** SIGTERM, up to {@code grace} to exit, then SIGKILL. Returns once the process is gone. */
    public void stop(Duration grace) {
        stop(process.toHandle(), grace);
        awaitReaped();
        removeShutdownHook();
    }

    /** SIGKILL at once: for throwaway data, when a clean shutdown only costs time. */
    public void kill() {
        stop(process.toHandle(), Duration.ZERO);
        awaitReaped();
        removeShutdownHook();
    }

    /** An exited child stays a zombie until this JVM's reaper thread collects it; wait for that too. */
    private void awaitReaped() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines of the log, to show why a server did not start. */
    public String logTail() {
        return logTail(logFile, LOG_TAIL_LINES);
    }

    static String logTail(Path logFile, int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Stops any process, ours or one a previous JVM left running: SIGTERM, up to {@code grace} to exit, then
     * SIGKILL. Returns true once the process is gone (false only if even SIGKILL did not end it in 10 s).
     */
    public static boolean stop(ProcessHandle handle, Duration grace) {
        return stopAll(List.of(handle), grace);
    }

    /** {@link #stop(ProcessHandle, Duration)} for several processes, which shut down in parallel. */
    public static boolean stopAll(Collection<ProcessHandle> handles, Duration grace) {
        if (!grace.isZero()) {
            handles.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + grace.toNanos();
            for (ProcessHandle handle : handles) {
                awaitExit(handle, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        }
        handles.stream().filter(ServerProcess::isRunning).forEach(ProcessHandle::destroyForcibly);
        boolean allGone = true;
        for (ProcessHandle handle : handles) {
            allGone &= awaitExit(handle, Duration.ofSeconds(10));
        }
        return allGone;
    }

    /**
     * True if the process exists and has not exited. A process that was not our child is a zombie from its exit
     * until init reaps it, which {@link ProcessHandle#isAlive()} counts as alive.
     */
    public static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            // The state follows the command name, which is in parentheses and may itself hold spaces.
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return handle.isAlive(); // no /proc (not Linux), or the process is gone already
        }
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(handle)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(handle);
            }
        }
        return true;
    }

    private void removeShutdownHook() {
        Thread hook = shutdownHook;
        shutdownHook = null;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook is running or about to, and does the same.
            }
        }
    }

    static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
