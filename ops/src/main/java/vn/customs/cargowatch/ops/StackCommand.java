package vn.customs.cargowatch.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.customs.cargowatch.ops.metrics.BoundPrometheusReporterFactory;
import vn.customs.cargowatch.servers.CargowatchHome;
import vn.customs.cargowatch.servers.CassandraServer;
import vn.customs.cargowatch.servers.FlinkCluster;
import vn.customs.cargowatch.servers.KafkaServer;
import vn.customs.cargowatch.servers.Launch;
import vn.customs.cargowatch.servers.Ports;
import vn.customs.cargowatch.servers.PrometheusServer;
import vn.customs.cargowatch.servers.SmppServer;
import vn.customs.cargowatch.servers.SmppTestServer;
import vn.customs.cargowatch.servers.ServerProcess;

/**
 * {@code ./cargowatch stack up|status|down}: a real Kafka, Cassandra and Prometheus on 127.0.0.1, a Flink session
 * cluster (a JobManager with REST and the web UI, two TaskManagers), and a test SMSC that accepts any account and
 * logs the SMS it receives (so that {@code run} with {@code sms.smpp.host} set sends real SMPP without texting
 * anyone), running in the background after the command has returned.
 *
 * <p>{@code up} starts them in their own sessions (they outlive this JVM and the terminal), on their usual
 * ports when free, and records their PIDs, start times and ports in {@code .stack/stack.json}; data and logs stay
 * under {@code .stack/} from one run to the next. {@code status} trusts a recorded PID only if the process
 * still has the recorded start time, so a reused PID is not taken for a server. {@code down} sends SIGTERM to
 * all, SIGKILLs whatever is left after {@link #STOP_GRACE}, and removes the state file.
 */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Run a local Kafka, Cassandra, Flink session cluster, Prometheus and test SMSC on 127.0.0.1 in "
                + "the background (data and logs in .stack/).")
final class StackCommand implements Runnable {

    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** What {@code status} returns when the stack is not fully up, as LSB init scripts do. */
    static final int NOT_RUNNING = 3;

    private static final int KAFKA_PORT = 9092;
    private static final int CASSANDRA_PORT = 9042;
    private static final int PROMETHEUS_PORT = 9090;
    private static final int SMPP_PORT = 2775;
    private static final int FLINK_REST_PORT = 8081;
    private static final int FLINK_TASK_MANAGERS = 2;
    private static final int FLINK_SLOTS_PER_TASK_MANAGER = 2;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One server as {@code stack.json} records it. */
    record Server(String name, long pid, String startedAt, String address, int port, String log, String about) {}

    /** The content of {@code stack.json}. */
    record State(String startedAt, List<Server> servers) {}

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: up, status or down");
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start Kafka (9092), Cassandra (9042), a Flink session cluster (REST and web UI 8081, two "
                    + "TaskManagers), Prometheus (9090) and a test SMSC (2775), on free ports where those are taken.")
    int up() throws IOException {
        Path stack = stackFolder();
        Optional<State> previous = read(stack);
        if (previous.isPresent()) {
            List<Server> running = previous.get().servers().stream().filter(StackCommand::isOurs).toList();
            if (running.size() == previous.get().servers().size()) {
                System.out.println("The stack is already up:");
                previous.get().servers().forEach(server -> System.out.println(line(server, "running")));
                return 0;
            }
            if (!running.isEmpty()) {
                throw new UserError("the stack is partly up (" + String.join(", ", running.stream().map(Server::name)
                        .toList()) + " running): run ./cargowatch stack down first");
            }
            // Every recorded server is gone (a reboot, a kill): the file is stale.
            Files.delete(stateFile(stack));
        }

        checkInstalled();
        System.out.println("Starting the stack on 127.0.0.1; data and logs in " + stack + " ...");
        List<ServerProcess> started = new ArrayList<>();
        List<Server> servers = new ArrayList<>();
        try {
            long begin = System.nanoTime();
            KafkaServer kafka = KafkaServer.start(stack.resolve("kafka"),
                    Launch.detachedOn(Ports.preferredOrFree(KAFKA_PORT)));
            started.add(kafka.process());
            servers.add(recorded(kafka.process(), kafka.bootstrapServers(), kafka.port(),
                    "Kafka bootstrap.servers (KRaft, one node)", begin));

            begin = System.nanoTime();
            CassandraServer cassandra = CassandraServer.start(stack.resolve("cassandra"),
                    Launch.detachedOn(Ports.preferredOrFree(CASSANDRA_PORT)));
            started.add(cassandra.process());
            servers.add(recorded(cassandra.process(), Ports.HOST + ":" + cassandra.port(), cassandra.port(),
                    "CQL, local datacenter " + cassandra.localDatacenter(), begin));

            begin = System.nanoTime();
            FlinkCluster flink = FlinkCluster.start(stack.resolve("flink"),
                    Launch.detachedOn(Ports.preferredOrFree(FLINK_REST_PORT)), FLINK_TASK_MANAGERS,
                    FLINK_SLOTS_PER_TASK_MANAGER, flinkReporter());
            started.add(flink.jobManager());
            flink.taskManagers().forEach(taskManager -> started.add(taskManager.process()));
            servers.add(recorded(flink.jobManager(), flink.restUrl(), flink.restPort(),
                    "Flink JobManager: REST API and web UI (flink run -m " + Ports.HOST + ":" + flink.restPort() + ")",
                    begin));
            for (FlinkCluster.TaskManager taskManager : flink.taskManagers()) {
                servers.add(recorded(taskManager.process(), Ports.HOST + ":" + taskManager.rpcPort(),
                        taskManager.rpcPort(), "Flink TaskManager, " + FLINK_SLOTS_PER_TASK_MANAGER + " slots", begin));
            }

            begin = System.nanoTime();
            List<String> reporters = new ArrayList<>(PrometheusServer.FLINK_REPORTER_TARGETS);
            reporters.addAll(FlinkCluster.REPORTER_TARGETS);
            PrometheusServer prometheus = PrometheusServer.start(stack.resolve("prometheus"),
                    Launch.detachedOn(Ports.preferredOrFree(PROMETHEUS_PORT)), PrometheusServer.JOB, reporters);
            started.add(prometheus.process());
            servers.add(recorded(prometheus.process(), prometheus.url(), prometheus.port(),
                    "scrapes Flink's reporters on 127.0.0.1: 9249-9259 (jobs run here), " + FlinkCluster.REPORTER_PORTS
                            + " (the Flink cluster)", begin));

            begin = System.nanoTime();
            SmppServer smsc = SmppServer.start(stack.resolve("smsc"), Launch.detachedOn(Ports.preferredOrFree(SMPP_PORT)),
                    SmppTestServer.Behaviour.DEFAULT);
            started.add(smsc.process());
            servers.add(recorded(smsc.process(), smsc.host() + ":" + smsc.port(), smsc.port(),
                    "test SMSC (SMPP 3.4, any account): set sms.smpp.host/port; what it receives is in "
                            + smsc.messagesFile(), begin));

            write(stack, new State(Instant.now().toString(), servers));
        } catch (IOException | IllegalStateException e) {
            // Leave nothing half up: the next `up` should start from scratch.
            ServerProcess.stopAll(started.stream().map(process -> ProcessHandle.of(process.pid()))
                    .flatMap(Optional::stream).toList(), Duration.ofSeconds(10));
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new UserError("the stack did not start: " + reason);
        }
        // Recorded: from here on the servers belong to the stack, not to this JVM.
        started.forEach(ServerProcess::detach);
        System.out.println("Stop it with ./cargowatch stack down; check it with ./cargowatch stack status.");
        return 0;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say which servers of the stack are running; exit code 0 if all are, 3 if not.")
    int status() throws IOException {
        Path stack = stackFolder();
        Optional<State> state = read(stack);
        if (state.isEmpty()) {
            System.out.println("The stack is down (start it with ./cargowatch stack up).");
            return NOT_RUNNING;
        }
        boolean allRunning = true;
        for (Server server : state.get().servers()) {
            String condition;
            if (!isOurs(server)) {
                condition = "stopped";
                allRunning = false;
            } else if (!Ports.isOpen(server.port())) {
                condition = "not listening";
                allRunning = false;
            } else {
                condition = "running";
            }
            System.out.println(line(server, condition));
            if (server.name().equals(FlinkCluster.JOB_MANAGER) && condition.equals("running")) {
                allRunning &= printFlinkOverview(server, state.get());
            }
        }
        if (!allRunning) {
            System.out.println("Not all is running: ./cargowatch stack down, then up; logs in " + stack);
        }
        return allRunning ? 0 : NOT_RUNNING;
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop the servers of the stack (SIGTERM, SIGKILL after 30 s); data and logs stay in .stack/.")
    int down() throws IOException {
        Path stack = stackFolder();
        Optional<State> state = read(stack);
        if (state.isEmpty()) {
            System.out.println("The stack is not up.");
            return 0;
        }
        List<Server> running = state.get().servers().stream().filter(StackCommand::isOurs).toList();
        if (!running.isEmpty()) {
            System.out.println("Stopping " + String.join(", ", running.stream()
                    .map(server -> server.name() + " (pid " + server.pid() + ")").toList()) + " ...");
        }
        long begin = System.nanoTime();
        boolean stopped = ServerProcess.stopAll(running.stream().map(server -> ProcessHandle.of(server.pid()))
                .flatMap(Optional::stream).toList(), STOP_GRACE);
        if (!stopped) {
            throw new UserError("some servers of the stack did not stop, even on SIGKILL: "
                    + "see ./cargowatch stack status");
        }
        Files.delete(stateFile(stack));
        System.out.printf("The stack is down (%.1f s). Data and logs stay in %s; delete it to start afresh.%n",
                seconds(begin), stack);
        return 0;
    }

    /** Everything the servers need, checked before any starts: better than a stack that is half up. */
    private static void checkInstalled() {
        try {
            CargowatchHome.serverLib(KafkaServer.NAME);
            CargowatchHome.serverLib(CassandraServer.NAME);
            CargowatchHome.serverLib(FlinkCluster.NAME);
            PrometheusServer.executable();
        } catch (IllegalStateException | IOException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * The session cluster serves the job's metrics as local runs do: Flink's reporter bound to 127.0.0.1
     * ({@link BoundPrometheusReporterFactory}, loaded from this command's own jar).
     */
    private static FlinkCluster.Reporter flinkReporter() {
        try {
            return new FlinkCluster.Reporter(BoundPrometheusReporterFactory.class.getName(), Path.of(
                    BoundPrometheusReporterFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            throw new IllegalStateException("cannot tell where " + BoundPrometheusReporterFactory.class.getName()
                    + " was loaded from", e);
        }
    }

    /**
     * Under the JobManager's line, what its REST API says of the cluster; true if every TaskManager the stack
     * started is registered.
     */
    private static boolean printFlinkOverview(Server jobManager, State state) {
        long started = state.servers().stream().filter(server -> server.name().startsWith(FlinkCluster.TASK_MANAGER))
                .count();
        String indent = " ".repeat(40);
        try {
            FlinkCluster.Overview overview = FlinkCluster.overview(jobManager.address());
            System.out.printf("%s%d of %d TaskManagers registered (%d slots, %d free), %d jobs running; web UI %s/%n",
                    indent, overview.taskManagers(), started, overview.slotsTotal(), overview.slotsAvailable(),
                    overview.jobsRunning(), jobManager.address());
            return overview.taskManagers() >= started;
        } catch (IOException e) {
            System.out.println(indent + "its REST API does not answer (" + e.getMessage() + ")");
            return false;
        }
    }

    // ---- the state file ----

    private static Path stackFolder() {
        // The stack belongs to the checkout whose ./cargowatch runs, whatever the working directory; the servers'
        // jars are found through the same property.
        if (System.getProperty(CargowatchHome.PROPERTY) == null) {
            CargowatchHome.containing(StackCommand.class)
                    .ifPresent(root -> System.setProperty(CargowatchHome.PROPERTY, root.toString()));
        }
        try {
            return CargowatchHome.root().resolve(".stack");
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static Path stateFile(Path stack) {
        return stack.resolve("stack.json");
    }

    private static Optional<State> read(Path stack) {
        Path file = stateFile(stack);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), State.class));
        } catch (IOException e) {
            throw new UserError(file + " cannot be read (" + e.getMessage().lines().findFirst().orElse("")
                    + "): stop what it started by hand and delete it");
        }
    }

    private static void write(Path stack, State state) throws IOException {
        Files.createDirectories(stack);
        Path file = stateFile(stack);
        Path partial = stack.resolve("stack.json.tmp");
        JSON.writeValue(partial.toFile(), state);
        // A reader never sees half a file.
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    // ---- servers ----

    private static Server recorded(ServerProcess process, String address, int port, String about, long beginNanos) {
        Server server = new Server(process.name(), process.pid(),
                process.startedAt().map(Instant::toString).orElse(null), address, port,
                process.logFile().toString(), about);
        System.out.println(line(server, String.format("up in %.1f s", seconds(beginNanos))));
        return server;
    }

    /** True if the recorded PID is alive and is still the process that was started (same start time). */
    private static boolean isOurs(Server server) {
        return ProcessHandle.of(server.pid())
                .filter(ServerProcess::isRunning)
                .filter(handle -> server.startedAt() == null || handle.info().startInstant()
                        .map(started -> started.toString().equals(server.startedAt())).orElse(true))
                .isPresent();
    }

    /** {@code  kafka         127.0.0.1:9092          running       pid 4242   bootstrap.servers} */
    private static String line(Server server, String condition) {
        return String.format("  %-13s %-23s %-13s %-10s %s", server.name(), server.address(), condition,
                "pid " + server.pid(), server.about());
    }

    private static double seconds(long beginNanos) {
        return (System.nanoTime() - beginNanos) / 1e9;
    }
}
