package vn.customs.cargowatch.connectors.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.time.Duration;

/** Opens driver sessions as {@link CassandraSettings} say. */
public final class CassandraSessions {

    private CassandraSessions() {}

    /** A session bound to the settings' keyspace (which must exist). */
    public static CqlSession open(CassandraSettings settings) {
        return builder(settings).withKeyspace(settings.keyspace()).build();
    }

    /** A session bound to no keyspace: for creating it. */
    public static CqlSession openWithoutKeyspace(CassandraSettings settings) {
        return builder(settings).build();
    }

    private static CqlSessionBuilder builder(CassandraSettings settings) {
        // The driver reads its reference.conf through this class loader: in a Flink task that is the job's
        // user-code class loader, not the thread's context class loader.
        ClassLoader classLoader = CassandraSessions.class.getClassLoader();
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder(classLoader)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, settings.requestTimeout())
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, settings.connectTimeout())
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, settings.connectTimeout())
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, settings.connectTimeout())
                // Schema changes (schema apply) wait for agreement; DDL on a loaded node can take longer than a write.
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, settings.connectTimeout())
                // Each schema change waits for the driver's metadata refresh, which by default gathers changes
                // for 1 s first: applying a dozen tables one by one would wait a dozen seconds for nothing.
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(50))
                // A node that comes back is found within maxRetryBackoff (the driver's default waits up to 60 s).
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY,
                        min(Duration.ofSeconds(1), settings.maxRetryBackoff()))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, settings.maxRetryBackoff())
                .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true)
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "LOCAL_QUORUM")
                .build();
        CqlSessionBuilder builder = CqlSession.builder()
                .withClassLoader(classLoader)
                .withConfigLoader(config)
                .addContactPoints(settings.addresses())
                .withLocalDatacenter(settings.localDatacenter());
        if (settings.authenticated()) {
            builder = builder.withAuthCredentials(settings.username(),
                    settings.password() == null ? "" : settings.password());
        }
        return builder;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
