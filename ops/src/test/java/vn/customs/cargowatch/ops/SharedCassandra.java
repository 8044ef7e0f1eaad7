package vn.customs.cargowatch.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.util.FileUtils;
import vn.customs.cargowatch.servers.CassandraServer;

/**
 * One Cassandra for the integration tests of this JVM that need one and do not stop or kill it (each writes to a
 * keyspace of its own: {@code alertcli}, {@code cargowatch}, {@code cluster}, {@code crash}): started by the first
 * that asks, it stops with the JVM ({@link CassandraServer#start}). Every start costs a test 10 to 30 s of the suite's
 * 15 minutes; a test that takes Cassandra down on purpose starts its own. Failsafe runs the tests in two JVMs at once
 * ({@code forkCount} 2): each has its own, in a folder named by its process id.
 */
public final class SharedCassandra {

    private static final Path DATA = Path.of("target", "it-cassandra-" + ProcessHandle.current().pid());
    private static CassandraServer server;

    private SharedCassandra() {}

    /** The JVM's Cassandra, started now if it is not yet. */
    public static synchronized CassandraServer get() throws IOException {
        if (server == null) {
            deleteLeftovers();
            server = CassandraServer.start(Files.createDirectories(DATA));
        }
        return server;
    }

    /** A process id used again by a later run finds that run's data: a new Cassandra starts empty. */
    private static void deleteLeftovers() throws IOException {
        FileUtils.deleteDirectory(DATA.toFile());
    }
}
