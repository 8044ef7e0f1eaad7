package vn.customs.cargowatch.ops;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The shaded job jar's entry point, for {@code flink run}, {@code deploy}, a standalone job and {@code java -cp
 * job.jar}: the commands a cluster runs — {@code run} against the cluster's execution environment (Flink picks it up
 * from the client) and {@code schema} — with the launcher's handling of mistakes. The other commands (demo, simulate,
 * stack, bench...) are the launcher's: the simulator and the test SMSC they use are not in the job jar.
 */
public final class ClusterMain {

    private ClusterMain() {}

    @Command(name = "cargowatch", mixinStandardHelpOptions = true, version = "cargowatch 0.1.0",
            description = "The cargowatch job on a cluster: run the pipeline, or manage the Cassandra schema.",
            subcommands = {RunCommand.class, SchemaCommand.class, CommandLine.HelpCommand.class})
    static final class OnCluster implements Runnable {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: run or schema");
        }
    }

    public static void main(String[] args) {
        int exit = Cargowatch.execute(new OnCluster(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args);
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
