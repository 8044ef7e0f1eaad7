package vn.customs.cargowatch.connectors.cassandra;

import java.io.Serializable;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Where Cassandra is and how the sink writes to it.
 *
 * @param contactPoints {@code host:port} of one or more nodes ({@code [::1]:9042} for IPv6)
 * @param localDatacenter the datacenter the driver sends requests to ({@code datacenter1} on a single node)
 * @param keyspace the keyspace of the tables ({@code cargowatch})
 * @param username empty for a cluster without authentication
 * @param password with {@code username}; never written in a configuration file
 * @param maxInFlight at most this many writes await Cassandra's answer per sink writer; when full, the writer
 *     waits, which back-pressures the job
 * @param requestTimeout one attempt of one write fails after this (and is retried)
 * @param connectTimeout connecting and the first queries on a connection fail after this
 * @param retryBackoff the wait before the first retry of a failed write; each further retry doubles it
 * @param maxRetryBackoff the longest wait between two retries, and between two attempts to reconnect a node
 */
public record CassandraSettings(
        List<String> contactPoints,
        String localDatacenter,
        String keyspace,
        String username,
        String password,
        int maxInFlight,
        Duration requestTimeout,
        Duration connectTimeout,
        Duration retryBackoff,
        Duration maxRetryBackoff) implements Serializable {

    public static final int DEFAULT_MAX_IN_FLIGHT = 256;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(5);

    public CassandraSettings {
        contactPoints = List.copyOf(contactPoints);
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("no Cassandra contact point");
        }
        contactPoints.forEach(CassandraSettings::address);
        if (localDatacenter == null || localDatacenter.isBlank()) {
            throw new IllegalArgumentException("no local datacenter");
        }
        if (keyspace == null || !keyspace.matches("[A-Za-z][A-Za-z0-9_]{0,47}")) {
            throw new IllegalArgumentException("'" + keyspace + "' is not a keyspace name (letters, digits, _)");
        }
        username = username == null ? "" : username.trim();
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
        }
        for (Duration duration : List.of(requestTimeout, connectTimeout, retryBackoff, maxRetryBackoff)) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("timeouts and back-offs must be positive, not " + duration);
            }
        }
        if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("maxRetryBackoff " + maxRetryBackoff + " is shorter than retryBackoff "
                    + retryBackoff);
        }
    }

    /** No authentication, the default in-flight bound, timeouts and back-offs. */
    public static CassandraSettings of(List<String> contactPoints, String localDatacenter, String keyspace) {
        return new CassandraSettings(contactPoints, localDatacenter, keyspace, "", null, DEFAULT_MAX_IN_FLIGHT,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RETRY_BACKOFF, DEFAULT_MAX_RETRY_BACKOFF);
    }

    public CassandraSettings withCredentials(String username, String password) {
        return new CassandraSettings(contactPoints, localDatacenter, keyspace, username, password, maxInFlight,
                requestTimeout, connectTimeout, retryBackoff, maxRetryBackoff);
    }

    public CassandraSettings withMaxInFlight(int maxInFlight) {
        return new CassandraSettings(contactPoints, localDatacenter, keyspace, username, password, maxInFlight,
                requestTimeout, connectTimeout, retryBackoff, maxRetryBackoff);
    }

    public CassandraSettings withTimeouts(Duration requestTimeout, Duration connectTimeout) {
        return new CassandraSettings(contactPoints, localDatacenter, keyspace, username, password, maxInFlight,
                requestTimeout, connectTimeout, retryBackoff, maxRetryBackoff);
    }

    public CassandraSettings withRetryBackoff(Duration retryBackoff, Duration maxRetryBackoff) {
        return new CassandraSettings(contactPoints, localDatacenter, keyspace, username, password, maxInFlight,
                requestTimeout, connectTimeout, retryBackoff, maxRetryBackoff);
    }

    public CassandraSettings withKeyspace(String keyspace) {
        return new CassandraSettings(contactPoints, localDatacenter, keyspace, username, password, maxInFlight,
                requestTimeout, connectTimeout, retryBackoff, maxRetryBackoff);
    }

    public boolean authenticated() {
        return !username.isEmpty();
    }

    /** The contact points as socket addresses (resolved now). */
    public List<InetSocketAddress> addresses() {
        return contactPoints.stream().map(CassandraSettings::address)
                .map(address -> new InetSocketAddress(address.getHostString(), address.getPort())).toList();
    }

    /**
     * Reads {@code host:port} ({@code [v6-address]:port}).
     *
     * @throws IllegalArgumentException naming the contact point if it is not one
     */
    public static InetSocketAddress address(String contactPoint) {
        String text = contactPoint == null ? "" : contactPoint.trim();
        int colon = text.lastIndexOf(':');
        String host = colon > 0 ? text.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (RuntimeException e) {
            port = -1;
        }
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + contactPoint + "' is not host:port");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "CassandraSettings[contactPoints=" + contactPoints + ", localDatacenter=" + localDatacenter
                + ", keyspace=" + keyspace + ", username=" + username + ", password=" + (password == null ? "none" : "***")
                + ", maxInFlight=" + maxInFlight + ", requestTimeout=" + requestTimeout + ", connectTimeout="
                + connectTimeout + ", retryBackoff=" + retryBackoff + ", maxRetryBackoff=" + maxRetryBackoff + "]";
    }
}
