package vn.customs.cargowatch.ops;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import vn.customs.cargowatch.connectors.cassandra.CassandraSchema;
import vn.customs.cargowatch.connectors.cassandra.CassandraSessions;
import vn.customs.cargowatch.connectors.cassandra.CassandraSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.embedded.ReplaySummary;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run the cargowatch pipeline (seal monitoring and gate matching) on <topic>.jsonl files, "
                + "as fast as possible, on a local Flink.")
final class ReplayCommand implements Callable<Integer> {

    /** What a replay's keyspace is named after the production one, unless {@code --keyspace} names it. */
    static final String KEYSPACE_SUFFIX = "_replay";

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "folder with any of seal.fixes.jsonl, seal.events.jsonl, seal.trips.jsonl, "
                    + "geo.ignore-zones.jsonl, customs.offices.jsonl, camera.recognitions.jsonl, "
                    + "customs.declarations.jsonl")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "folder for alerts.jsonl, trips.status.jsonl, gate.matches.jsonl, yard.inventory.jsonl, "
                    + "gate.review.jsonl, deadletter.jsonl, sms.jsonl, sms-ledger.jsonl: replaced when the replay "
                    + "ends, left as they were if it does not")
    Path output;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (rule thresholds)")
    Path config;

    @Option(names = "--cassandra", description = "also store the outputs in the Cassandra of the configuration "
            + "(cassandra.*), in a keyspace of the replay's own: <cassandra.keyspace>" + KEYSPACE_SUFFIX
            + ", created with the schema if missing")
    boolean cassandra;

    @Option(names = "--keyspace", paramLabel = "NAME", description = "with --cassandra: the replay's keyspace "
            + "instead of <cassandra.keyspace>" + KEYSPACE_SUFFIX + "; never the production keyspace")
    String keyspace;

    @Option(names = "--overwrite", paramLabel = "KEYSPACE", description = "with --cassandra: write the production "
            + "tables, which must be named: the keyspace of cassandra.keyspace")
    String overwrite;

    @Option(names = "--send-sms", description = "text the alert SMS over SMPP to the SMSC of sms.smpp.*; without "
            + "it they go to sms.jsonl in the output folder")
    boolean sendSms;

    @Override
    public Integer call() throws Exception {
        ConfigFile.Settings settings = ConfigFile.settings(config);
        ReplayOutputs.checkSendSms(settings, sendSms);
        ActionSignature.Key actionsKey = settings.pipelineActionsKey(System.out);
        CassandraSettings store = cassandra || keyspace != null || overwrite != null
                ? keyspaceOfReplay(settings.cassandra(), cassandra, keyspace, overwrite) : null;
        checkInput(input);
        prepareOutput(output);
        if (store != null) {
            prepareKeyspace(store, store.keyspace().equalsIgnoreCase(settings.cassandra().keyspace()),
                    ConfigFile.cassandraReplicationFactor(config));
        }
        System.out.println("Replaying " + input.toAbsolutePath() + " ...");
        JobExecutionResult result = ReplayOutputs.replay(settings, input, output, sendSms, store, actionsKey);
        ReplaySummary.of(input, output, result).print(System.out, output);
        return 0;
    }

    /**
     * Where {@code replay --cassandra} writes: a keyspace of its own, so that a replay of history does not
     * overwrite the live tables by accident — {@code --keyspace NAME}, else {@code <cassandra.keyspace>_replay} —
     * or the production keyspace when {@code --overwrite} names it. Keyspace names are compared as CQL does
     * unquoted ones, without case.
     */
    static CassandraSettings keyspaceOfReplay(CassandraSettings production, boolean cassandra, String keyspace,
            String overwrite) {
        if (!cassandra) {
            throw new UserError((keyspace != null ? "--keyspace" : "--overwrite") + " goes with --cassandra");
        }
        String live = production.keyspace();
        if (keyspace != null && overwrite != null) {
            throw new UserError("--keyspace and --overwrite exclude each other: the replay writes its own keyspace, "
                    + "or the production keyspace " + live);
        }
        if (overwrite != null) {
            if (!overwrite.equalsIgnoreCase(live)) {
                throw new UserError("--overwrite " + overwrite + " is not the production keyspace: cassandra.keyspace "
                        + "is " + live + "; write --overwrite " + live + " to replace its tables' rows");
            }
            return production;
        }
        if (keyspace != null && keyspace.equalsIgnoreCase(live)) {
            throw new UserError("--keyspace " + keyspace + " is the production keyspace (cassandra.keyspace); "
                    + "write --overwrite " + live + " to replace its tables' rows");
        }
        String name = keyspace != null ? keyspace : live + KEYSPACE_SUFFIX;
        try {
            return production.withKeyspace(name);
        } catch (IllegalArgumentException e) {
            throw new UserError("the replay's keyspace: " + e.getMessage()
                    + (keyspace != null ? "" : "; name one with --keyspace NAME"));
        }
    }

    /**
     * The replay's own keyspace gets the project's schema, as {@code schema apply} makes it; the production one must
     * be there already. Says which keyspace the replay writes to.
     */
    static void prepareKeyspace(CassandraSettings store, boolean production, int replicationFactor) {
        String where = " at " + String.join(", ", store.contactPoints());
        if (production) {
            RunCommand.checkCassandra(store);
            System.out.println("Cassandra: writing to the production keyspace " + store.keyspace() + where
                    + " (--overwrite)");
            return;
        }
        List<String> schema = SchemaCommand.statements(store.keyspace(), replicationFactor);
        int created;
        try (CqlSession session = CassandraSessions.openWithoutKeyspace(store)) {
            created = CassandraSchema.apply(session, schema, line -> {});
        } catch (AllNodesFailedException e) {
            throw new UserError(SchemaCommand.unreachable(store, e));
        } catch (DriverException e) {
            throw new UserError("Cassandra refused the schema of " + store.keyspace() + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        System.out.println("Cassandra: writing to the replay's own keyspace " + store.keyspace() + where
                + " (schema applied: " + created + " created, " + (schema.size() - created) + " existed already"
                + (created < schema.size() ? ", with the rows of earlier replays" : "")
                + "; --overwrite KEYSPACE writes the production tables instead)");
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
