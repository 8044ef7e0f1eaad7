package vn.customs.cargowatch.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Prometheus (Debian's {@code prometheus} package) on 127.0.0.1, scraping a fixed list of targets every 5 s.
 *
 * <p>Contract: {@link #start} writes {@code prometheus.yml} into {@code dataDir}, keeps its time series under
 * it, and returns once {@code GET /-/ready} answers 200; its log is {@code dataDir/server.log}. The binary is
 * {@code /usr/bin/prometheus} (or the system property {@code cargowatch.prometheus}); if it is missing and this
 * process runs as root, it is installed once with apt-get, else start fails saying how to install it.
 */
public final class PrometheusServer implements AutoCloseable {

    public static final String NAME = "prometheus";
    public static final String BINARY_PROPERTY = "cargowatch.prometheus";

    /** The scrape job of cargowatch's jobs, which the rules select on ({@code job="cargowatch"}). */
    public static final String JOB = "cargowatch";

    /** Where the Flink Prometheus reporter of local jobs listens: {@code metrics.port}'s default 9249-9259. */
    public static final List<String> FLINK_REPORTER_TARGETS =
            IntStream.rangeClosed(9249, 9259).mapToObj(port -> "127.0.0.1:" + port).toList();

    /** The operators' recording and alerting rules ({@code ops/prometheus/rules.yml}), loaded by every start. */
    public static final String RULES = "rules.yml";

    private static final Path DEBIAN_BINARY = Path.of("/usr/bin/prometheus");
    private static final String INSTALL = "apt-get install -y --no-install-recommends prometheus";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(5);
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);

    private final ServerProcess process;
    private final int port;

    private PrometheusServer(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Prometheus on a free port, scraping Flink's reporter, stopped with this JVM at the latest. */
    public static PrometheusServer start(Path dataDir) throws IOException {
        return start(dataDir, Launch.DEFAULT, JOB, FLINK_REPORTER_TARGETS);
    }

    /**
     * Starts Prometheus as {@code launch} says, scraping {@code targets} ({@code host:port}) as job
     * {@code jobName}.
     *
     * @throws IOException if Prometheus is missing and cannot be installed, or does not serve in time
     */
    public static PrometheusServer start(Path dataDir, Launch launch, String jobName, List<String> targets)
            throws IOException {
        return start(dataDir, launch, jobName, targets, DEFAULT_SCRAPE_INTERVAL);
    }

    /** Like {@link #start(Path, Launch, String, List)}, scraping and evaluating rules every {@code interval}. */
    public static PrometheusServer start(Path dataDir, Launch launch, String jobName, List<String> targets,
            Duration interval) throws IOException {
        String binary = executable();
        Path dir = dataDir.toAbsolutePath();
        int port = launch.port() != 0 ? launch.port() : Ports.free();
        String quotedTargets = targets.stream().map(target -> "'" + target + "'").collect(Collectors.joining(", "));
        Path config = Templates.write("prometheus.yml", Map.of("jobName", jobName, "targets", quotedTargets,
                "interval", interval.toMillis() + "ms"), dir.resolve("prometheus.yml"));
        Templates.copy(RULES, dir.resolve(RULES));
        List<String> command = List.of(binary,
                "--config.file=" + config,
                "--web.listen-address=" + Ports.HOST + ":" + port,
                "--storage.tsdb.path=" + dir.resolve("data"));
        ServerProcess process = ServerProcess.start(NAME, command, dir, dir.resolve("server.log"), launch.detached());
        process.awaitReady(START_TIMEOUT, () -> httpStatus(port, "/-/ready") == 200);
        return new PrometheusServer(process, port);
    }

    /** {@code http://127.0.0.1:<port>}: the web UI and the HTTP API ({@code /api/v1/query}). */
    public String url() {
        return "http://" + Ports.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public ServerProcess process() {
        return process;
    }

    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** Debian's promtool, which comes with the prometheus package {@link #executable()} finds or installs. */
    public static Path promtool() throws IOException {
        return Path.of(executable()).resolveSibling("promtool");
    }

    /**
     * The prometheus executable: the system property, else Debian's, installing the package if it is missing
     * and we are root (as on a CI runner or a fresh container).
     */
    public static synchronized String executable() throws IOException {
        String property = System.getProperty(BINARY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return property;
        }
        if (Files.isExecutable(DEBIAN_BINARY)) {
            return DEBIAN_BINARY.toString();
        }
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IOException(DEBIAN_BINARY + " is missing: install Prometheus with sudo " + INSTALL);
        }
        Path aptLog = Files.createTempFile("cargowatch-apt-", ".log");
        // The package lists of a fresh container are empty: install fails, so update them once and retry.
        if (apt(aptLog, "install", "-y", "--no-install-recommends", "prometheus") != 0) {
            apt(aptLog, "update");
            apt(aptLog, "install", "-y", "--no-install-recommends", "prometheus");
        }
        if (!Files.isExecutable(DEBIAN_BINARY)) {
            throw new IOException(DEBIAN_BINARY + " is missing and '" + INSTALL + "' failed (see " + aptLog
                    + "): install Prometheus 2.x and set -D" + BINARY_PROPERTY + "=<path>");
        }
        return DEBIAN_BINARY.toString();
    }

    private static int apt(Path log, String... arguments) throws IOException {
        // No debconf questions: nobody is there to answer them.
        List<String> command = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get"));
        command.addAll(List.of(arguments));
        try {
            return ServerProcess.run(command, log.getParent(), log, APT_TIMEOUT);
        } catch (IOException e) {
            return -1; // too slow: said with the log when the binary is still missing
        }
    }

    /** The status code of an HTTP/1.0 GET on 127.0.0.1:{@code port}; plain socket, no client threads. */
    static int httpStatus(int port, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + Ports.HOST + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n' && statusLine.length() < 200; c = in.read()) {
                statusLine.append((char) c);
            }
            String[] parts = statusLine.toString().trim().split(" ");
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            return Integer.parseInt(parts[1]);
        }
    }
}
