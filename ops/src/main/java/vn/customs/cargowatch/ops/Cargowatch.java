package vn.customs.cargowatch.ops;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cargowatch} command line. User mistakes are one plain line on standard error and exit code 2;
 * anything else is a bug and shows its stack trace.
 */
@Command(name = "cargowatch", mixinStandardHelpOptions = true, version = "cargowatch 0.1.0",
        description = "Customs supervision of containers: GPS seal and ICD gate camera streams into alerts.",
        subcommands = {ReplayCommand.class, DemoCommand.class, SimulateCommand.class, RunCommand.class,
                FeedCommand.class, StackCommand.class, SchemaCommand.class, AlertCommand.class, SmsCommand.class,
                CommandLine.HelpCommand.class})
public final class Cargowatch implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.err, true), args);
    }

    /** Runs a command with its error messages going to {@code err}; returns the exit code. */
    public static int run(PrintWriter err, String... args) {
        return run(new PrintWriter(System.out, true), err, args);
    }

    /** Runs a command with its output going to {@code out} and its error messages to {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Cargowatch()).setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> {
            if (exception instanceof UserError) {
                cmd.getErr().println("cargowatch: " + exception.getMessage());
                return 2;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: demo, replay or simulate");
    }
}
