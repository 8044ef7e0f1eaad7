package vn.customs.cargowatch.ops.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import vn.customs.cargowatch.servers.CargowatchHome;

/**
 * One measured run of a program in a JVM of its own: its CPU time as the kernel accounts it for a child that has
 * ended ({@code cutime + cstime} of {@code /proc/self/stat}, which grow by exactly what a reaped child used, JIT and GC
 * threads included) and its wall time. The same measure for the pipeline, the floor and the peer, so that they compare.
 * Children are run one at a time: the accounting is of every child reaped meanwhile.
 */
final class ChildRun {

    /**
     * What one run took; of its CPU, what its JIT compiler and garbage collector threads took ({@link ThreadCpu}; NaN
     * when not sampled).
     */
    record Measured(double cpuSeconds, double wallSeconds, String output, double jitSeconds, double gcSeconds) {
        Measured(double cpuSeconds, double wallSeconds, String output) {
            this(cpuSeconds, wallSeconds, output, Double.NaN, Double.NaN);
        }
    }

    /** How often a child's threads are sampled. */
    private static final long SAMPLE_MILLIS = 200;

    private ChildRun() {}

    /** Runs {@code mainClass} with {@code args} on {@code classpath}, with this JVM's options; fails unless it exits 0. */
    static Measured java(String classpath, String mainClass, List<String> args, Path log) throws IOException,
            InterruptedException {
        return java(classpath, mainClass, args, log, List.of());
    }

    /** With {@code moreOptions} after this JVM's (a later {@code -Xmx} wins). */
    static Measured java(String classpath, String mainClass, List<String> args, Path log, List<String> moreOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(CargowatchHome.javaExecutable());
        command.addAll(jvmOptions());
        command.addAll(moreOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return run(command, log);
    }

    static Measured run(List<String> command, Path log) throws IOException, InterruptedException {
        long cpuBefore = childrenCpuTicks();
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ThreadCpu threads = new ThreadCpu(process.pid());
        long deadline = started + TimeUnit.HOURS.toNanos(2);
        while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
            threads.sample();
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(6, command.size())))
                        + " did not end within 2 hours");
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        double cpu = (childrenCpuTicks() - cpuBefore) / ThreadCpu.TICKS_PER_SECOND;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(command.indexOf("-cp") + 2,
                    command.size())) + " failed with exit code "
                    + process.exitValue() + "; its output is in " + log + ":\n" + tail(output));
        }
        return new Measured(cpu, wall, output, threads.seconds(ThreadCpu.Kind.JIT), threads.seconds(ThreadCpu.Kind.GC));
    }

    /** The options this JVM was started with (the launcher's --add-opens, -Xmx, the temp folder), for its children. */
    private static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-agentlib") && !option.startsWith("-javaagent"))
                .toList();
    }

    /** CPU ticks of every child this process has reaped: fields 16 and 17 of /proc/self/stat. */
    static long childrenCpuTicks() throws IOException {
        String[] fields = ThreadCpu.fieldsAfterName(Files.readString(Path.of("/proc/self/stat")));
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
