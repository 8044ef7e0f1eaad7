package vn.customs.cargowatch.servers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jsmpp.session.SMPPServerSession;
import org.slf4j.LoggerFactory;
import vn.customs.cargowatch.model.Json;

/**
 * The test SMSC ({@link SmppTestServer}) on 127.0.0.1 in a child JVM, like the other servers here, so that a test
 * can drop its link or kill it without touching the sender under test.
 *
 * <p>Contract: {@link #start} returns once the server answers an SMPP {@code enquire_link}; what it received is in
 * {@code dataDir/received.jsonl} ({@link #messages()}), what it did in {@code dataDir/server.log}. Unlike Kafka's
 * and Cassandra's, its jars need no folder of their own: jsmpp brings only slf4j-api and clashes with nothing,
 * and this JVM has them already (they are this module's dependencies), so the child runs on the very jars this
 * JVM loaded {@code SmppTestServer}, jsmpp, slf4j-api and the JSON codec from — a class folder in a test, the
 * jars of the local repository under {@code ./cargowatch}.
 */
public final class SmppServer implements AutoCloseable {

    public static final String NAME = "smpp";
    public static final String MESSAGES_FILE = "received.jsonl";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int ENQUIRE_LINK = 0x00000015;
    private static final int ENQUIRE_LINK_RESP = 0x80000015;
    private static final int HEADER_LENGTH = 16;

    /** One class of each jar the child needs. */
    private static final List<Class<?>> CHILD_CLASSES = List.of(SmppTestServer.class, SMPPServerSession.class,
            LoggerFactory.class, Json.class, ObjectMapper.class, JsonFactory.class, JsonInclude.class);

    private final ServerProcess process;
    private final int port;
    private final Path messages;

    private SmppServer(ServerProcess process, int port, Path messages) {
        this.process = process;
        this.port = port;
        this.messages = messages;
    }

    /** Starts a well-behaved SMSC on a free port that stops with this JVM at the latest. */
    public static SmppServer start(Path dataDir) throws IOException {
        return start(dataDir, Launch.DEFAULT, SmppTestServer.Behaviour.DEFAULT);
    }

    /**
     * Starts an SMSC as {@code launch} says, behaving as {@code behaviour} says.
     *
     * @throws IOException if it does not serve in time (the process is then gone)
     */
    public static SmppServer start(Path dataDir, Launch launch, SmppTestServer.Behaviour behaviour)
            throws IOException {
        Path dir = dataDir.toAbsolutePath();
        Files.createDirectories(dir);
        int port = launch.port() != 0 ? launch.port() : Ports.free();
        Path messages = dir.resolve(MESSAGES_FILE);
        List<String> command = new ArrayList<>(List.of(CargowatchHome.javaExecutable(),
                // A small server that lives seconds in a test: little heap, no optimising compiler, one GC thread.
                "-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-cp", childClasspath(),
                SmppTestServer.class.getName(),
                "--port", Integer.toString(port), "--messages", messages.toString()));
        command.addAll(behaviour.toArgs());
        ServerProcess process = ServerProcess.start(NAME, command, dir, dir.resolve("server.log"), launch.detached());
        process.awaitReady(START_TIMEOUT, () -> answersEnquireLink(port));
        return new SmppServer(process, port, messages);
    }

    public String host() {
        return Ports.HOST;
    }

    public int port() {
        return port;
    }

    public ServerProcess process() {
        return process;
    }

    public Path messagesFile() {
        return messages;
    }

    /** The complete messages received so far, in the order their last part arrived. */
    public List<ReceivedSms> messages() throws IOException {
        if (!Files.exists(messages)) {
            return List.of();
        }
        List<ReceivedSms> received = new ArrayList<>();
        for (String line : Files.readAllLines(messages, StandardCharsets.UTF_8)) {
            try {
                received.add(Json.read(line, ReceivedSms.class));
            } catch (Json.Rejected e) {
                throw new IOException(messages + ": " + e.getMessage() + ": " + line, e);
            }
        }
        return received;
    }

    /** SIGTERM (it stops at once), SIGKILL if it does not. */
    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** Where this JVM loaded the child's classes from, joined as a class path. */
    static String childClasspath() {
        return CHILD_CLASSES.stream().map(SmppServer::location).distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }

    /**
     * True if an SMPP {@code enquire_link}, which a server answers before any bind, gets its response: an open
     * port alone could be another program's.
     */
    static boolean answersEnquireLink(int port) throws IOException {
        int sequence = 0x00C0FFEE;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
            socket.setSoTimeout(2000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(HEADER_LENGTH);
            out.writeInt(ENQUIRE_LINK);
            out.writeInt(0); // command status
            out.writeInt(sequence);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readInt();
            return length >= HEADER_LENGTH && in.readInt() == ENQUIRE_LINK_RESP && in.readInt() == 0
                    && in.readInt() == sequence;
        }
    }
}
