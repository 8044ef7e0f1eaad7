package vn.customs.cargowatch.servers;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A single-node Cassandra 5.0 on 127.0.0.1, run from the jars in {@code ops/servers/cassandra/target/lib}.
 *
 * <p>Contract: {@link #start} writes {@code cassandra.yaml}, the JVM flags and the logback configuration into
 * {@code dataDir}, keeps all data under it (a folder used before keeps its keyspaces), and returns once the CQL
 * native port completes a protocol handshake; its log is {@code dataDir/server.log}. No JMX port is opened.
 * Clients connect to {@link #contactPoint()} with local datacenter {@link #LOCAL_DATACENTER}.
 */
public final class CassandraServer implements AutoCloseable {

    public static final String NAME = "cassandra";
    public static final String LOCAL_DATACENTER = "datacenter1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    // CQL native protocol v4: https://github.com/apache/cassandra/blob/trunk/doc/native_protocol_v4.spec
    private static final byte PROTOCOL_V4 = 0x04;
    private static final byte RESPONSE_V4 = (byte) 0x84;
    private static final byte STARTUP = 0x01;
    private static final byte READY = 0x02;
    private static final byte AUTHENTICATE = 0x03;

    private final ServerProcess process;
    private final int port;

    private CassandraServer(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Cassandra on a free port that stops with this JVM at the latest. */
    public static CassandraServer start(Path dataDir) throws IOException {
        return start(dataDir, Launch.DEFAULT);
    }

    /**
     * Starts Cassandra as {@code launch} says; the storage (gossip) port is another free port.
     *
     * @throws IOException if it does not serve in time (the process is then gone)
     * @throws IllegalStateException if Cassandra's jars have not been built
     */
    public static CassandraServer start(Path dataDir, Launch launch) throws IOException {
        Path lib = CargowatchHome.serverLib(NAME);
        Path dir = dataDir.toAbsolutePath();
        int[] free = Ports.free(2);
        int port = launch.port() != 0 ? launch.port() : free[0];
        int storagePort = free[1] != port ? free[1] : free[0];
        Path yaml = Templates.write("cassandra.yaml", Map.of(
                "port", port,
                "storagePort", storagePort,
                "dataDirectory", Templates.yamlPath(dir.resolve("data")),
                "commitlogDirectory", Templates.yamlPath(dir.resolve("commitlog")),
                "savedCachesDirectory", Templates.yamlPath(dir.resolve("saved_caches")),
                "hintsDirectory", Templates.yamlPath(dir.resolve("hints")),
                "cdcRawDirectory", Templates.yamlPath(dir.resolve("cdc_raw"))), dir.resolve("cassandra.yaml"));
        Path jvmArgs = Templates.write("cassandra-jvm17.args", Map.of(), dir.resolve("jvm17.args"));
        Path logback = Templates.write("cassandra-logback.xml", Map.of(), dir.resolve("logback.xml"));
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("triggers"));

        List<String> command = List.of(
                CargowatchHome.javaExecutable(),
                "@" + jvmArgs,
                "-Xms512m", "-Xmx512m", "-XX:MaxDirectMemorySize=256m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", lib.resolve("*").toString(),
                "-Dcassandra.config=" + yaml.toUri(),
                "-Dcassandra.storagedir=" + dir,
                "-Dcassandra.logdir=" + dir.resolve("logs"),
                "-Dcassandra.triggers_dir=" + dir.resolve("triggers"),
                "-Dlogback.configurationFile=" + logback,
                "-Dcassandra-foreground=yes",
                // One node: nothing to gossip with or wait for, and the default role needs no delay.
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                "-Dcassandra.ring_delay_ms=1000",
                "-Dcassandra.superuser_setup_delay_ms=0",
                "org.apache.cassandra.service.CassandraDaemon");
        ServerProcess process = ServerProcess.start(NAME, command, dir, dir.resolve("server.log"), launch.detached());
        process.awaitReady(START_TIMEOUT, () -> answersCqlStartup(port));
        return new CassandraServer(process, port);
    }

    /** Where a CQL driver connects: 127.0.0.1 and the native transport port. */
    public InetSocketAddress contactPoint() {
        return new InetSocketAddress(Ports.HOST, port);
    }

    public int port() {
        return port;
    }

    public String localDatacenter() {
        return LOCAL_DATACENTER;
    }

    public ServerProcess process() {
        return process;
    }

    /** SIGTERM (Cassandra flushes its memtables, ~6 s), SIGKILL if it takes too long. */
    public void stop() {
        process.stop();
    }

    /** SIGKILL at once: for throwaway test data (the commit log replays on the next start anyway). */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * True if the native transport answers a STARTUP frame (protocol v4) with READY, or AUTHENTICATE when a
     * password is required: Cassandra opens that port only once it is ready to serve queries, and the answer
     * proves the port is Cassandra's and not merely bound.
     */
    static boolean answersCqlStartup(int port) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream options = new DataOutputStream(body);
        options.writeShort(1);
        writeString(options, "CQL_VERSION");
        writeString(options, "3.0.0");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
            socket.setSoTimeout(2000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeByte(PROTOCOL_V4);
            out.writeByte(0); // flags
            out.writeShort(1); // stream id
            out.writeByte(STARTUP);
            out.writeInt(body.size());
            body.writeTo(out);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte version = in.readByte();
            in.readByte(); // flags
            in.readShort(); // stream id
            byte opcode = in.readByte();
            return version == RESPONSE_V4 && (opcode == READY || opcode == AUTHENTICATE);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length);
        out.write(bytes);
    }
}
