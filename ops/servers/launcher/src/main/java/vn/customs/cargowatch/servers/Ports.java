package vn.customs.cargowatch.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports. Every server here listens on 127.0.0.1 only.
 *
 * <p>A free port is one the OS just handed out and that was closed again, so another process could take it
 * before the server binds it; the servers start right after, which makes that rare enough for tests.
 */
public final class Ports {

    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    public static final String HOST = LOOPBACK.getHostAddress();

    private static final int CONNECT_TIMEOUT_MILLIS = 500;

    private Ports() {}

    /** One free loopback port. */
    public static int free() {
        return free(1)[0];
    }

    /** {@code count} different free loopback ports (all held open together, so they cannot repeat). */
    public static int[] free(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, LOOPBACK);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Nothing was sent on it; the port is released either way.
                }
            }
        }
    }

    /** {@code preferred} if nothing uses it on the loopback interface, else a free port. */
    public static int preferredOrFree(int preferred) {
        if (isOpen(preferred)) {
            return free();
        }
        try (ServerSocket socket = new ServerSocket(preferred, 1, LOOPBACK)) {
            return preferred;
        } catch (IOException e) {
            return free();
        }
    }

    /** True if something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
