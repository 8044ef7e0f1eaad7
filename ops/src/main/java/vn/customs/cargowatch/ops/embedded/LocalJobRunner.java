package vn.customs.cargowatch.ops.embedded;

import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import vn.customs.cargowatch.connectors.Inputs;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.config.SmsSettings;
import vn.customs.cargowatch.jobs.CargowatchPipeline;
import vn.customs.cargowatch.jobs.config.GateSettings;

/**
 * Runs the cargowatch pipeline on a local Flink MiniCluster inside this JVM, in streaming mode (event-time
 * timers and watermarks behave as in production; only the end of a finite input differs, and the rules
 * treat it as no deadline).
 */
public final class LocalJobRunner {

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
        return environment(inputs, outputs, settings, gateSettings, smsSettings, flinkSettings).execute(jobName);
    }

    /** Starts the pipeline and returns at once; the client waits for, cancels or inspects the job. */
    public static JobClient start(Inputs inputs, Outputs outputs, SealSettings settings, GateSettings gateSettings,
            String jobName, Map<String, String> flinkSettings) throws Exception {
        return start(inputs, outputs, settings, gateSettings, SmsSettings.defaults(), jobName, flinkSettings);
    }

    public static JobClient start(Inputs inputs, Outputs outputs, SealSettings settings, GateSettings gateSettings,
            SmsSettings smsSettings, String jobName, Map<String, String> flinkSettings) throws Exception {
        return environment(inputs, outputs, settings, gateSettings, smsSettings, flinkSettings).executeAsync(jobName);
    }

    private static StreamExecutionEnvironment environment(Inputs inputs, Outputs outputs, SealSettings settings,
            GateSettings gateSettings, SmsSettings smsSettings, Map<String, String> flinkSettings) {
        Configuration configuration = Configuration.fromMap(flinkSettings);
        configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(settings.parallelism());
        new CargowatchPipeline(inputs, outputs, settings, gateSettings, smsSettings).build(env);
        return env;
    }
}
