package vn.customs.cargowatch.servers;

/**
 * How to start a server.
 *
 * @param port the port clients connect to, or 0 for any free loopback port
 * @param detached true to run the server in its own session, so that after {@link ServerProcess#detach()} it
 *     outlives this JVM and the terminal (./cargowatch stack); false for a server that lives and dies with this
 *     JVM (tests)
 */
public record Launch(int port, boolean detached) {

    /** Any free port, stopped with this JVM at the latest: what tests want. */
    public static final Launch DEFAULT = new Launch(0, false);

    public Launch {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
    }

    /** A server for the stack: on {@code port}, in its own session. */
    public static Launch detachedOn(int port) {
        return new Launch(port, true);
    }
}
