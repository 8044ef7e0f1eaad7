package vn.customs.cargowatch.ops;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.customs.cargowatch.ops.simulator.SealTrafficSimulator;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a simulated day of seal traffic on northern Vietnam corridors as input files.")
final class SimulateCommand implements Callable<Integer> {

    static final Instant DEMO_DAY = SealTrafficSimulator.DEMO_DAY;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the <topic>.jsonl files")
    Path out;

    @Option(names = "--trips", defaultValue = "36", description = "number of trips (default ${DEFAULT-VALUE})")
    int trips;

    @Option(names = "--seed", defaultValue = "7", description = "random seed; the same seed gives the same files")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (trips < 1) {
            throw new UserError("--trips must be at least 1");
        }
        ReplayCommand.prepareOutput(out);
        SealTrafficSimulator simulator = new SealTrafficSimulator(seed, trips, DEMO_DAY);
        simulator.writeTo(out);
        System.out.println("Wrote " + trips + " trips of simulated seal traffic to " + out.toAbsolutePath()
                + ", the gate cameras' photos to " + out.resolve(SealTrafficSimulator.IMAGES).toAbsolutePath());
        return 0;
    }
}
