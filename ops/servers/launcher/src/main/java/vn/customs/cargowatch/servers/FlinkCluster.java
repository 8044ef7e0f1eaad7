package vn.customs.cargowatch.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A Flink session cluster on 127.0.0.1: one JobManager and {@code N} TaskManagers, each in its own JVM, run from
 * the jars in {@code ops/servers/flink/target/lib} (what a Flink distribution has in its {@code lib/}).
 *
 * <p>Contract: {@link #start} writes {@code conf/config.yaml}, the log4j2 configuration and the JVM flags into
 * {@code home}, starts the JobManager ({@code StandaloneSessionClusterEntrypoint}) and the TaskManagers
 * ({@code TaskManagerRunner}) with the memory flags Flink's own scripts would give them, and returns once every
 * TaskManager is registered with all its slots (REST {@code GET /taskmanagers}). The REST API and the web UI are
 * on {@link #restUrl()}; each JVM logs to {@code home/jobmanager/server.log} or
 * {@code home/taskmanager-<n>/server.log} (the web UI shows these too) and keeps its temporary files beside it;
 * checkpoints and savepoints go to {@code home/checkpoints} and {@code home/savepoints}. TaskManager {@code n} has
 * resource id {@code taskmanager-<n>}; a replacement ({@link #startTaskManager()}) gets the next number, never a
 * dead one's.
 *
 * <p>Every process is a {@link ServerProcess}: the PID is the JVM's own (never a shell's), so {@link
 * #killTaskManager(int)} is a real SIGKILL of a TaskManager, as a crash would be, and a test JVM that ends leaves
 * no JVM of the cluster behind. All listen on 127.0.0.1: REST on the port {@link Launch} says, the JobManager's
 * and each TaskManager's RPC on a free port chosen at start, every other port (blob server, data exchange, metric
 * queries) wherever the OS puts it.
 */
public final class FlinkCluster implements AutoCloseable {

    public static final String NAME = "flink";
    public static final String JOB_MANAGER = "jobmanager";
    public static final String TASK_MANAGER = "taskmanager";

    /**
     * Where the cluster's JVMs serve Flink's Prometheus reporter (each takes the first free port): apart from
     * {@code metrics.port}'s 9249-9259, where jobs run by the command line serve theirs.
     */
    public static final String REPORTER_PORTS = "9260-9269";

    /** {@link #REPORTER_PORTS} as Prometheus targets. */
    public static final List<String> REPORTER_TARGETS =
            IntStream.rangeClosed(9260, 9269).mapToObj(port -> Ports.HOST + ":" + port).toList();

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration MEMORY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(3);
    private static final String ENTRYPOINT = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER_RUNNER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Flink's Prometheus reporter on every JVM of the cluster, on 127.0.0.1 at the first free port of {@link
     * #REPORTER_PORTS}. Flink's own factory takes a port but no address and listens on every interface, so the
     * factory is the caller's: a {@code MetricReporterFactory} that takes properties {@code host} and {@code port} (a
     * port or a range), as cargowatch-ops' {@code BoundPrometheusReporterFactory} does, loaded from {@code
     * classpath} (its jar, which the cluster copies so that a rebuild does not change it under running JVMs, or a
     * class folder).
     */
    public record Reporter(String factoryClass, Path classpath) {}

    /** What {@code GET /overview} says of a running cluster. */
    public record Overview(int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning,
            String flinkVersion) {}

    /**
     * A TaskManager of this cluster: its number, its resource id ({@code taskmanager-<n>}), the port of its RPC
     * endpoint (which the JobManager calls) and its JVM.
     */
    public record TaskManager(int number, String id, int rpcPort, ServerProcess process) {}

    private final Path home;
    private final Path conf;
    private final String classpath;
    private final int restPort;
    private final int slotsPerTaskManager;
    private final boolean detached;
    private final ServerProcess jobManager;
    private final Resources taskManagerResources;
    private final List<TaskManager> taskManagers = new ArrayList<>();
    private int lastNumber;

    /** What Flink's scripts derive from the memory settings: JVM flags, and dynamic properties for the main class. */
    private record Resources(List<String> jvmFlags, List<String> dynamicProperties) {}

    private FlinkCluster(Path home, String classpath, int restPort, int slotsPerTaskManager, boolean detached,
            ServerProcess jobManager, Resources taskManagerResources) {
        this.home = home;
        this.conf = home.resolve("conf");
        this.classpath = classpath;
        this.restPort = restPort;
        this.slotsPerTaskManager = slotsPerTaskManager;
        this.detached = detached;
        this.jobManager = jobManager;
        this.taskManagerResources = taskManagerResources;
    }

    /**
     * Starts a cluster with REST on a free port and no metrics reporter, stopped with this JVM at the latest: what
     * tests want.
     */
    public static FlinkCluster start(Path home, int taskManagers, int slotsPerTaskManager) throws IOException {
        return start(home, Launch.DEFAULT, taskManagers, slotsPerTaskManager, null);
    }

    /**
     * Starts a cluster with REST on the port {@code launch} says (0: a free one), in their own sessions if it says
     * so, serving {@code reporter} (null for none) from every JVM.
     *
     * @throws IOException if a JVM exits while starting or not every TaskManager registers in time (then none of
     *     the cluster's processes is left)
     * @throws IllegalStateException if Flink's jars have not been built
     */
    public static FlinkCluster start(Path home, Launch launch, int taskManagers, int slotsPerTaskManager,
            Reporter reporter) throws IOException {
        if (taskManagers < 1 || slotsPerTaskManager < 1) {
            throw new IllegalArgumentException("a cluster needs a TaskManager and a slot, not " + taskManagers
                    + " TaskManagers with " + slotsPerTaskManager + " slots");
        }
        Path lib = CargowatchHome.serverLib(NAME);
        Path dir = home.toAbsolutePath();
        Path conf = dir.resolve("conf");
        int[] free = Ports.free(2);
        int restPort = launch.port() != 0 ? launch.port() : free[0];
        int rpcPort = free[1] != restPort ? free[1] : free[0];

        String classpath = lib.resolve("*").toString();
        String metricsReporter = "# No metrics reporter.";
        if (reporter != null) {
            classpath += File.pathSeparator + reporterClasspath(reporter.classpath(), conf);
            metricsReporter = String.join("\n",
                    "# Flink's Prometheus reporter, bound to 127.0.0.1 (" + reporter.factoryClass() + ").",
                    "metrics.reporters: prom",
                    "metrics.reporter.prom.factory.class: " + reporter.factoryClass(),
                    "metrics.reporter.prom.host: " + Ports.HOST,
                    "metrics.reporter.prom.port: " + REPORTER_PORTS,
                    // Label values as the data names them (topic "seal.fixes"), as local runs serve them.
                    "metrics.reporter.prom.filterLabelValueCharacters: false");
        }
        Path jobManagerDir = dir.resolve(JOB_MANAGER);
        Map<String, Object> values = new HashMap<>();
        values.put("rpcPort", rpcPort);
        values.put("restPort", restPort);
        values.put("slots", slotsPerTaskManager);
        values.put("checkpoints", yamlUri(dir.resolve("checkpoints")));
        values.put("savepoints", yamlUri(dir.resolve("savepoints")));
        values.put("jobManagerTmp", Templates.yamlPath(jobManagerDir.resolve("tmp")));
        values.put("uploads", Templates.yamlPath(jobManagerDir.resolve("uploads")));
        values.put("metricsReporter", metricsReporter);
        Templates.write("flink-config.yaml", values, conf.resolve("config.yaml"));
        Templates.write("flink-log4j2.properties", Map.of(), conf.resolve("log4j2.properties"));
        Templates.write("flink-jvm17.args", Map.of(), conf.resolve("jvm17.args"));
        Files.createDirectories(jobManagerDir.resolve("tmp"));

        Resources jobManagerResources = resources("GET_JM_RESOURCE_PARAMS", lib, conf);
        Path jobManagerLog = jobManagerDir.resolve("server.log");
        List<String> command = java(conf, classpath, jobManagerResources.jvmFlags(), jobManagerLog);
        command.addAll(List.of(ENTRYPOINT, "--configDir", conf.toString()));
        command.addAll(jobManagerResources.dynamicProperties());
        ServerProcess jobManager = ServerProcess.start(JOB_MANAGER, command, jobManagerDir, jobManagerLog,
                launch.detached());

        FlinkCluster cluster;
        try {
            // Computed while the JobManager starts; the same for every TaskManager, replacements included.
            Resources taskManagerResources = resources("GET_TM_RESOURCE_PARAMS", lib, conf);
            cluster = new FlinkCluster(dir, classpath, restPort, slotsPerTaskManager, launch.detached(), jobManager,
                    taskManagerResources);
        } catch (IOException | RuntimeException e) {
            jobManager.kill();
            throw e;
        }
        try {
            for (int i = 0; i < taskManagers; i++) {
                cluster.launchTaskManager();
            }
            Set<String> expected = cluster.taskManagers.stream().map(TaskManager::id)
                    .collect(Collectors.toCollection(TreeSet::new));
            jobManager.awaitReady(START_TIMEOUT, () -> cluster.registered(expected));
            return cluster;
        } catch (IOException e) {
            // The JobManager's log is in the message; a TaskManager's may tell why it did not register.
            String tails = cluster.taskManagers.stream()
                    .map(tm -> "\nend of " + tm.process().logFile() + ":\n" + tm.process().logTail())
                    .collect(Collectors.joining());
            cluster.kill();
            throw new IOException("the Flink cluster did not start: " + e.getMessage() + tails, e);
        } catch (TaskManagerExited e) {
            cluster.kill();
            throw new IOException("the Flink cluster did not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cluster.kill();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>}: Flink's REST API. */
    public String restUrl() {
        return "http://" + Ports.HOST + ":" + restPort;
    }

    /** The web UI, served by the JobManager at the root of the REST address. */
    public String webUi() {
        return restUrl() + "/";
    }

    public int restPort() {
        return restPort;
    }

    public Path home() {
        return home;
    }

    public ServerProcess jobManager() {
        return jobManager;
    }

    /** The TaskManagers started and not killed, in the order they were started. */
    public List<TaskManager> taskManagers() {
        return List.copyOf(taskManagers);
    }

    /** How many TaskManagers the JobManager has registered now (REST {@code GET /taskmanagers}). */
    public int taskManagerCount() throws IOException {
        return get(restUrl(), "/taskmanagers").path("taskmanagers").size();
    }

    /** What the JobManager at {@code restUrl} says of its cluster; also for a cluster another JVM started. */
    public static Overview overview(String restUrl) throws IOException {
        JsonNode overview = get(restUrl, "/overview");
        return new Overview(overview.path("taskmanagers").asInt(), overview.path("slots-total").asInt(),
                overview.path("slots-available").asInt(), overview.path("jobs-running").asInt(),
                overview.path("flink-version").asText());
    }

    /**
     * Kills the {@code index}-th TaskManager of {@link #taskManagers()} with SIGKILL, as a crash would, and returns
     * it once its JVM is gone. The JobManager notices when heartbeats fail (within {@code heartbeat.timeout}, 25 s).
     */
    public TaskManager killTaskManager(int index) {
        TaskManager killed = taskManagers.remove(index);
        killed.process().kill();
        return killed;
    }

    /**
     * Starts another TaskManager (a replacement for one killed, or one more) and returns once it is registered with
     * all its slots.
     *
     * @throws IOException if it exits or does not register in time (it is then gone)
     */
    public TaskManager startTaskManager() throws IOException {
        TaskManager started = launchTaskManager();
        try {
            started.process().awaitReady(START_TIMEOUT, () -> registered(Set.of(started.id())));
            return started;
        } catch (TaskManagerExited e) {
            taskManagers.remove(started);
            throw new IOException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            taskManagers.remove(started);
            throw e;
        }
    }

    /** Stops every JVM of the cluster at once: SIGTERM, SIGKILL after {@link ServerProcess#DEFAULT_GRACE}. */
    public void stop() {
        stop(ServerProcess.DEFAULT_GRACE);
    }

    /** SIGKILL to every JVM of the cluster: for throwaway data. */
    public void kill() {
        stop(Duration.ZERO);
    }

    @Override
    public void close() {
        stop();
    }

    private void stop(Duration grace) {
        List<ServerProcess> all = new ArrayList<>();
        all.add(jobManager);
        taskManagers.forEach(tm -> all.add(tm.process()));
        // In parallel: each JVM takes a few seconds to shut down, and they need not wait for each other.
        ServerProcess.stopAll(all.stream().flatMap(process -> ProcessHandle.of(process.pid()).stream()).toList(),
                grace);
        // All gone now: this only reaps each child and drops its shutdown hook.
        all.forEach(ServerProcess::kill);
    }

    private TaskManager launchTaskManager() throws IOException {
        int number = ++lastNumber;
        String id = TASK_MANAGER + "-" + number;
        Path dir = home.resolve(id);
        Path tmp = dir.resolve("tmp");
        Files.createDirectories(tmp);
        Path logFile = dir.resolve("server.log");
        int rpcPort = Ports.free();
        List<String> command = java(conf, classpath, taskManagerResources.jvmFlags(), logFile);
        command.addAll(List.of(TASK_MANAGER_RUNNER, "--configDir", conf.toString()));
        command.addAll(taskManagerResources.dynamicProperties());
        // Its own name, so the REST API tells TaskManagers apart; a known RPC port, so that whoever started it can
        // tell it listens; its own temporary files (RocksDB's too).
        command.addAll(List.of("-D", "taskmanager.resource-id=" + id, "-D", "taskmanager.rpc.port=" + rpcPort,
                "-D", "io.tmp.dirs=" + tmp));
        ServerProcess process = ServerProcess.start(id, command, dir, logFile, detached);
        TaskManager taskManager = new TaskManager(number, id, rpcPort, process);
        taskManagers.add(taskManager);
        return taskManager;
    }

    /**
     * True if every TaskManager in {@code ids} is registered with all its slots; fails at once if one of them has
     * exited, with the end of its log.
     */
    private boolean registered(Set<String> ids) throws IOException {
        for (TaskManager taskManager : taskManagers) {
            if (ids.contains(taskManager.id()) && !taskManager.process().isAlive()) {
                throw new TaskManagerExited(taskManager.id() + " exited while starting; end of "
                        + taskManager.process().logFile() + ":\n" + taskManager.process().logTail());
            }
        }
        Set<String> missing = new TreeSet<>(ids);
        for (JsonNode registered : get(restUrl(), "/taskmanagers").path("taskmanagers")) {
            if (registered.path("slotsNumber").asInt() == slotsPerTaskManager) {
                missing.remove(registered.path("id").asText());
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(missing + " not registered with " + slotsPerTaskManager + " slots yet");
        }
        return true;
    }

    /** Stops the wait for registration at once: an exception from a probe other than an IOException does. */
    private static final class TaskManagerExited extends RuntimeException {
        TaskManagerExited(String message) {
            super(message);
        }
    }

    /** The java command line of a JobManager or TaskManager, up to its main class. */
    private static List<String> java(Path conf, String classpath, List<String> memory, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(CargowatchHome.javaExecutable());
        // What Flink 2 needs opened on Java 17: the root pom's flink.jvm.opens, which the tests' JVMs get too.
        command.add("@" + conf.resolve("jvm17.args"));
        command.addAll(memory);
        command.add("-Djava.awt.headless=true");
        // log.file: the web UI's and the REST API's log views read it.
        command.add("-Dlog.file=" + logFile);
        command.add("-Dlog4j2.configurationFile=" + conf.resolve("log4j2.properties"));
        command.add("-cp");
        command.add(classpath);
        return command;
    }

    /**
     * The JVM flags and the dynamic properties Flink's start scripts give a JobManager ({@code GET_JM_RESOURCE_PARAMS})
     * or TaskManager ({@code GET_TM_RESOURCE_PARAMS}) for the memory {@code config.yaml} sets: Flink splits a process
     * size into heap, direct and metaspace limits, and the TaskManager's components must match its JVM's.
     */
    private static Resources resources(String which, Path lib, Path conf) throws IOException {
        Path output = conf.resolve(which.toLowerCase().replace('_', '-') + ".log");
        Files.deleteIfExists(output);
        List<String> command = new ArrayList<>(List.of(CargowatchHome.javaExecutable(),
                // A JVM that lives a second: no time for the optimising compiler to pay off.
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + conf.resolve("log4j2.properties"),
                "-cp", lib.resolve("*").toString(), BASH_JAVA_UTILS, which, "--configDir", conf.toString()));
        int exit = ServerProcess.run(command, conf, output, MEMORY_TIMEOUT);
        List<List<String>> results = Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith(RESULT_PREFIX))
                .map(line -> Arrays.stream(line.substring(RESULT_PREFIX.length()).trim().split("\\s+"))
                        .filter(part -> !part.isEmpty()).toList())
                .toList();
        if (exit != 0 || results.size() < 2) {
            throw new IOException("Flink's " + which + " failed (exit code " + exit + "); end of " + output + ":\n"
                    + ServerProcess.logTail(output, 25));
        }
        // The last two: the JVM flags, then the dynamic properties (-D key=value).
        return new Resources(results.get(results.size() - 2), results.get(results.size() - 1));
    }

    /** The reporter's jar copied into {@code conf} (a rebuild must not rewrite it under running JVMs), or a folder. */
    private static String reporterClasspath(Path classpath, Path conf) throws IOException {
        if (Files.isDirectory(classpath)) {
            return classpath.toAbsolutePath().toString();
        }
        Path copy = conf.resolve("reporter").resolve(classpath.getFileName());
        Files.createDirectories(copy.getParent());
        Files.copy(classpath, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy.toString();
    }

    /** A folder as a double-quoted {@code file://} URI, as Flink wants checkpoint and savepoint folders. */
    private static String yamlUri(Path folder) {
        return "\"" + folder.toAbsolutePath().toUri() + "\"";
    }

    /** {@code GET restUrl + path}, its JSON body; an answer other than 200 is an IOException. */
    private static JsonNode get(String restUrl, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(restUrl + path).toURL().openConnection();
        connection.setConnectTimeout((int) HTTP_TIMEOUT.toMillis());
        connection.setReadTimeout((int) HTTP_TIMEOUT.toMillis());
        try {
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("GET " + path + " answered " + status);
            }
            try (InputStream in = connection.getInputStream()) {
                return JSON.readTree(in);
            }
        } finally {
            connection.disconnect();
        }
    }
}
