package vn.customs.cargowatch.connectors.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.ConnectionInitException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.io.IOException;
import java.util.List;

/** Which driver errors heal by waiting (retry them) and which do not (fail the job). */
public final class CassandraErrors {

    private static final List<Class<? extends Throwable>> TRANSIENT = List.of(
            NodeUnavailableException.class, DriverTimeoutException.class, RequestThrottlingException.class,
            ClosedConnectionException.class, HeartbeatException.class, BusyConnectionException.class,
            ConnectionInitException.class, WriteTimeoutException.class, ReadTimeoutException.class,
            UnavailableException.class, OverloadedException.class, BootstrappingException.class,
            WriteFailureException.class, ServerError.class, IOException.class);

    private CassandraErrors() {}

    /**
     * True for an error that waiting can heal: no node reachable (Cassandra down or restarting), timeouts, too
     * few replicas, an overloaded or bootstrapping node. False for a rejected statement, a refused login, a
     * value the driver cannot encode: retrying those would only hide the bug.
     */
    public static boolean isTransient(Throwable error) {
        if (error instanceof AllNodesFailedException allFailed) {
            // NoNodeAvailableException lists no error at all: every node is down or being reconnected. A node
            // that refused the login or the statement will refuse it again.
            return allFailed.getAllErrors().values().stream().flatMap(List::stream)
                    .noneMatch(cause -> cause instanceof AuthenticationException
                            || cause instanceof QueryValidationException);
        }
        return TRANSIENT.stream().anyMatch(type -> type.isInstance(error));
    }
}
