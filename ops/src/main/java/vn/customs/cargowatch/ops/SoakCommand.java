package vn.customs.cargowatch.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.customs.cargowatch.ops.alerts.AlertFiles;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.simulator.SealTrafficSimulator;
import vn.customs.cargowatch.ops.soak.DisorderedDay;
import vn.customs.cargowatch.ops.soak.FinalRecords;

/**
 * {@code ./cargowatch soak}: the same input must give the same final records at any parallelism. Simulates the demo
 * day and a disordered copy of it (records swapped within the out-of-order bound, sent twice, late, broken, with the
 * supervisors' actions on the alerts — {@link DisorderedDay}), replays
 * each at parallelism 1 as the reference, then {@code --repeat} times at each {@code --parallelism}, and compares every
 * output's final records ({@link FinalRecords}) with the reference. Exit 0 when every run agrees, 1 when one does not
 * (its differences printed), 2 on a mistake in the command.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Replay the demo day and a disordered day at parallelism 1 and at others, repeatedly, and check "
                + "that every output's final records are the same.")
final class SoakCommand implements Callable<Integer> {

    @Option(names = "--parallelism", split = ",", defaultValue = "2,4", paramLabel = "N[,N...]",
            description = "parallelisms compared with 1 (default ${DEFAULT-VALUE})")
    List<Integer> parallelisms;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
            description = "replays at each parallelism (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--trips", defaultValue = "36", paramLabel = "N", description = "trips of the simulated day "
            + "(default ${DEFAULT-VALUE}, the demo day)")
    int trips;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "the simulator's seed")
    long seed;

    @Option(names = "--work", paramLabel = "DIR", description = "folder for the days and the outputs (default: a "
            + "temporary folder, removed when every run agrees)")
    Path work;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new UserError("--repeat must be at least 1");
        }
        if (trips < 1) {
            throw new UserError("--trips must be at least 1");
        }
        ConfigFile.Settings base = ConfigFile.settings(null);
        for (int parallelism : parallelisms) {
            if (parallelism < 1 || parallelism > base.seal().maxParallelism()) {
                throw new UserError("--parallelism " + parallelism + " is not between 1 and "
                        + base.seal().maxParallelism() + " (job.maxParallelism)");
            }
        }
        boolean temporary = work == null;
        Path folder = temporary ? Files.createTempDirectory("cargowatch-soak") : work;
        Files.createDirectories(folder);
        Path demoDay = folder.resolve("demo-day");
        Path disorderedDay = folder.resolve("disordered-day");
        new SealTrafficSimulator(seed, trips, SimulateCommand.DEMO_DAY).writeTo(demoDay);

        List<String> disagreements = new ArrayList<>();
        Path demoReference = replay(demoDay, folder, "demo day", 1, 0);
        compare("demo day", demoDay, demoReference, folder, disagreements);
        new DisorderedDay(seed, base.seal().outOfOrderness()).write(demoDay, disorderedDay,
                AlertFiles.alertsIn(demoReference));
        compare("disordered day", disorderedDay, replay(disorderedDay, folder, "disordered day", 1, 0), folder,
                disagreements);
        if (!disagreements.isEmpty()) {
            System.out.println(disagreements.size() + " runs differ from parallelism 1: " + disagreements
                    + "; their outputs are in " + folder);
            return 1;
        }
        System.out.println("Every run gave the same final records as parallelism 1.");
        if (temporary) {
            org.apache.flink.util.FileUtils.deleteDirectory(folder.toFile());
        }
        return 0;
    }

    /** Replays the day at each parallelism, --repeat times, and compares each run with the day's reference. */
    private void compare(String dayName, Path day, Path referenceOutput, Path folder, List<String> disagreements)
            throws Exception {
        FinalRecords reference = FinalRecords.of(referenceOutput);
        System.out.println(dayName + " at parallelism 1: " + reference.counts());
        for (int parallelism : parallelisms) {
            for (int run = 1; run <= repeat; run++) {
                List<String> differences = FinalRecords.of(replay(day, folder, dayName, parallelism, run))
                        .differencesFrom(reference, 3);
                String which = dayName + " at parallelism " + parallelism + ", run " + run + "/" + repeat;
                System.out.println(which + ": " + (differences.isEmpty() ? "same final records" : "DIFFERENT"));
                differences.forEach(System.out::println);
                if (!differences.isEmpty()) {
                    disagreements.add(which);
                }
            }
        }
    }

    /** Replays the day at the parallelism into a folder of its own; returns the output folder. */
    private static Path replay(Path day, Path folder, String dayName, int parallelism, int run) throws Exception {
        Path runFolder = folder.resolve(dayName.replace(' ', '-') + "-p" + parallelism + "-run" + run);
        Files.createDirectories(runFolder);
        Path config = Files.writeString(runFolder.resolve("soak.yaml"),
                "job:\n  parallelism: " + parallelism + "\nmetrics:\n  port: off\n");
        Path output = runFolder.resolve("out");
        ReplayCommand.prepareOutput(output);
        // the soak's own supervisors' actions are unsigned: it compares parallelisms, not signatures
        ReplayOutputs.replay(ConfigFile.settings(config), day, output, false, null, null);
        return output;
    }
}
