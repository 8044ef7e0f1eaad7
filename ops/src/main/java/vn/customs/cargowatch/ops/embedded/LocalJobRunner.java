package vn.customs.cargowatch.ops.embedded;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import vn.customs.cargowatch.connectors.Inputs;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.config.SmsSettings;
import vn.customs.cargowatch.jobs.CargowatchPipeline;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.model.ActionSignature;

/**
 * Runs the cargowatch pipeline on the environment Flink provides — a cluster's when the job jar is launched by
 * {@code flink run} or as a standalone job (the compose stack), a test's MiniCluster — and otherwise on a local
 * MiniCluster inside this JVM, in streaming mode (event-time timers and watermarks behave as in production; only
 * the end of a finite input differs, and the rules treat it as no deadline).
 *
 * <p>A MiniCluster of its own listens on the loopback interface only ({@link #onLoopback}); a cluster's or a test's
 * Flink keeps its own addresses.
 */
public final class LocalJobRunner {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final String LOOPBACK = "127.0.0.1";

    private LocalJobRunner() {}

    public static JobExecutionResult run(Inputs inputs, Outputs outputs, SealSettings settings,
            GateSettings gateSettings, String jobName)
            throws Exception {
        return run(inputs, outputs, settings, gateSettings, jobName, Map.of());
    }

    /** With Flink settings of the run ({@code execution.checkpointing.interval}, ...) on top. */
    public static JobExecutionResult run(Inputs inputs, Outputs outputs, SealSettings settings,
            GateSettings gateSettings, String jobName, Map<String, String> flinkSettings) throws Exception {
        return run(inputs, outputs, settings, gateSettings, SmsSettings.defaults(), jobName, flinkSettings);
    }

    /** With who is texted which alert. */
    public static JobExecutionResult run(Inputs inputs, Outputs outputs, SealSettings settings,
            GateSettings gateSettings, SmsSettings smsSettings, String jobName, Map<String, String> flinkSettings)
            throws Exception {
        return run(inputs, outputs, settings, gateSettings, smsSettings, null, jobName, flinkSettings);
    }

    /** With the key {@code alerts.actions} must be signed with (null: none, {@link CargowatchPipeline}). */
    public static JobExecutionResult run(Inputs inputs, Outputs outputs, SealSettings settings,
            GateSettings gateSettings, SmsSettings smsSettings, ActionSignature.Key actionsKey, String jobName,
            Map<String, String> flinkSettings) throws Exception {
        Configuration configuration = configuration(flinkSettings);
        StreamExecutionEnvironment contextual = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        if (!(contextual instanceof LocalStreamEnvironment)) {
            // a cluster's (flink run, the compose stack's standalone job) or a test's MiniCluster: theirs to run on
            return withPipeline(contextual, false, inputs, outputs, settings, gateSettings, smsSettings, actionsKey)
                    .execute(jobName);
        }
        // as the local environment would have it (it keeps a copy of the configuration), with our executor
        configuration = onLoopback(configuration);
        OwnMiniCluster cluster = new OwnMiniCluster();
        configuration.set(DeploymentOptions.TARGET, LocalExecutor.NAME);
        configuration.set(DeploymentOptions.ATTACHED, true);
        StreamExecutionEnvironment env = withPipeline(new StreamExecutionEnvironment(cluster, configuration,
                LocalJobRunner.class.getClassLoader()), true, inputs, outputs, settings, gateSettings, smsSettings,
                actionsKey);
        try {
            return env.execute(jobName);
        } finally {
            cluster.awaitClosed();
        }
    }

    /**
     * Flink's local executor, with a hold on the MiniCluster it makes. Flink shuts that cluster down when the job
     * ends but does not wait for it; a command that returned at once would exit the JVM under its feet, and the
     * RPC system's own shutdown hook then failed now and then with a stack trace at the end of the demo.
     */
    private static final class OwnMiniCluster implements PipelineExecutorServiceLoader {

        private final AtomicReference<MiniCluster> cluster = new AtomicReference<>();

        @Override
        public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
            return new PipelineExecutorFactory() {
                @Override
                public String getName() {
                    return LocalExecutor.NAME;
                }

                @Override
                public boolean isCompatibleWith(Configuration configuration) {
                    return true;
                }

                @Override
                public PipelineExecutor getExecutor(Configuration configuration) {
                    return LocalExecutor.createWithFactory(configuration, settings -> {
                        MiniCluster made = new MiniCluster(settings);
                        cluster.set(made);
                        return made;
                    });
                }
            };
        }

        @Override
        public Stream<String> getExecutorNames() {
            return Stream.of(LocalExecutor.NAME);
        }

        void awaitClosed() throws Exception {
            MiniCluster made = cluster.get();
            if (made != null) {
                made.closeAsync().get(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /** Starts the pipeline and returns at once; the client waits for, cancels or inspects the job. */
    public static JobClient start(Inputs inputs, Outputs outputs, SealSettings settings, GateSettings gateSettings,
            String jobName, Map<String, String> flinkSettings) throws Exception {
        return start(inputs, outputs, settings, gateSettings, SmsSettings.defaults(), jobName, flinkSettings);
    }

    public static JobClient start(Inputs inputs, Outputs outputs, SealSettings settings, GateSettings gateSettings,
            SmsSettings smsSettings, String jobName, Map<String, String> flinkSettings) throws Exception {
        Configuration configuration = configuration(flinkSettings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        if (env instanceof LocalStreamEnvironment) {
            env = StreamExecutionEnvironment.getExecutionEnvironment(onLoopback(configuration));
        }
        return withPipeline(env, env instanceof LocalStreamEnvironment, inputs, outputs, settings, gateSettings,
                smsSettings, null).executeAsync(jobName);
    }

    private static Configuration configuration(Map<String, String> flinkSettings) {
        return Configuration.fromMap(flinkSettings);
    }

    /**
     * The settings of a MiniCluster in this JVM: each server it starts listens on 127.0.0.1 only, since on an
     * officer's or analyst's workstation the office network has no business reaching the job. Flink binds the REST
     * endpoint to {@code rest.bind-address}, the BlobServer (and a dedicated JobManager RPC service) to {@code
     * jobmanager.bind-host}, the TaskManager's data exchange (and its dedicated RPC service) to {@code
     * taskmanager.bind-host}, all on every interface by default; the addresses they announce follow. A cluster
     * (flink run, the compose stack) is configured in its own config.yaml and never gets these.
     */
    static Configuration onLoopback(Configuration configuration) {
        Configuration local = new Configuration(configuration);
        local.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        local.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        local.set(JobManagerOptions.ADDRESS, LOOPBACK);
        local.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        local.set(TaskManagerOptions.HOST, LOOPBACK);
        // The MiniCluster's TaskManager fetches from the BlobServer at InetAddress.getLocalHost(), which is not
        // 127.0.0.1 everywhere (127.0.1.1 on Debian): deployment data too large for an RPC message would go through
        // it and fail to arrive. Everything runs in this JVM, so nothing is offloaded.
        local.set(BlobServerOptions.OFFLOAD_MINSIZE, Integer.MAX_VALUE);
        return local;
    }

    /**
     * Whether this JVM runs inside a Flink client that submits to a cluster ({@code flink run}, {@code deploy}, the
     * compose stack's standalone job) or a test's MiniCluster, rather than starting a MiniCluster of its own.
     */
    public static boolean onCluster() {
        return !(StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment);
    }

    /**
     * The job's parallelism is {@code job.parallelism} when set; otherwise 1 on a MiniCluster of its own, and the
     * cluster's ({@code -p}, {@code parallelism.default}) on a cluster — never overridden there by a default.
     */
    private static StreamExecutionEnvironment withPipeline(StreamExecutionEnvironment env, boolean ownMiniCluster,
            Inputs inputs, Outputs outputs, SealSettings settings, GateSettings gateSettings, SmsSettings smsSettings,
            ActionSignature.Key actionsKey) {
        if (settings.parallelism() != null) {
            env.setParallelism(settings.parallelism());
        } else if (ownMiniCluster) {
            env.setParallelism(1);
        }
        env.setMaxParallelism(settings.maxParallelism());
        new CargowatchPipeline(inputs, outputs, settings, gateSettings, smsSettings, actionsKey).build(env);
        return env;
    }
}
