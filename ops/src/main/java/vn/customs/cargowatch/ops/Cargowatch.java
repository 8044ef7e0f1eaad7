package vn.customs.cargowatch.ops;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import vn.customs.cargowatch.ops.desk.DeskCommand;

/**
 * The {@code cargowatch} command line. User mistakes are one plain line on standard error and exit code 2;
 * anything else is a bug and shows its stack trace. A mistake in the command itself (a missing or unknown option,
 * a value of the wrong type, a folder given for a file) says so and where the command's help is, in the same line;
 * a mistake in what it works on (a missing input, a bad setting) is a {@link UserError}.
 */
@Command(name = "cargowatch", mixinStandardHelpOptions = true, version = "cargowatch 0.1.0",
        description = "Customs supervision of containers: GPS seal and ICD gate camera streams into alerts.",
        subcommands = {ReplayCommand.class, DemoCommand.class, SimulateCommand.class, RunCommand.class,
                FeedCommand.class, StackCommand.class, SchemaCommand.class, AlertCommand.class, SmsCommand.class,
                BenchCommand.class, SoakCommand.class, DeployCommand.class, DeskCommand.class, TripCommand.class,
                ReportCommand.class,
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
        return execute(new Cargowatch(), out, err, args);
    }

    /** Runs a command of {@code top}'s (this command line, or the job jar's on a cluster) as {@link #run} says. */
    static int execute(Object top, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(top).setOut(out).setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine cmd = exception.getCommandLine();
            cmd.getErr().println("cargowatch: " + usageError(exception) + " (see '"
                    + cmd.getCommandSpec().qualifiedName() + " --help')");
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionStrategy(parsed -> {
            checkPathKinds(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> {
            if (exception instanceof UserError) {
                cmd.getErr().println("cargowatch: " + exception.getMessage());
                return 2;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }

    /**
     * Picocli's message in one line, with its suggestion for a misspelt option or command. A misspelt option is the
     * mistake to name, rather than the required option it then seems to lack.
     */
    private static String usageError(CommandLine.ParameterException exception) {
        CommandLine cmd = exception.getCommandLine();
        if (!(exception instanceof CommandLine.UnmatchedArgumentException) && !cmd.getUnmatchedArguments().isEmpty()) {
            exception = new CommandLine.UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments());
        }
        String message = String.join(" ", exception.getMessage().strip().split("\\s*\\R\\s*"));
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0)) && Character.isLowerCase(message.charAt(1))) {
            message = message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
        }
        if (exception instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += "; did you mean " + String.join(" or ", suggestions) + "?";
            }
        }
        return message;
    }

    /**
     * A folder given for an option whose value is a {@code FILE}, or a file for a {@code DIR}, is named as what it
     * is: "does not exist" or "cannot be read" would send the user looking for the wrong mistake.
     */
    private static void checkPathKinds(ParseResult parsed) {
        for (ParseResult command = parsed; command != null; command = command.subcommand()) {
            for (OptionSpec option : command.commandSpec().options()) {
                if (!(option.getValue() instanceof Path path)) {
                    continue;
                }
                String problem = option.paramLabel().equals("FILE") && Files.isDirectory(path) ? "a folder, not a file"
                        : option.paramLabel().equals("DIR") && Files.isRegularFile(path) ? "a file, not a folder"
                        : null;
                if (problem != null) {
                    throw new CommandLine.ParameterException(command.commandSpec().commandLine(),
                            option.longestName() + " " + path + " is " + problem);
                }
            }
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: demo, replay or simulate");
    }
}
