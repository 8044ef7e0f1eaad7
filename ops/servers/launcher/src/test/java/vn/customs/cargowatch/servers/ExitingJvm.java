package vn.customs.cargowatch.servers;

import java.nio.file.Path;
import java.util.List;

/** A JVM that starts a "server" (sleep) and exits without stopping it: its shutdown hook must. */
public final class ExitingJvm {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ServerProcess server = ServerProcess.start("sleeper", List.of("sleep", "30"), dir, dir.resolve("server.log"),
                Boolean.parseBoolean(args[1]));
        if (Boolean.parseBoolean(args[2])) {
            server.detach();
        }
        System.out.println(server.pid());
        System.exit(0);
    }
}
