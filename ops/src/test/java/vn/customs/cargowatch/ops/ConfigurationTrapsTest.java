package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.ops.config.ConfigFile;

/**
 * Configuration that cannot mislead: each trap that once ended in a stack trace, a silent fallback or a wrong
 * reading is one plain line on standard error, naming the key or option and what is valid, and exit code 2 — before
 * any job starts.
 */
class ConfigurationTrapsTest {

    @TempDir
    Path work;

    private Path input;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void inputFolder() throws IOException {
        input = Files.createDirectories(work.resolve("in"));
        Files.writeString(input.resolve("seal.fixes.jsonl"), "");
    }

    /** Replays the empty input with {@code yaml} as configuration; returns the one line it wrote on stderr. */
    private String replayWith(String yaml) throws IOException {
        Path config = Files.writeString(work.resolve("cargowatch.yaml"), yaml);
        return refusal("replay", "--input", input.toString(), "--output", work.resolve("out").toString(),
                "--config", config.toString());
    }

    private String refusal(String... args) {
        int exit = Cargowatch.run(new PrintWriter(out, true), new PrintWriter(err, true), args);

        assertThat(exit).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(err.toString().lines()).hasSize(1);
        return err.toString().strip();
    }

    @Test
    void shouldRefuseADurationWithoutAUnitInsteadOfReadingMilliseconds() throws IOException {
        assertThat(replayWith("stop:\n  maxDuration: 90\n")).isEqualTo("cargowatch: configuration: stop.maxDuration: "
                + "'90' has no unit (write e.g. '90 min', '30 s', '1 d'; valid: a duration from 1 min to 7 d)");
    }

    @Test
    void shouldRefuseADurationThatWouldOverflow() throws IOException {
        assertThat(replayWith("events:\n  maxAhead: 200000000000 d\n")).isEqualTo("cargowatch: configuration: "
                + "events.maxAhead: '200000000000 d' is not a duration from 1 s to 30 d");
    }

    @Test
    void shouldRefuseAFractionOfAParallelism() throws IOException {
        assertThat(replayWith("job:\n  parallelism: 0.5\n")).isEqualTo("cargowatch: configuration: job.parallelism: "
                + "'0.5' is not a whole number from 1 to 1024");
    }

    @Test
    void shouldRefuseAPortOutOfRangeInsteadOfRunningWithoutMetrics() throws IOException {
        assertThat(replayWith("metrics:\n  port: 70000\n")).isEqualTo("cargowatch: configuration: metrics.port: "
                + "'70000' is not a port from 1 to 65535, a range of them such as 9249-9259, or off");
    }

    @Test
    void shouldRefuseAMetricsAddressThatIsNotThisMachines() throws IOException {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine
        assertThat(replayWith("metrics:\n  host: 192.0.2.1\n"))
                .startsWith("cargowatch: configuration: metrics.host: '192.0.2.1' cannot be listened on (")
                .endsWith("valid: an address of this machine, or 0.0.0.0 for every interface");
    }

    @Test
    void shouldSayThatNoPortOfTheRangeIsFree() throws IOException {
        ServerSocket[] taken = adjacentPorts(InetAddress.getByName("127.0.0.1"));
        try (ServerSocket first = taken[0]; ServerSocket second = taken[1]) {
            String range = first.getLocalPort() + "-" + second.getLocalPort();

            assertThat(replayWith("metrics:\n  port: " + range + "\n")).isEqualTo("cargowatch: configuration: "
                    + "metrics.port: no free port in " + range + " on 127.0.0.1 (all in use); choose another port or "
                    + "range, or off");
        }
    }

    /** Two sockets listening on adjacent ports: a range with no free port. */
    private static ServerSocket[] adjacentPorts(InetAddress address) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            ServerSocket first = new ServerSocket(0, 1, address);
            try {
                ServerSocket second = new ServerSocket();
                second.bind(new InetSocketAddress(address, first.getLocalPort() + 1), 1);
                return new ServerSocket[] {first, second};
            } catch (IOException nextTaken) {
                first.close();
            }
        }
        throw new IOException("found no two adjacent free ports");
    }

    @Test
    void shouldNameAFolderGivenAsTheSmsLedger() throws IOException {
        Path folder = Files.createDirectories(work.resolve("ledger"));

        assertThat(refusal("sms", "--ledger", folder.toString())).isEqualTo("cargowatch: --ledger " + folder
                + " is a folder, not a file (see 'cargowatch sms --help')");
    }

    @Test
    void shouldNameAFolderConfiguredAsTheSmsLedger() throws IOException {
        Path folder = Files.createDirectories(work.resolve("ledger"));
        Path config = Files.writeString(work.resolve("cargowatch.yaml"), "sms:\n  ledger: " + folder + "\n");

        assertThat(refusal("sms", "--config", config.toString())).isEqualTo("cargowatch: configuration: sms.ledger: "
                + folder + " is a folder, not a file");
    }

    @Test
    void shouldNameAFileConfiguredAsTheCheckpointFolder() throws IOException {
        Path file = Files.writeString(work.resolve("checkpoints"), "");
        Path config = Files.writeString(work.resolve("cargowatch.yaml"), "checkpoint:\n  dir: " + file + "\n");

        assertThat(refusal("sms", "--config", config.toString())).isEqualTo("cargowatch: configuration: "
                + "checkpoint.dir: " + file + " is a file, not a folder");
    }

    @Test
    void shouldNameAFolderGivenAsTheConfigurationFile() {
        assertThat(refusal("replay", "--input", input.toString(), "--output", work.resolve("out").toString(),
                "--config", work.toString())).isEqualTo("cargowatch: --config " + work
                + " is a folder, not a file (see 'cargowatch replay --help')");
        err.getBuffer().setLength(0);
        assertThat(refusal("schema", "print", "--config", work.toString())).isEqualTo("cargowatch: --config " + work
                + " is a folder, not a file (see 'cargowatch schema print --help')");
    }

    @Test
    void shouldNameAFileGivenAsAFolder() throws IOException {
        Path file = Files.writeString(work.resolve("out.txt"), "");

        assertThat(refusal("replay", "--input", input.toString(), "--output", file.toString())).isEqualTo(
                "cargowatch: --output " + file + " is a file, not a folder (see 'cargowatch replay --help')");
    }

    @Test
    void shouldRefuseAValueFromTheEnvironmentAsFromTheFile() {
        assertThatThrownBy(() -> ConfigFile.load(null, Map.of("CARGOWATCH_JOB_PARALLELISM", "0.5")))
                .isInstanceOf(UserError.class)
                .hasMessage("configuration: job.parallelism: '0.5' is not a whole number from 1 to 1024");
    }

    @Test
    void shouldNameAKeyWithAnEmptyValue() throws IOException {
        assertThat(replayWith("kafka:\n  bootstrapServers:\n")).isEqualTo("cargowatch: configuration: "
                + "kafka.bootstrapServers: '' is not host:port with a port from 1 to 65535, separated by commas");
    }
}
