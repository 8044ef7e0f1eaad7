package vn.customs.cargowatch.ops;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.connectors.cassandra.CassandraOutputs;
import vn.customs.cargowatch.connectors.cassandra.CassandraSessions;
import vn.customs.cargowatch.connectors.cassandra.CassandraSettings;
import vn.customs.cargowatch.connectors.kafka.KafkaInputs;
import vn.customs.cargowatch.connectors.kafka.KafkaOutputs;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.jobs.config.Keys;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.cluster.Checkpoints;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.embedded.LocalJobRunner;

/**
 * The production path: the pipeline reads the input topics from Kafka and writes its outputs to Kafka (and
 * Cassandra), checkpointing its state and offsets. Locally it runs on a MiniCluster; through
 * {@code flink run cargowatch-ops-*-job.jar run --config FILE} the same code runs on a Flink cluster.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the pipeline against Kafka (and Cassandra), with checkpoints, until stopped.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (brokers, keyspace, "
            + "checkpoints, rule thresholds); environment variables override it")
    Path config;

    @Option(names = "--restore", paramLabel = "CHECKPOINT",
            description = "resume from this checkpoint or savepoint, a path or a URI such as s3://... (or 'latest': "
                    + "the newest completed one in checkpoint.dir)")
    String restore;

    @Override
    public Integer call() throws Exception {
        ConfigFile.Settings settings = ConfigFile.settings(config);
        // before anything is contacted: a required key that is missing is a setting to fix
        ActionSignature.Key actionsKey = settings.pipelineActionsKey(System.out);
        String restoreFrom = restore == null ? null : Checkpoints.resumeFrom(restore, settings.checkpointDir());
        Map<String, String> flink = flinkSettings(settings, restoreFrom);
        CassandraSettings cassandra = settings.cassandra();
        checkKafka(settings.kafka().bootstrapServers());
        checkCassandra(cassandra);
        List<String> created = createMissingInputTopics(settings.kafka().bootstrapServers());
        if (!created.isEmpty()) {
            System.out.println("Created the input topics " + String.join(", ", created) + " (1 partition each)");
        }
        Outputs outputs = outputs(settings);
        System.out.println("Running the cargowatch pipeline on Kafka " + settings.kafka().bootstrapServers()
                + " and Cassandra " + cassandra.contactPoints()
                + (restore != null ? ", resuming from " + flink.get("execution.state-recovery.path") : "")
                + "; checkpoints every " + settings.checkpointInterval().toSeconds() + " s in "
                + flink.get("execution.checkpointing.dir"));
        LocalJobRunner.run(new KafkaInputs(settings.kafka()), outputs, settings.seal(),
                cameraFolders(settings), settings.sms(), actionsKey, "cargowatch", flink);
        return 0;
    }

    /** Run's cameras: relative images and the gate alerts' photos from and in its working folder, unless configured. */
    public static GateSettings cameraFolders(ConfigFile.Settings settings) {
        return settings.gate().withCameraFolders(".",
                smsFolder(settings.checkpointDir()).resolve("evidence").toString());
    }

    /** Kafka, Cassandra and the SMS (with their ledger, which a restarted run must share with the crashed one). */
    public static Outputs outputs(ConfigFile.Settings settings) {
        Path beside = smsFolder(settings.checkpointDir());
        return Outputs.all(new KafkaOutputs(settings.kafka()), new CassandraOutputs(settings.cassandra()),
                settings.smsOutputs(beside.resolve("sms.jsonl"), smsLedger(settings)));
    }

    /** The SMS ledger of a run with {@code settings}: {@code sms.ledger}, else beside the checkpoints. */
    public static Path smsLedger(ConfigFile.Settings settings) {
        return settings.smsLedger()
                .orElseGet(() -> smsFolder(settings.checkpointDir()).resolve("sms-ledger.jsonl"));
    }

    /**
     * A wrong address is a setting to fix, not a reason for the job to retry for ever: say so in one line
     * before starting. (Once running, the job rides out an outage of either by back-pressure and restarts.)
     */
    /** Fails with a user error when Cassandra's keyspace cannot be used. */
    static void checkCassandra(CassandraSettings cassandra) {
        try (var session = CassandraSessions.open(cassandra)) {
            session.execute("SELECT release_version FROM system.local");
        } catch (RuntimeException e) {
            throw new UserError("cannot use Cassandra at " + cassandra.contactPoints() + " keyspace "
                    + cassandra.keyspace() + ": " + e.getMessage().lines().findFirst().orElse("")
                    + " (did ./cargowatch schema apply run?)");
        }
    }

    /** Fails with a user error when Kafka cannot be reached. */
    private static void checkKafka(String kafka) {
        try (Admin admin = admin(kafka)) {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new UserError("cannot reach Kafka at " + kafka + " (kafka.bootstrapServers): is it up? "
                    + "./cargowatch stack status");
        }
    }

    /**
     * Creates the input topics that do not exist yet, with one partition: a Kafka source fails the job on a
     * topic that does not exist, and a quiet topic (no supervisor has acted on an alert yet, no ignore zone
     * published) must not stop monitoring. A production cluster creates them beforehand with its partitions.
     */
    public static List<String> createMissingInputTopics(String kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<String> missing = Topic.INPUTS.stream().map(Topic::name).filter(name -> !existing.contains(name))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing.stream().map(name -> new NewTopic(name, 1, (short) 1)).toList())
                        .all().get(30, TimeUnit.SECONDS);
            }
            return missing;
        }
    }

    private static Admin admin(String kafka) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(properties);
    }

    /** The Flink settings of a run where this JVM runs it: {@link #flinkSettings(ConfigFile.Settings, String, boolean)}. */
    public static Map<String, String> flinkSettings(ConfigFile.Settings settings, String restoreFrom) {
        return flinkSettings(settings, restoreFrom, LocalJobRunner.onCluster());
    }

    /**
     * Checkpoints kept on cancellation, a checkpoint timeout and the failures tolerated, restarts with back-off, and
     * where to resume from. On a Flink of its own the run also sets the checkpoint interval and folder, the metrics
     * reporter and the state backend, from the configuration or its defaults. On a cluster ({@code flink run}, {@code deploy}) the cluster's {@code config.yaml} rules: the
     * interval, the folder and the state backend are set only when the configuration sets {@code checkpoint.interval},
     * {@code checkpoint.dir} or {@code job.stateBackend}, and the reporter is the cluster's, never the job's.
     */
    static Map<String, String> flinkSettings(ConfigFile.Settings settings, String restoreFrom, boolean onCluster) {
        Map<String, String> flink = new LinkedHashMap<>();
        if (!onCluster || settings.isSet(Keys.CHECKPOINT_INTERVAL)) {
            flink.put("execution.checkpointing.interval", settings.checkpointInterval().toMillis() + " ms");
        }
        if (!onCluster || settings.isSet(Keys.CHECKPOINT_DIR)) {
            flink.put("execution.checkpointing.dir", checkpointUri(settings.checkpointDir()));
        }
        flink.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        flink.put("restart-strategy.type", "exponential-delay");
        // A sink stalled by an outage (Cassandra down, the SMSC away) holds the checkpoint barrier back. Two minutes
        // is far beyond a healthy checkpoint (a few seconds) and aborts a stuck one rather than waiting Flink's ten;
        // five such failures in a row (about ten minutes of outage) are ridden out with the job running and its
        // writes retrying, before a restart from the last checkpoint. Flink's default tolerates none: every stuck
        // checkpoint restarted the job and replayed the outage from the start.
        flink.put("execution.checkpointing.timeout", "2 min");
        flink.put("execution.checkpointing.tolerable-failed-checkpoints", "5");
        if (!onCluster) {
            flink.put("execution.checkpointing.num-retained", "3");
            flink.putAll(settings.metricsReporter());
        }
        if (!onCluster || settings.isSet(Keys.STATE_BACKEND)) {
            flink.putAll(settings.stateBackend("rocksdb"));
        }
        if (restoreFrom != null) {
            flink.put("execution.state-recovery.path", restoreFrom);
        }
        return flink;
    }

    /**
     * Where the run keeps its SMS ledger (and {@code sms.jsonl} when no SMSC is configured) unless {@code sms.ledger}
     * says: beside a local {@code checkpoint.dir} (.stack/ for .stack/checkpoints), so that they are kept and
     * dropped with the checkpoints; the working folder when checkpoints are remote (s3://...).
     */
    static Path smsFolder(String checkpointDir) {
        if (checkpointDir.contains("://")) {
            return Path.of("").toAbsolutePath();
        }
        Path parent = Path.of(checkpointDir).toAbsolutePath().getParent();
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }

    private static String checkpointUri(String dir) {
        return dir.contains("://") ? dir : Path.of(dir).toAbsolutePath().toUri().toString();
    }
}
