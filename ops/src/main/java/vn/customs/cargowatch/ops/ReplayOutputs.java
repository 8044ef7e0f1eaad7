package vn.customs.cargowatch.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.connectors.cassandra.CassandraOutputs;
import vn.customs.cargowatch.connectors.cassandra.CassandraSettings;
import vn.customs.cargowatch.connectors.files.FileInputs;
import vn.customs.cargowatch.connectors.files.FileOutputs;
import vn.customs.cargowatch.connectors.sms.SentSms;
import vn.customs.cargowatch.connectors.sms.SmppSettings;
import vn.customs.cargowatch.connectors.sms.SmsLedger;
import vn.customs.cargowatch.connectors.sms.SmsOutputs;
import vn.customs.cargowatch.connectors.sms.SmsSink;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.embedded.LocalJobRunner;
import vn.customs.cargowatch.ops.embedded.StagedOutputs;

/**
 * What a replay or the demo writes into its output folder: the output topics as {@code <topic>.jsonl}, the SMS
 * and their ledger — written aside and moved into place when the run ends ({@link StagedOutputs}), so that a
 * killed run leaves the previous complete outputs.
 *
 * <p>The SMS of a replay of history text nobody unless asked: they go to {@code sms.jsonl}, also when {@code
 * sms.smpp.host} is set, and over SMPP only with {@code --send-sms}. The ledger is {@code sms.ledger} when
 * configured (kept across runs, as for {@code run}), else {@code sms-ledger.jsonl} in the output folder: replaced
 * with the other outputs by each run that ends — a completed replay's texts are texted again by the next replay
 * — except that a run that did not finish hands its ledger on to the next run into the folder, with the lines of
 * {@code sms.jsonl} the ledger knows, so that what the killed run texted is not texted again and the next run's
 * {@code sms.jsonl} holds every SMS of the replay once.
 */
public final class ReplayOutputs implements AutoCloseable {

    static final String SMS_FILE = "sms.jsonl";
    static final String SMS_LEDGER = "sms-ledger.jsonl";

    private final ConfigFile.Settings settings;
    private final StagedOutputs staged;
    private final boolean sendSms;

    private ReplayOutputs(ConfigFile.Settings settings, StagedOutputs staged, boolean sendSms) {
        this.settings = settings;
        this.staged = staged;
        this.sendSms = sendSms;
    }

    /** A user error when {@code --send-sms} has no SMSC to send to. */
    static void checkSendSms(ConfigFile.Settings settings, boolean sendSms) {
        if (sendSms && settings.smpp().isEmpty()) {
            throw new UserError("--send-sms needs an SMSC: set sms.smpp.host in the configuration");
        }
    }

    /**
     * Starts writing into {@code output} (which exists): says where the SMS go, and what an earlier run into the
     * folder left unfinished.
     */
    static ReplayOutputs begin(ConfigFile.Settings settings, Path output, boolean sendSms) throws IOException {
        checkSendSms(settings, sendSms);
        if (sendSms) {
            SmppSettings smsc = settings.smpp().orElseThrow();
            System.out.println("SMS: texted over SMPP to " + smsc.host() + ":" + smsc.port() + " (--send-sms)");
        } else if (settings.smpp().isPresent()) {
            System.out.println("SMS: sms.smpp.host is set, but a replay texts nobody without --send-sms; the SMS go to "
                    + output.resolve(SMS_FILE));
        }
        StagedOutputs staged = StagedOutputs.begin(output, names(settings, output), carry(settings),
                System.out::println);
        return new ReplayOutputs(settings, staged, sendSms);
    }

    /** The files of the output topics and the SMS, in the run's staging folder. */
    Outputs outputs() {
        Path dir = staged.dir();
        Path ledger = settings.smsLedger().orElse(dir.resolve(SMS_LEDGER));
        Outputs sms = sendSms ? settings.smsOutputs(dir.resolve(SMS_FILE), ledger)
                : new SmsOutputs(SmsSink.Senders.file(dir.resolve(SMS_FILE)), ledger);
        return Outputs.all(new FileOutputs(dir), sms);
    }

    /** The run ended well: its outputs replace the previous ones. */
    void commit() throws IOException {
        staged.commit();
    }

    @Override
    public void close() throws IOException {
        staged.close();
    }

    /**
     * The files a run makes in {@code output}; those it did not make this time are deleted with the commit. A
     * configured ledger is never one of them, even in the output folder: it is kept across runs.
     */
    static List<String> names(ConfigFile.Settings settings, Path output) {
        List<String> names = new ArrayList<>(Topic.OUTPUTS.stream().map(Topic::fileName).toList());
        names.add(SMS_FILE);
        Path defaultLedger = output.resolve(SMS_LEDGER).toAbsolutePath().normalize();
        if (settings.smsLedger().map(ledger -> ledger.toAbsolutePath().normalize()).filter(defaultLedger::equals)
                .isEmpty()) {
            names.add(SMS_LEDGER);
        }
        return names;
    }

    /**
     * What a run that did not finish hands on: its ledger (unless {@code sms.ledger} keeps it anyway) and the lines
     * of its {@code sms.jsonl} that the ledger knows — an SMS without its ledger line is sent again, at least once.
     * A line cut by the kill is left behind.
     */
    static StagedOutputs.Carry carry(ConfigFile.Settings settings) {
        return (unfinished, staging) -> {
            Path ledger = settings.smsLedger().orElse(staging.resolve(SMS_LEDGER));
            long handedOn = 0;
            if (settings.smsLedger().isEmpty()) {
                Set<String> keys = keys(ledger);
                appendCompleteLines(unfinished.resolve(SMS_LEDGER), ledger, line -> true);
                handedOn = keys(ledger).stream().filter(key -> !keys.contains(key)).count();
            }
            Set<String> sent = keys(ledger);
            appendCompleteLines(unfinished.resolve(SMS_FILE), staging.resolve(SMS_FILE),
                    line -> sent.contains(Json.textOf(line, "key")));
            return handedOn == 0 ? "" : "the " + handedOn + " SMS it had sent are in the ledger and are not sent again";
        };
    }

    private static Set<String> keys(Path ledger) throws IOException {
        if (!Files.exists(ledger)) {
            return Set.of();
        }
        return SmsLedger.read(ledger).stream().map(SentSms::key).collect(Collectors.toSet());
    }

    /**
     * Appends to {@code to} each line of {@code from} that is complete — ended by a newline, a JSON object — that
     * {@code wanted} takes and that {@code to} does not hold yet (a run killed while handing on hands on again).
     */
    static void appendCompleteLines(Path from, Path to, Predicate<String> wanted) throws IOException {
        if (!Files.isRegularFile(from)) {
            return;
        }
        String text = Files.readString(from, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // after the last newline: empty, or a line the kill cut
        Set<String> present = Files.exists(to) ? new HashSet<>(Files.readAllLines(to, StandardCharsets.UTF_8))
                : new HashSet<>();
        StringBuilder appended = new StringBuilder();
        for (String line : lines) {
            if (!line.isBlank() && isJsonObject(line) && wanted.test(line) && present.add(line)) {
                appended.append(line).append('\n');
            }
        }
        if (!appended.isEmpty()) {
            Files.writeString(to, appended, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private static boolean isJsonObject(String line) {
        try {
            return Json.mapper().readTree(line).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs the pipeline on the input folder's files into the output folder (prepared), and Cassandra if given.
     * Here, not in a command class: picocli reads a command's methods, and Flink's types are not on every classpath that
     * runs the command line (the bench's).
     */
    static JobExecutionResult replay(ConfigFile.Settings settings, Path input, Path output, boolean sendSms,
            CassandraSettings store, ActionSignature.Key actionsKey) throws Exception {
        try (ReplayOutputs files = ReplayOutputs.begin(settings, output, sendSms)) {
            Outputs outputs = files.outputs();
            if (store != null) {
                outputs = Outputs.all(outputs, new CassandraOutputs(store));
            }
            JobExecutionResult result = LocalJobRunner.run(new FileInputs(input), outputs, settings.seal(),
                    cameraFolders(settings, input, output), settings.sms(), actionsKey, "cargowatch replay",
                    settings.embeddedFlinkSettings());
            files.commit();
            return result;
        }
    }

    /**
     * A replay's cameras: a recognition's relative image is taken from its input folder, and gate alerts' thumbnails go
     * to {@code evidence/} beside its outputs, unless {@code camera.imageRoot} or {@code camera.evidenceDir} say.
     */
    public static GateSettings cameraFolders(ConfigFile.Settings settings, Path input, Path output) {
        return settings.gate().withCameraFolders(input == null ? "" : input.toAbsolutePath().toString(),
                output.toAbsolutePath().resolve("evidence").toString());
    }

    /**
     * Where the job wrote gate alerts' photos, which {@code details.evidence} names: a replay's with its output folder
     * (its configuration aside: a reader of a replay's folder has only the folder), else {@code run}'s by
     * {@code config}.
     */
    public static Path evidenceDir(Path input, Path output, Path config) {
        GateSettings gate = output != null ? cameraFolders(ConfigFile.settings(null), input, output)
                : RunCommand.cameraFolders(ConfigFile.settings(config));
        return Path.of(gate.camera().evidenceDir());
    }
}
