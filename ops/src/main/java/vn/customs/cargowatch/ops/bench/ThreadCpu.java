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

    static final double TICKS_PER_SECOND = 100; // CLK_TCK on Linux

    /** What a thread does, by its name as the kernel keeps it (15 characters at most). */
    enum Kind { JIT, GC, OTHER }

    /** A thread's kind and its CPU ticks when last read. */
    private record Sample(Kind kind, long ticks) {}

    private final Path tasks;
    private final Map<Long, Sample> byThread = new HashMap<>();

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
            String[] fields = fieldsAfterName(stat);
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            byThread.put(Long.parseLong(thread.getFileName().toString()),
                    new Sample(kindOf(name), Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
        } catch (IOException | RuntimeException ended) {
            // the thread ended between the listing and the read
        }
    }

    /** The CPU seconds of the threads of {@code kind} as last sampled. */
    double seconds(Kind kind) {
        return byThread.values().stream().filter(sample -> sample.kind() == kind).mapToLong(Sample::ticks).sum()
                / TICKS_PER_SECOND;
    }

    /**
     * The fields of a {@code /proc/.../stat} line from the third (state) on: the name (field 2) is in parentheses and
     * may hold spaces, so they are counted from after it. Field n of proc(5) is at index n - 3.
     */
    static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
