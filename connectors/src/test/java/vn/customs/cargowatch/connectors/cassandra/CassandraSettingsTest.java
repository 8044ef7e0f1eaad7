package vn.customs.cargowatch.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.type.codec.CodecNotFoundException;
import com.datastax.oss.driver.internal.core.metadata.DefaultEndPoint;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CassandraSettingsTest {

    @Test
    void shouldReadHostPortContactPoints() {
        assertThat(CassandraSettings.address("127.0.0.1:9042"))
                .isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 9042));
        assertThat(CassandraSettings.address(" cassandra-1.customs.vn:19042 ").getHostString())
                .isEqualTo("cassandra-1.customs.vn");
        assertThat(CassandraSettings.address("[::1]:9042").getHostString()).isEqualTo("::1");
        for (String bad : List.of("127.0.0.1", "127.0.0.1:", ":9042", "host:99999", "host:abc")) {
            assertThatThrownBy(() -> CassandraSettings.address(bad)).as(bad)
                    .hasMessage("'" + bad + "' is not host:port");
        }
    }

    @Test
    void shouldHaveTheDefaultsOfTheIssue() {
        CassandraSettings settings = CassandraSettings.of(List.of("127.0.0.1:9042"), "datacenter1", "cargowatch");

        assertThat(settings.maxInFlight()).isEqualTo(256);
        assertThat(settings.authenticated()).isFalse();
        assertThat(settings.withCredentials("cargowatch", "s3cret").authenticated()).isTrue();
        assertThatThrownBy(() -> settings.withMaxInFlight(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> settings.withKeyspace("cargo-watch")).hasMessageContaining("not a keyspace name");
        assertThatThrownBy(() -> CassandraSettings.of(List.of(), "datacenter1", "cargowatch"))
                .hasMessageContaining("no Cassandra contact point");
    }

    @Test
    void shouldNeverPrintThePassword() {
        CassandraSettings settings = CassandraSettings.of(List.of("127.0.0.1:9042"), "datacenter1", "cargowatch")
                .withCredentials("cargowatch", "s3cret");

        assertThat(settings.toString()).doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void shouldRetryWhatWaitingHealsAndNothingElse() {
        assertThat(CassandraErrors.isTransient(new NoNodeAvailableException())).isTrue();
        assertThat(CassandraErrors.isTransient(new DriverTimeoutException("timed out"))).isTrue();
        assertThat(CassandraErrors.isTransient(new ClosedConnectionException("closed"))).isTrue();
        assertThat(CassandraErrors.isTransient(AllNodesFailedException.fromErrors(Map.of()))).isTrue();

        assertThat(CassandraErrors.isTransient(new InvalidQueryException(null, "Undefined column name x"))).isFalse();
        assertThat(CassandraErrors.isTransient(new AuthenticationException(
                new DefaultEndPoint(new InetSocketAddress("127.0.0.1", 9042)), "bad credentials"))).isFalse();
        assertThat(CassandraErrors.isTransient(new CodecNotFoundException(null, null))).isFalse();
        assertThat(CassandraErrors.isTransient(new IllegalStateException("Session is closed"))).isFalse();
    }
}
