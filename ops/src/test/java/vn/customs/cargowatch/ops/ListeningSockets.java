package vn.customs.cargowatch.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets this JVM listens on, as the Linux kernel reports them: the socket inodes among the process's
 * open files ({@code /proc/self/fd}) matched with the listening entries (state {@code 0A}) of {@code /proc/net/tcp}
 * and {@code /proc/net/tcp6}. Asks the kernel rather than Flink, so that a server Flink does not report is counted.
 */
final class ListeningSockets {

    private static final Path FDS = Path.of("/proc/self/fd");
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String LISTEN = "0A";

    /** One listening socket: its local address and port. */
    record Listening(InetAddress address, int port) {

        boolean loopback() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port;
        }
    }

    private ListeningSockets() {}

    /** Whether this machine says which sockets a process has (Linux). */
    static boolean available() {
        return Files.isDirectory(FDS) && TABLES.stream().anyMatch(Files::isReadable);
    }

    static Set<Listening> ofThisJvm() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(FDS)) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a file closed between listing and reading is no socket of ours any more
                }
            }
        }
        Set<Listening> listening = new HashSet<>();
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                    String[] local = fields[1].split(":");
                    listening.add(new Listening(address(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        }
        return listening;
    }

    /**
     * The kernel writes an address as 32-bit words in host byte order (little-endian here): {@code 0100007F} is
     * 127.0.0.1. An IPv4-mapped IPv6 address (a Java socket bound to 127.0.0.1 is often one) comes back as the
     * IPv4 address it maps.
     */
    static InetAddress address(String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int from = (word * 4 + 3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(from, from + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
