package vn.customs.cargowatch.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.customs.cargowatch.ops.cluster.FlinkSession;
import vn.customs.cargowatch.ops.config.ConfigFile;

/**
 * {@code ./cargowatch deploy}: submits the shaded job jar's {@code run} to a Flink session cluster the way
 * {@code flink run -d} does ({@link FlinkSession}); {@code deploy stop --savepoint DIR} stops it with a savepoint, from
 * which {@code deploy --from-savepoint PATH} starts it again. The cluster is the stack's unless {@code --cluster-conf}
 * or {@code FLINK_CONF_DIR} names another's configuration folder. (No Flink type appears here: picocli reads a
 * command's methods, and the bench runs the command line without Flink on its classpath.)
 */
@Command(name = "deploy", mixinStandardHelpOptions = true, subcommands = DeployCommand.Stop.class,
        description = "Submit the job jar to a Flink session cluster (the stack's unless --cluster-conf or "
                + "FLINK_CONF_DIR names another); print the job id and the web UI.")
final class DeployCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration of the job (default: the "
            + "defaults, which reach the stack's Kafka and Cassandra)")
    Path config;

    @Option(names = "--parallelism", paramLabel = "N", description = "the job's parallelism (default: the cluster's "
            + "parallelism.default, or job.parallelism when the configuration sets it)")
    Integer parallelism;

    @Option(names = "--from-savepoint", paramLabel = "PATH", description = "start from this savepoint (or retained "
            + "checkpoint), as printed by deploy stop")
    String fromSavepoint;

    @Option(names = "--cluster-conf", paramLabel = "DIR", description = "the cluster's Flink configuration folder "
            + "(with config.yaml; default FLINK_CONF_DIR, else the stack's cluster)")
    Path clusterConf;

    @Override
    public Integer call() throws Exception {
        if (parallelism != null && parallelism < 1) {
            throw new UserError("--parallelism must be at least 1");
        }
        if (fromSavepoint != null && !fromSavepoint.contains("://") && !Files.exists(Path.of(fromSavepoint))) {
            throw new UserError("no savepoint at " + fromSavepoint);
        }
        // the job's configuration is read in full here, as run will read it, before the cluster is asked anything
        ConfigFile.settings(config);
        FlinkSession session = FlinkSession.of(clusterConf);
        List<String> arguments = new ArrayList<>(List.of("run"));
        if (config != null) {
            arguments.addAll(List.of("--config", config.toAbsolutePath().toString()));
        }
        FlinkSession.Submitted submitted = session.submit(FlinkSession.jobJar(), arguments, parallelism,
                fromSavepoint);
        System.out.println("Submitted " + FlinkSession.JOB_NAME + " as job " + submitted.jobId() + " to the Flink "
                + "cluster at " + session.restAddress());
        System.out.println("Job id: " + submitted.jobId());
        System.out.println("Web UI: " + submitted.webUi());
        return 0;
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the running cargowatch job with a savepoint; print the savepoint's path.")
    static final class Stop implements Callable<Integer> {

        @Option(names = "--savepoint", required = true, paramLabel = "DIR",
                description = "folder (or URI) for the savepoint")
        String savepoint;

        @Option(names = "--job", paramLabel = "ID", description = "the job to stop (default: the one running "
                + FlinkSession.JOB_NAME + " job)")
        String job;

        @Option(names = "--cluster-conf", paramLabel = "DIR", description = "the cluster's Flink configuration "
                + "folder (default FLINK_CONF_DIR, else the stack's cluster)")
        Path clusterConf;

        @Override
        public Integer call() throws Exception {
            String path = FlinkSession.of(clusterConf).stopWithSavepoint(job, savepoint);
            System.out.println("Stopped the job with a savepoint at " + path);
            System.out.println("Savepoint: " + path);
            System.out.println("Start it again with: ./cargowatch deploy --from-savepoint " + path);
            return 0;
        }
    }
}
