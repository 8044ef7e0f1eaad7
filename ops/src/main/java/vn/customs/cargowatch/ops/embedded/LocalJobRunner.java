package vn.customs.cargowatch.ops.embedded;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
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

/**
 * Runs the cargowatch pipeline on the environment Flink provides — a cluster's when the job jar is launched by
 * {@code flink run} or as a standalone job (the compose stack), a test's MiniCluster — and otherwise on a local
 * MiniCluster inside this JVM, in streaming mode (event-time timers and watermarks behave as in production; only
 * the end of a finite input differs, and the rules treat it as no deadline).
 */
public final class LocalJobRunner {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

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
        Configuration configuration = configuration(flinkSettings);
        StreamExecutionEnvironment contextual = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        if (!(contextual instanceof LocalStreamEnvironment)) {
            // a cluster's (flink run, the compose stack's standalone job) or a test's MiniCluster: theirs to run on
            return withPipeline(contextual, inputs, outputs, settings, gateSettings, smsSettings).execute(jobName);
        }
        // as the local environment would have it (it keeps a copy of the configuration), with our executor
        OwnMiniCluster cluster = new OwnMiniCluster();
        configuration.set(DeploymentOptions.TARGET, LocalExecutor.NAME);
        configuration.set(DeploymentOptions.ATTACHED, true);
        StreamExecutionEnvironment env = withPipeline(new StreamExecutionEnvironment(cluster, configuration,
                LocalJobRunner.class.getClassLoader()), inputs, outputs, settings, gateSettings, smsSettings);
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
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(configuration(flinkSettings));
        return withPipeline(env, inputs, outputs, settings, gateSettings, smsSettings).executeAsync(jobName);
    }

    private static Configuration configuration(Map<String, String> flinkSettings) {
        Configuration configuration = Configuration.fromMap(flinkSettings);
        configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        return configuration;
    }

    private static StreamExecutionEnvironment withPipeline(StreamExecutionEnvironment env, Inputs inputs,
            Outputs outputs, SealSettings settings, GateSettings gateSettings, SmsSettings smsSettings) {
        env.setParallelism(settings.parallelism());
        new CargowatchPipeline(inputs, outputs, settings, gateSettings, smsSettings).build(env);
        return env;
    }
}
