package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.connectors.cassandra.CassandraSettings;
import vn.customs.cargowatch.ops.config.ConfigFile;

/**
 * A replay of history texts nobody and leaves the live tables alone unless told to in so many words; a flag that
 * asks for what cannot be is one plain line and exit code 2, before anything is read or written.
 */
class ReplaySandboxTest {

    private static final CassandraSettings PRODUCTION = CassandraSettings.of(List.of("127.0.0.1:9042"),
            "datacenter1", "cargowatch");

    @TempDir
    Path work;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cargowatch.run(new PrintWriter(err, true), args);
    }

    @Test
    void shouldWriteAKeyspaceOfTheReplaysOwnByDefault() {
        assertThat(ReplayCommand.keyspaceOfReplay(PRODUCTION, true, null, null).keyspace())
                .isEqualTo("cargowatch_replay");
    }

    @Test
    void shouldWriteTheKeyspaceNamedWithKeyspace() {
        assertThat(ReplayCommand.keyspaceOfReplay(PRODUCTION, true, "what_if_2026", null).keyspace())
                .isEqualTo("what_if_2026");
    }

    @Test
    void shouldWriteTheProductionKeyspaceOnlyWhenOverwriteNamesIt() {
        // CQL folds unquoted names to lower case: CARGOWATCH is the production keyspace
        assertThat(ReplayCommand.keyspaceOfReplay(PRODUCTION, true, null, "CARGOWATCH")).isSameAs(PRODUCTION);
        assertThatThrownBy(() -> ReplayCommand.keyspaceOfReplay(PRODUCTION, true, null, "cargowatch_test"))
                .isInstanceOf(UserError.class).hasMessage("--overwrite cargowatch_test is not the production "
                        + "keyspace: cassandra.keyspace is cargowatch; write --overwrite cargowatch to replace its "
                        + "tables' rows");
    }

    @Test
    void shouldNotTakeTheProductionKeyspaceForAReplaysOwn() {
        assertThatThrownBy(() -> ReplayCommand.keyspaceOfReplay(PRODUCTION, true, "Cargowatch", null))
                .isInstanceOf(UserError.class).hasMessage("--keyspace Cargowatch is the production keyspace "
                        + "(cassandra.keyspace); write --overwrite cargowatch to replace its tables' rows");
    }

    @Test
    void shouldAskForAKeyspaceWhenTheProductionNameLeavesNoRoomForTheSuffix() {
        CassandraSettings longName = PRODUCTION.withKeyspace("k".repeat(45));

        assertThatThrownBy(() -> ReplayCommand.keyspaceOfReplay(longName, true, null, null))
                .isInstanceOf(UserError.class).hasMessageEndingWith("; name one with --keyspace NAME");
    }

    @Test
    void shouldRefuseToOverwriteAWrongKeyspaceInOneLineBeforeTouchingAnything() {
        Path output = work.resolve("out");

        int exit = run("replay", "--input", work.resolve("nowhere").toString(), "--output", output.toString(),
                "--cassandra", "--overwrite", "live");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("cargowatch: --overwrite live is not the production keyspace: "
                + "cassandra.keyspace is cargowatch; write --overwrite cargowatch to replace its tables' rows"
                + System.lineSeparator());
        assertThat(output).doesNotExist();
    }

    @Test
    void shouldSayThatKeyspaceAndOverwriteGoWithCassandra() {
        int exit = run("replay", "--input", work.toString(), "--output", work.toString(), "--overwrite", "cargowatch");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cargowatch: --overwrite goes with --cassandra");
    }

    @Test
    void shouldSayThatKeyspaceAndOverwriteExcludeEachOther() {
        int exit = run("replay", "--input", work.toString(), "--output", work.toString(), "--cassandra",
                "--keyspace", "what_if", "--overwrite", "cargowatch");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("cargowatch: --keyspace and --overwrite exclude each other");
    }

    @Test
    void shouldNotSendSmsWithoutAnSmscToSendThemTo() {
        for (String command : List.of("replay", "demo")) {
            StringWriter said = new StringWriter();
            List<String> args = command.equals("replay")
                    ? List.of("replay", "--input", work.toString(), "--output", work.resolve("out").toString(),
                            "--send-sms")
                    : List.of("demo", "--out", work.resolve("demo").toString(), "--send-sms");

            int exit = Cargowatch.run(new PrintWriter(said, true), args.toArray(String[]::new));

            assertThat(exit).as(command).isEqualTo(2);
            assertThat(said.toString().strip()).as(command)
                    .isEqualTo("cargowatch: --send-sms needs an SMSC: set sms.smpp.host in the configuration");
        }
        assertThat(work.resolve("out")).doesNotExist();
        assertThat(work.resolve("demo")).doesNotExist();
    }

    @Test
    void shouldSayOnceThatTheSmsGoToTheFileWhenAnSmscIsConfiguredWithoutSendSms() throws Exception {
        Path config = Files.writeString(work.resolve("cargowatch.yaml"), "sms:\n  smpp:\n    host: 127.0.0.1\n");
        Path output = Files.createDirectories(work.resolve("out"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream before = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            ReplayOutputs.begin(ConfigFile.settings(config), output, false).close();
        } finally {
            System.setOut(before);
        }

        assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("SMS: sms.smpp.host is set, but a replay "
                + "texts nobody without --send-sms; the SMS go to " + output.resolve("sms.jsonl")
                + System.lineSeparator());
    }
}
