package vn.customs.cargowatch.connectors.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens driver sessions as {@link CassandraSettings} say. */
public final class CassandraSessions {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraSessions.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<CassandraSettings, Shared> SHARED = new HashMap<>();

    private CassandraSessions() {}

    /**
     * A session bound to the settings' keyspace, shared by every holder in this JVM (class loader) with the same
     * settings: the driver's advice is one session per application, and a job's sink writers — one per table and
     * subtask, 36 at parallelism 4 — each opening their own took a TaskManager minutes of connections and metadata
     * on two cores. The session closes when the last holder closes its lease.
     */
    public static Lease share(CassandraSettings settings) {
        synchronized (SHARED) {
            Shared shared = SHARED.get(settings);
            if (shared == null) {
                shared = new Shared(open(settings));
                SHARED.put(settings, shared);
            }
            shared.holders++;
            return new Lease(settings, shared.session);
        }
    }

    /** A holder's hold on a shared session; closing it more than once closes it once. */
    public static final class Lease implements AutoCloseable {

        private final CassandraSettings settings;
        private final CqlSession session;
        private boolean closed;

        private Lease(CassandraSettings settings, CqlSession session) {
            this.settings = settings;
            this.session = session;
        }

        public CqlSession session() {
            return session;
        }

        @Override
        public void close() {
            CqlSession last = null;
            synchronized (SHARED) {
                if (closed) {
                    return;
                }
                closed = true;
                Shared shared = SHARED.get(settings);
                if (shared != null && shared.session == session && --shared.holders == 0) {
                    SHARED.remove(settings);
                    last = session;
                }
            }
            if (last != null) {
                try {
                    last.closeAsync().toCompletableFuture().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    LOG.warn("Cassandra session of keyspace {} did not close cleanly: {}", settings.keyspace(),
                            e.toString());
                    last.forceCloseAsync();
                }
            }
        }
    }

    private static final class Shared {
        final CqlSession session;
        int holders;

        Shared(CqlSession session) {
            this.session = session;
        }
    }

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
