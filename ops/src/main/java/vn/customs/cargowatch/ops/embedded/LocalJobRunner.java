package vn.customs.cargowatch.ops.embedded;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import vn.customs.cargowatch.connectors.Inputs;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.jobs.config.SealSettings;
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
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(settings.parallelism());
        new CargowatchPipeline(inputs, outputs, settings, gateSettings).build(env);
        return env.execute(jobName);
    }
}
