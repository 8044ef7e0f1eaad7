package vn.customs.cargowatch.ops.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU of a running JVM's JIT compiler threads and garbage collector threads, sampled from {@code
 * /proc/<pid>/task/<tid>/stat} (utime + stime, fields 14 and 15) while it runs: the last sample of each thread counts.
 * Both kinds of thread live as long as the JVM, so they are missed by at most one sampling period at its end; the
 * short-lived threads of the job are not needed here (the rest is the whole run's CPU less these two).
 *
 * <p>Why: the marginal CPU per fix of a replay counts the JIT's work on the larger day less its work on the smaller one,
 * and the JIT compiles more, and larger, methods the longer a run lasts; this says how much of the figure that is.
 */
final class ThreadCpu {

    private static final double TICKS_PER_SECOND = 100; // CLK_TCK on Linux

    /** What a thread does, by its name as the kernel keeps it (15 characters at most). */
    enum Kind { JIT, GC, OTHER }

    private final Path tasks;
    private final Map<Long, Long> ticksByThread = new HashMap<>();
    private final Map<Long, Kind> kindByThread = new HashMap<>();

    ThreadCpu(long pid) {
        this.tasks = Path.of("/proc", Long.toString(pid), "task");
    }

    static Kind kindOf(String threadName) {
        if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
            return Kind.JIT;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return Kind.GC;
        }
        return Kind.OTHER;
    }

    /** Reads every thread's CPU now; a process or thread that has ended meanwhile keeps its last sample. */
    void sample() {
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                sample(thread);
            }
        } catch (IOException ended) {
            // the process has ended: its last samples stand
        }
    }

    private void sample(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            long tid = Long.parseLong(thread.getFileName().toString());
            // the name (field 2) is in parentheses and may hold spaces: count from after it
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticksByThread.put(tid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            kindByThread.putIfAbsent(tid, kindOf(name));
        } catch (IOException | RuntimeException ended) {
            // the thread ended between the listing and the read
        }
    }

    /** The CPU seconds of the threads of {@code kind} as last sampled. */
    double seconds(Kind kind) {
        long ticks = 0;
        for (Map.Entry<Long, Long> thread : ticksByThread.entrySet()) {
            if (kindByThread.get(thread.getKey()) == kind) {
                ticks += thread.getValue();
            }
        }
        return ticks / TICKS_PER_SECOND;
    }
}
