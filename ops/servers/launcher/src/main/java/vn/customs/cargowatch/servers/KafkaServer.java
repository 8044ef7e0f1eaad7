package vn.customs.cargowatch.servers;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A single-node Kafka 4.4 broker (KRaft, broker and controller in one JVM) on 127.0.0.1, run from the jars in
 * {@code ops/servers/kafka/target/lib}.
 *
 * <p>Contract: {@link #start} formats {@code dataDir} the first time (a folder already formatted keeps its
 * topics), writes {@code server.properties} and the log4j2 configuration there, and returns once the broker
 * answers a Kafka request on {@link #bootstrapServers()}; its log is {@code dataDir/server.log}. Topics are
 * created automatically on first use with one partition.
 */
public final class KafkaServer implements AutoCloseable {

    public static final String NAME = "kafka";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final short API_VERSIONS = 18;

    private final ServerProcess process;
    private final int port;

    private KafkaServer(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a broker on a free port that stops with this JVM at the latest. */
    public static KafkaServer start(Path dataDir) throws IOException {
        return start(dataDir, Launch.DEFAULT);
    }

    /**
     * Starts a broker as {@code launch} says; the controller listens on another free port.
     *
     * @throws IOException if it cannot be formatted or does not serve in time (the process is then gone)
     * @throws IllegalStateException if the broker's jars have not been built
     */
    public static KafkaServer start(Path dataDir, Launch launch) throws IOException {
        Path lib = CargowatchHome.serverLib(NAME);
        Path dir = dataDir.toAbsolutePath();
        int[] free = Ports.free(2);
        int port = launch.port() != 0 ? launch.port() : free[0];
        int controllerPort = free[1] != port ? free[1] : free[0];
        Path logDirs = dir.resolve("data");
        Path properties = Templates.write("kafka-server.properties",
                Map.of("port", port, "controllerPort", controllerPort, "logDirs", logDirs),
                dir.resolve("server.properties"));
        Path log4j = Templates.write("kafka-log4j2.properties", Map.of(), dir.resolve("log4j2.properties"));
        Path logFile = dir.resolve("server.log");
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            format(lib, properties, log4j, dir, logFile);
        }

        List<String> command = java(lib, log4j, dir);
        command.addAll(List.of("-Xms256m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(List.of("kafka.Kafka", properties.toString()));
        ServerProcess process = ServerProcess.start(NAME, command, dir, logFile, launch.detached());
        process.awaitReady(START_TIMEOUT, () -> answersApiVersions(port));
        return new KafkaServer(process, port);
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public ServerProcess process() {
        return process;
    }

    /** SIGTERM (the broker shuts down in ~2 s), SIGKILL if it takes too long. */
    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** Writes the cluster id and node id into the log folder, as {@code kafka-storage.sh format} does. */
    private static void format(Path lib, Path properties, Path log4j, Path dir, Path logFile) throws IOException {
        List<String> command = java(lib, log4j, dir);
        // A JVM that lives a second: no time for the optimising compiler to pay off.
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", properties.toString()));
        int exit = ServerProcess.run(command, dir, logFile, FORMAT_TIMEOUT);
        if (exit != 0) {
            throw new IOException("formatting " + dir + " for Kafka failed with code " + exit + "; end of " + logFile
                    + ":\n" + ServerProcess.logTail(logFile, 25));
        }
    }

    private static List<String> java(Path lib, Path log4j, Path dir) {
        List<String> command = new ArrayList<>();
        command.add(CargowatchHome.javaExecutable());
        command.add("-cp");
        command.add(lib.resolve("*").toString());
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + log4j);
        command.add("-Dkafka.logs.dir=" + dir.resolve("logs"));
        return command;
    }

    /** What {@code kafka-storage.sh random-uuid} prints: a random UUID in URL-safe base64, 22 characters. */
    static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            // Kafka never hands out an id starting with '-': a command line would take it for an option.
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /**
     * True if the broker answers an ApiVersions request (version 0, which every broker answers, if only to say
     * which versions it has). The port is bound before the broker processes requests, so an open port is not
     * enough.
     */
    static boolean answersApiVersions(int port) throws IOException {
        byte[] clientId = "cargowatch-servers".getBytes(StandardCharsets.UTF_8);
        int correlationId = 0x00C0FFEE;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
            socket.setSoTimeout(2000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(2 + 2 + 4 + 2 + clientId.length);
            out.writeShort(API_VERSIONS);
            out.writeShort(0);
            out.writeInt(correlationId);
            out.writeShort(clientId.length);
            out.write(clientId);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            return size >= 4 && in.readInt() == correlationId;
        }
    }
}
