package vn.customs.cargowatch.ops;

import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.connectors.cassandra.CassandraOutputs;
import vn.customs.cargowatch.connectors.cassandra.CassandraSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.customs.cargowatch.connectors.files.FileInputs;
import vn.customs.cargowatch.jobs.common.TopicDecoders;
import vn.customs.cargowatch.connectors.files.FileOutputs;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.embedded.LocalJobRunner;
import vn.customs.cargowatch.ops.embedded.ReplaySummary;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run the cargowatch pipeline (seal monitoring and gate matching) on <topic>.jsonl files, "
                + "as fast as possible, on a local Flink.")
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "folder with any of seal.fixes.jsonl, seal.events.jsonl, seal.trips.jsonl, "
                    + "geo.ignore-zones.jsonl, customs.offices.jsonl, camera.recognitions.jsonl, "
                    + "customs.declarations.jsonl")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "folder for alerts.jsonl, trips.status.jsonl, gate.matches.jsonl, yard.inventory.jsonl, "
                    + "gate.review.jsonl, deadletter.jsonl, sms.jsonl (rewritten)")
    Path output;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (rule thresholds)")
    Path config;

    @Option(names = "--cassandra", description = "also store the outputs in the Cassandra of the configuration "
            + "(cassandra.*), as the production job does; the schema must be applied first")
    boolean cassandra;

    @Override
    public Integer call() throws Exception {
        ConfigFile.Settings settings = ConfigFile.settings(config);
        checkInput(input);
        prepareOutput(output);
        System.out.println("Replaying " + input.toAbsolutePath() + " ...");
        Outputs outputs = Outputs.all(new FileOutputs(output), smsOutputs(settings, output));
        if (cassandra) {
            CassandraSettings store = settings.cassandra();
            RunCommand.checkCassandra(store);
            outputs = Outputs.all(outputs, new CassandraOutputs(store));
        }
        LocalJobRunner.run(new FileInputs(input, new TopicDecoders(settings.seal())::forTopic), outputs, settings.seal(), settings.gate(),
                settings.sms(), "cargowatch replay", settings.metricsReporter());
        ReplaySummary.of(input, output, Topic.INPUTS).print(System.out, output);
        return 0;
    }

    /**
     * The SMS of a demo or replay: to the SMSC of {@code sms.smpp.*} if one is configured, else to {@code
     * <output>/sms.jsonl}. Without {@code sms.ledger} the ledger is {@code <output>/sms-ledger.jsonl} and is reset
     * with the output (a replay re-creates its outputs, SMS included); a configured ledger is kept across runs.
     */
    static Outputs smsOutputs(ConfigFile.Settings settings, Path output) {
        Path file = output.resolve("sms.jsonl");
        Path ledger = output.resolve("sms-ledger.jsonl");
        try {
            Files.deleteIfExists(file);
            if (settings.smsLedger().isEmpty()) {
                Files.deleteIfExists(ledger);
            }
        } catch (IOException e) {
            throw new UserError("cannot reset " + file + ": " + e.getMessage());
        }
        return settings.smsOutputs(file, ledger);
    }

    static void checkInput(Path input) {
        if (!Files.isDirectory(input)) {
            throw new UserError("input folder " + input + " does not exist or is not a folder");
        }
        if (!Files.isReadable(input)) {
            throw new UserError("input folder " + input + " cannot be read");
        }
        boolean any = false;
        for (Topic<?> topic : Topic.INPUTS) {
            Path file = input.resolve(topic.fileName());
            if (Files.exists(file)) {
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw new UserError(file + " cannot be read");
                }
                any = true;
            }
        }
        if (!any) {
            throw new UserError("input folder " + input + " has none of the input files ("
                    + String.join(", ", Topic.INPUTS.stream().map(Topic::fileName).toList()) + ")");
        }
    }

    static void prepareOutput(Path output) {
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UserError("cannot create output folder " + output + ": " + e.getMessage());
        }
        if (!Files.isWritable(output)) {
            throw new UserError("output folder " + output + " is not writable");
        }
    }
}
