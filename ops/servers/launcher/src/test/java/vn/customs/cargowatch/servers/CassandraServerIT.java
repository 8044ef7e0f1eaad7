package vn.customs.cargowatch.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Cassandra, started once for the class: it answers CQL through the 4.x driver. */
class CassandraServerIT {

    @TempDir
    static Path dataDir;

    static CassandraServer cassandra;

    @BeforeAll
    static void start() throws Exception {
        cassandra = ServerChecks.timed("cassandra", () -> CassandraServer.start(dataDir));
    }

    @AfterAll
    static void stopShouldLeaveNoProcessBehind() {
        if (cassandra != null) {
            ServerChecks.assertStopLeavesNothingBehind(cassandra.process(), cassandra.port(), cassandra::stop);
        }
    }

    private static CqlSession session() {
        return CqlSession.builder()
                .addContactPoint(cassandra.contactPoint())
                .withLocalDatacenter(cassandra.localDatacenter())
                .build();
    }

    @Test
    void shouldAnswerACqlQuery() {
        try (CqlSession session = session()) {
            Row row = session.execute("SELECT release_version FROM system.local").one();

            assertThat(row).isNotNull();
            assertThat(row.getString("release_version")).isEqualTo("5.0.9");
        }
    }

    @Test
    void shouldKeepWhatIsWritten() {
        try (CqlSession session = session()) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS cargowatch "
                    + "WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE IF NOT EXISTS cargowatch.alerts (id text PRIMARY KEY, type text)");
            session.execute("INSERT INTO cargowatch.alerts (id, type) VALUES ('a-1', 'DOOR_OPENED')");

            Row row = session.execute("SELECT type FROM cargowatch.alerts WHERE id = 'a-1'").one();

            assertThat(row).isNotNull();
            assertThat(row.getString("type")).isEqualTo("DOOR_OPENED");
        }
    }
}
