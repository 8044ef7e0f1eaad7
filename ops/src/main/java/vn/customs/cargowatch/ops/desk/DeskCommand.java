package vn.customs.cargowatch.ops.desk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.ops.TypedText;
import vn.customs.cargowatch.ops.RunCommand;
import vn.customs.cargowatch.ops.UserError;
import vn.customs.cargowatch.ops.alerts.AlertStore;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.ops.ReplayOutputs;
import vn.customs.cargowatch.ops.RunCommand;
import vn.customs.cargowatch.ops.config.ConfigFile;

/**
 * {@code ./cargowatch desk}: the alert desk, a web application where supervisors sign in and act on their units'
 * alerts (issue 13; 3740 §I.7, §II.4; docs/desk.md). On a replay's folders ({@code --input DIR --output DIR --users
 * FILE}) or on the stack ({@code --config FILE}: Kafka, Cassandra). It listens on 127.0.0.1:8088 unless told
 * otherwise. {@code desk user add|disable|list} manage its users from the command line: the operator's tool to create
 * the first admin, who then manages the others on the desk's admin page.
 */
@Command(name = "desk", mixinStandardHelpOptions = true,
        description = "The alert desk: supervisors sign in and act on their units' alerts in a browser.",
        subcommands = {DeskCommand.User.class})
public final class DeskCommand implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "DIR",
            description = "embedded mode: the replay's input folder (actions are appended to its alerts.actions.jsonl)")
    Path input;

    @Option(names = "--output", paramLabel = "DIR", description = "embedded mode: the replay's output folder")
    Path output;

    @Option(names = "--users", paramLabel = "FILE", description = "embedded mode: the users file (desk user add)")
    Path users;

    @Option(names = "--config", paramLabel = "FILE",
            description = "production: YAML configuration (kafka.bootstrapServers, cassandra.*); users in Cassandra")
    Path config;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8088", description = "the port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
    String bind;

    @Option(names = "--secure-cookies", description = "mark the session cookie Secure: when the desk is served over "
            + "https (behind a TLS proxy)")
    boolean secureCookies;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserError("--port " + port + " is not a port (0-65535)");
        }
        PrintWriter out = spec.commandLine().getOut();
        // read before anything opens: actions.signatures required without a key is the user's mistake, said at once
        ActionSignature.Key key = ConfigFile.settings(config).actionsKey(System.getenv());
        ActionSigner signer = key == null ? ActionSigner.UNSIGNED : ActionSigner.with(key);
        try (AlertStore store = openStore(); DeskUsers userStore = openUsers(users, config)) {
            // embedded mode has no configuration: the roster page then cannot show the replay's sms.onDuty
            DeskServer server = new DeskServer(store, userStore, smsLedger(), evidenceDir(),
                    input == null ? ConfigFile.settings(config).sms() : null, signer, secureCookies,
                    Clock.systemUTC());
            server.start(bind, port);
            out.println("The alert desk is at http://" + bind + ":" + server.port() + "/ (" + store.describe()
                    + ", users in " + userStore.describe() + ")");
            out.println(key == null
                    ? "Actions are published unsigned: no signing key (" + ActionSignature.KEY_VARIABLE + ")."
                    : "Actions are signed with the key of " + ActionSignature.KEY_VARIABLE
                            + "; the duty roster is not (customs.duty-roster has no signature).");
            out.println("Stop it with Ctrl-C.");
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            Thread.currentThread().join();
        }
        return 0;
    }

    private AlertStore openStore() {
        if (input != null || output != null || users != null) {
            if (input == null || output == null || users == null) {
                throw new UserError("embedded mode needs --input DIR, --output DIR (those of the replay) and "
                        + "--users FILE");
            }
            if (config != null) {
                throw new UserError("give either --input/--output/--users (embedded) or --config (Kafka and "
                        + "Cassandra)");
            }
        }
        return AlertStore.open(input, output, config);
    }

    /** Where the job writes gate alerts' photos: the replay's, or run's ({@code camera.evidenceDir}). */
    private Path evidenceDir() {
        return ReplayOutputs.evidenceDir(input, output, config);
    }

    /** Where the job keeps its SMS ledger: the replay's output folder, or run's (beside its checkpoints by default). */
    private Path smsLedger() {
        return output != null ? output.resolve("sms-ledger.jsonl") : RunCommand.smsLedger(ConfigFile.settings(config));
    }

    /** The users file of embedded mode, or the Cassandra table of {@code config} (the defaults when null). */
    static DeskUsers openUsers(Path users, Path config) {
        if (users != null && config != null) {
            throw new UserError("give either --users FILE (embedded) or --config FILE (Cassandra), not both");
        }
        return users != null ? new UserFile(users) : new UserTable(ConfigFile.settings(config).cassandra());
    }

    /** Where a {@code desk user} command keeps the users. */
    static final class UserSource {
        @Option(names = "--users", paramLabel = "FILE", description = "embedded mode: the users file")
        Path users;

        @Option(names = "--config", paramLabel = "FILE", description = "production: users in Cassandra's desk_users")
        Path config;

        DeskUsers open() {
            if (users == null && config == null) {
                throw new UserError("say where the users are: --users FILE (embedded) or --config FILE (Cassandra)");
            }
            return openUsers(users, config);
        }
    }

    @Command(name = "user", mixinStandardHelpOptions = true, description = "Manage the desk's users.",
            subcommands = {Add.class, Disable.class, ListUsers.class})
    static final class User implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: add, disable or list");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user; the password is read from standard input (--password-stdin), never an argument.")
    static final class Add extends UserCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "the user's name (sign-in)")
        String name;

        @Option(names = "--unit", required = true, paramLabel = "UNIT", description = "the user's customs unit code")
        String unit;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "officer, leader or admin")
        String role;

        @Option(names = "--password-stdin", required = true,
                description = "read the password from the first line of standard input")
        boolean passwordStdin;

        InputStream stdin = System.in;

        @Override
        public Integer call() {
            String user = TypedText.nfc(name);
            if (user == null || user.isBlank() || user.length() > 100 || !user.equals(user.strip())) {
                throw new UserError("user name '" + name + "' must be 1-100 characters, without spaces around it");
            }
            if (unit == null || unit.isBlank()) {
                throw new UserError("--unit must name a customs unit");
            }
            DeskUser.Role.parse(role);
            return super.call();
        }

        @Override
        void on(DeskUsers users, PrintWriter out) {
            DeskUser.Role parsed = DeskUser.Role.parse(role);
            String password = readPassword(stdin);
            if (password.length() < 8) {
                throw new UserError("the password must have at least 8 characters");
            }
            users.add(new DeskUser(TypedText.nfc(name), unit.strip(), parsed, new Passwords().hash(password), false,
                    Instant.now()));
            out.println("user " + TypedText.nfc(name) + " added: " + parsed.label() + " at " + unit.strip() + " ("
                    + users.describe() + ")");
        }
    }

    /** A {@code desk user} command that works on the users and tells what it did. */
    abstract static class UserCommand implements Callable<Integer> {

        @Mixin
        UserSource source;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract void on(DeskUsers users, PrintWriter out);

        @Override
        public Integer call() {
            try (DeskUsers users = source.open()) {
                PrintWriter out = spec.commandLine().getOut();
                on(users, out);
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a user: they can no longer sign in, and their sessions end at their next request.")
    static final class Disable extends UserCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "the user's name")
        String name;

        @Override
        void on(DeskUsers users, PrintWriter out) {
            users.disable(TypedText.nfc(name));
            out.println("user " + TypedText.nfc(name) + " disabled (" + users.describe() + ")");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users: name, unit, role, state.")
    static final class ListUsers extends UserCommand {

        @Override
        void on(DeskUsers users, PrintWriter out) {
            for (DeskUser user : users.all()) {
                out.println(user.name() + "\t" + user.unit() + "\t" + user.role().label() + "\t"
                        + (user.disabled() ? "disabled" : "active"));
            }
        }
    }

    /** The first line of {@code stdin}, without its line end; none is a user error. */
    static String readPassword(InputStream stdin) {
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new UserError("--password-stdin: no password on standard input "
                        + "(e.g. printf '%s\\n' \"$PASSWORD\" | ./cargowatch desk user add ...)");
            }
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        } catch (IOException e) {
            throw new UserError("--password-stdin: cannot read standard input: " + e.getMessage());
        }
    }

}
