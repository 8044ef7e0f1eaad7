package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.connectors.sms.SentSms;
import vn.customs.cargowatch.connectors.sms.SmsLedger;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.simulator.SealTrafficSimulator;
import vn.customs.cargowatch.servers.CargowatchHome;
import vn.customs.cargowatch.servers.Launch;
import vn.customs.cargowatch.servers.ReceivedSms;
import vn.customs.cargowatch.servers.SmppServer;
import vn.customs.cargowatch.servers.SmppTestServer;

/**
 * A replay killed with SIGKILL in the middle of its run, in a JVM of its own as {@code ./cargowatch replay}
 * runs: the output folder still holds the previous replay's outputs, complete and unchanged; the next replay into
 * it says that the killed one did not finish, leaves no trace of it and no cut-off line, gives the alerts of the
 * previous replay, and texts over SMPP only the SMS the killed run had not sent: each SMS of the replay once, but
 * the one the SMSC may have taken as the kill came, before its ledger line (at least once, docs/sms.md).
 */
class KilledReplayIT {

    /** In the ledger before the kill: enough to prove it is handed on, few enough to kill well before the end. */
    private static final int TEXTED_BEFORE_THE_KILL = 3;
    /**
     * The test SMSC takes this long to answer each segment: the SMS sink then holds the job back for seconds, so
     * that a run which has texted a few SMS is certainly still running.
     */
    private static final Duration SMSC_ANSWER = Duration.ofMillis(100);

    @TempDir
    Path work;

    @Test
    void shouldKeepThePreviousOutputsWhenKilledAndNeitherCutNorResendAnythingOnTheNextRun() throws Exception {
        Path input = work.resolve("in");
        // 20 trips: SMS enough for the kill, in less of the suite's time than the 36 of the demo day
        new SealTrafficSimulator(7, 20, SimulateCommand.DEMO_DAY).writeTo(input);
        // The officers on duty of this test are the configuration's few: the simulated roster's two per shift at every
        // unit would multiply the texts, each answered after SMSC_ANSWER, for nothing this test looks at.
        Files.delete(input.resolve(Topic.CUSTOMS_DUTY_ROSTER.fileName()));
        Path output = work.resolve("out");
        try (SmppServer smsc = SmppServer.start(work.resolve("smsc"), Launch.DEFAULT,
                SmppTestServer.Behaviour.DEFAULT.answeringAfter(SMSC_ANSWER))) {
            Path config = Files.writeString(work.resolve("cargowatch.yaml"), """
                    metrics:
                      port: off
                    sms:
                      onDuty:
                        HP-KV3: [84900000001]
                        HN-GIALAM: [84900000002]
                        QN-MONGCAI: [84900000003]
                        LS-HUUNGHI: [84900000004]
                    %s
                      smpp:
                        host: %s
                        port: %d
                    """.formatted(SmsReplayIT.CONTACT_ROLES, smsc.host(), smsc.port()));
            // The previous replay, complete: its SMS in sms.jsonl, as a replay without --send-sms writes them.
            assertThat(Cargowatch.run("replay", "--input", input.toString(), "--output", output.toString(), "--config",
                    config.toString())).isZero();
            Map<String, byte[]> previous = visibleFiles(output);
            List<OutputFolder.Sms> everySms = new OutputFolder(output).sms();
            assertThat(everySms).as("the day texts more than the killed run will have").hasSizeGreaterThan(
                    2 * TEXTED_BEFORE_THE_KILL);
            assertThat(smsc.messages()).as("no SMS over SMPP without --send-sms").isEmpty();

            Process killed = replayInItsOwnJvm("killed", input, output, config);
            awaitLedgered(output, killed, Duration.ofSeconds(120));
            killed.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(visibleFiles(output)).as("the previous outputs, unchanged")
                    .containsOnlyKeys(previous.keySet().toArray(String[]::new))
                    .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(previous.get(name)));
            assertThat(hiddenFolders(output)).as("the killed run's partial outputs, aside").hasSize(1);
            List<SentSms> ledgeredBeforeTheKill = SmsLedger.read(hiddenFolders(output).get(0)
                    .resolve(ReplayOutputs.SMS_LEDGER));

            Process next = replayInItsOwnJvm("next", input, output, config);
            assertThat(next.waitFor(180, TimeUnit.SECONDS)).as("the next replay ends").isTrue();
            String console = Files.readString(work.resolve("next.out"));

            assertThat(next.exitValue()).as(console + Files.readString(work.resolve("next.err"))).isZero();
            assertThat(console).containsPattern("The replay into " + Pattern.quote(
                    output.toAbsolutePath().toString()) + " started at \\S+ did not finish; its partial outputs were "
                    + "discarded; the \\d+ SMS it had sent are in the ledger and are not sent again");
            assertThat(hiddenFolders(output)).as("nothing left of the killed run").isEmpty();
            assertEveryLineIsWhole(output);
            assertThat(new OutputFolder(output).finalAlerts()).as("the alerts of the previous replay, same versions")
                    .isEqualTo(alertsOf(previous));
            List<ReceivedSms> received = smsc.messages();
            assertThat(received.stream().map(KilledReplayIT::sms).distinct().toList()).as("every SMS of the replay")
                    .containsExactlyInAnyOrderElementsOf(everySms);
            for (SentSms sent : ledgeredBeforeTheKill) {
                assertThat(received).as("texted once, by the killed run: " + sent.key())
                        .filteredOn(sms -> sms.messageIds().equals(sent.messageIds())).singleElement()
                        .satisfies(sms -> assertThat(received).filteredOn(again -> sms(again).equals(sms(sms)))
                                .hasSize(1));
            }
            // At least once: the SMS the SMSC took while the kill came, before its ledger line, goes again.
            assertThat(received.size() - everySms.size()).as("texted twice").isLessThanOrEqualTo(1);
            assertThat(Files.exists(output.resolve(ReplayOutputs.SMS_FILE))).as("sent over SMPP, not to the file")
                    .isFalse();
        }
    }

    /** {@code replay --send-sms} in a JVM of its own, as the launcher starts it; its console in {@code name.out}. */
    private Process replayInItsOwnJvm(String name, Path input, Path output, Path config) throws IOException {
        List<String> command = new ArrayList<>(List.of(CargowatchHome.javaExecutable(), "-Xmx768m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        // Flink's --add-opens, as this JVM was given them
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("--add-opens")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Cargowatch.class.getName(),
                "replay", "--input", input.toString(), "--output", output.toString(), "--config", config.toString(),
                "--send-sms"));
        return new ProcessBuilder(command).redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile()).start();
    }

    /** Returns once the replay's ledger, in its hidden folder, has a few SMS and the replay still runs. */
    private void awaitLedgered(Path output, Process replay, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int ledgered = 0;
        while (System.nanoTime() < deadline) {
            List<Path> hidden = hiddenFolders(output);
            Path ledger = hidden.isEmpty() ? null : hidden.get(0).resolve(ReplayOutputs.SMS_LEDGER);
            ledgered = ledger == null || !Files.exists(ledger) ? 0 : SmsLedger.read(ledger).size();
            assertThat(replay.isAlive()).as("the replay runs until killed: " + Files.readString(
                    work.resolve("killed.err"))).isTrue();
            if (ledgered >= TEXTED_BEFORE_THE_KILL) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the replay texted " + ledgered + " SMS within " + within);
    }

    private static OutputFolder.Sms sms(ReceivedSms received) {
        return new OutputFolder.Sms(received.recipient(), received.text());
    }

    /** The output folder's files as a reader lists them: hidden ones aside. */
    private static Map<String, byte[]> visibleFiles(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> listed = Files.list(folder)) {
            for (Path file : listed.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".")) {
                    files.put(name, Files.readAllBytes(file));
                }
            }
        }
        assertThat(files).isNotEmpty();
        files.values().forEach(bytes -> assertWhole(new String(bytes, StandardCharsets.UTF_8)));
        return files;
    }

    private static List<Path> hiddenFolders(Path folder) throws IOException {
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.filter(path -> path.getFileName().toString().startsWith(".")).toList();
        }
    }

    /**
     * Every file of lines under {@code folder}, hidden or not (the gate alerts' photos in {@code evidence/} are JPEGs,
     * each renamed into place whole: {@code EvidenceThumbnailsTest}).
     */
    private static void assertEveryLineIsWhole(Path folder) throws IOException {
        try (Stream<Path> walked = Files.walk(folder)) {
            for (Path file : walked.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().endsWith(".jpg")).toList()) {
                assertWhole(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    /** Each line a JSON object, the last one ended. */
    private static void assertWhole(String text) {
        assertThat(text.isEmpty() || text.endsWith("\n")).as("ends with a whole line: ...%s",
                text.substring(Math.max(0, text.length() - 80))).isTrue();
        for (String line : text.lines().toList()) {
            try {
                assertThat(Json.mapper().readTree(line).isObject()).as(line).isTrue();
            } catch (IOException e) {
                throw new AssertionError("a line cut or garbled: " + line, e);
            }
        }
    }

    private Map<String, Alert> alertsOf(Map<String, byte[]> files) throws IOException {
        Path folder = Files.createDirectories(work.resolve("previous"));
        for (var file : files.entrySet()) {
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }
        return new OutputFolder(folder).finalAlerts();
    }
}
