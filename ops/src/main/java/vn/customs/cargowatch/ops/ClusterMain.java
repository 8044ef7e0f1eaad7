package vn.customs.cargowatch.ops;

/**
 * The shaded job jar's entry point for {@code flink run}: the same commands as the launcher, run against
 * the cluster's execution environment (Flink picks it up from the client).
 */
public final class ClusterMain {

    private ClusterMain() {}

    public static void main(String[] args) {
        int exit = Cargowatch.run(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
