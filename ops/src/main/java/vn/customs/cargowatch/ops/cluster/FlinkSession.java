package vn.customs.cargowatch.ops.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.ProgramInvocationException;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import vn.customs.cargowatch.ops.ClusterMain;
import vn.customs.cargowatch.ops.UserError;
import vn.customs.cargowatch.servers.CargowatchHome;

/**
 * A Flink session cluster as {@code flink run -d} and {@code flink stop --savepointPath} reach it, with Flink's own
 * client: the configuration read from the cluster's configuration folder ({@code --cluster-conf}, else
 * {@code FLINK_CONF_DIR}, else the stack's cluster, {@code .stack/flink/conf}) gives the REST address and the
 * {@code parallelism.default}; the shaded job jar's entry point ({@link ClusterMain}) runs in this JVM to build the
 * job graph, which goes to the cluster with the jar.
 */
public final class FlinkSession {

    /** The name {@code run} gives the job, by which {@code deploy stop} finds it. */
    public static final String JOB_NAME = "cargowatch";

    private final Configuration cluster;

    private FlinkSession(Configuration cluster) {
        this.cluster = cluster;
    }

    /** The cluster whose configuration is in {@code confDir}, or null for FLINK_CONF_DIR or the stack's. */
    public static FlinkSession of(Path confDir) {
        String named = System.getenv("FLINK_CONF_DIR");
        Path dir = confDir != null ? confDir : named != null && !named.isBlank() ? Path.of(named)
                : CargowatchHome.root().resolve(".stack/flink/conf");
        if (!Files.isRegularFile(dir.resolve("config.yaml"))) {
            throw new UserError("no Flink cluster configuration at " + dir.resolve("config.yaml")
                    + (confDir != null ? "" : named != null && !named.isBlank() ? " (FLINK_CONF_DIR)"
                            : ": is the stack's cluster up? ./cargowatch stack up"));
        }
        return new FlinkSession(GlobalConfiguration.loadConfiguration(dir.toString()));
    }

    /** What a submission gave: the job's id and where to watch it. */
    public record Submitted(String jobId, String webUi) {}

    /**
     * Submits the job jar's {@code run} with these arguments, at {@code parallelism} (null: the cluster's
     * {@code parallelism.default}, unless the job's configuration sets {@code job.parallelism}), from a savepoint if
     * given.
     */
    public Submitted submit(Path jar, List<String> runArguments, Integer parallelism, String fromSavepoint)
            throws Exception {
        // This JVM has on its classpath every class the jar holds (one build made both); a child-first loader would
        // load the jar's Kafka client beside this JVM's, under Flink's connector loaded from here: parent-first.
        Configuration forProgram = new Configuration(cluster);
        forProgram.set(CoreOptions.CLASSLOADER_RESOLVE_ORDER, "parent-first");
        PackagedProgram program = PackagedProgram.newBuilder()
                .setJarFile(jar.toFile())
                .setEntryPointClassName(ClusterMain.class.getName())
                .setArguments(runArguments.toArray(String[]::new))
                .setConfiguration(forProgram)
                .setSavepointRestoreSettings(fromSavepoint == null ? SavepointRestoreSettings.none()
                        : SavepointRestoreSettings.forPath(fromSavepoint, false))
                .build();
        JobGraph graph;
        try {
            graph = PackagedProgramUtils.createJobGraph(program, cluster,
                    parallelism != null ? parallelism : cluster.get(CoreOptions.DEFAULT_PARALLELISM), false);
        } catch (ProgramInvocationException e) {
            throw userErrorIn(e);
        } finally {
            program.close();
        }
        try (RestClusterClient<StandaloneClusterId> client = client()) {
            JobID job = client.submitJob(graph).get(2, TimeUnit.MINUTES);
            return new Submitted(job.toString(), client.getWebInterfaceURL() + "/#/job/running/" + job + "/overview");
        } catch (ExecutionException e) {
            throw new UserError("the cluster at " + restAddress() + " refused the job: " + firstLine(e.getCause()));
        }
    }

    /** Stops the job ({@code jobId}, or the one running cargowatch job) with a savepoint; returns its path. */
    public String stopWithSavepoint(String jobId, String savepoint) throws Exception {
        String target = savepoint.contains("://") ? savepoint : Path.of(savepoint).toAbsolutePath().toUri().toString();
        try (RestClusterClient<StandaloneClusterId> client = client()) {
            JobID id = jobId != null ? parse(jobId) : running(client);
            return client.stopWithSavepoint(id, false, target, SavepointFormatType.CANONICAL).get(10, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new UserError("the cluster at " + restAddress() + " could not stop the job with a savepoint: "
                    + firstLine(e.getCause()));
        }
    }

    public String restAddress() {
        return cluster.get(RestOptions.ADDRESS) + ":" + cluster.get(RestOptions.PORT);
    }

    private RestClusterClient<StandaloneClusterId> client() {
        try {
            return new RestClusterClient<>(cluster, StandaloneClusterId.getInstance());
        } catch (Exception e) {
            throw new UserError("cannot reach the Flink cluster at " + restAddress() + ": " + firstLine(e));
        }
    }

    /** The shaded job jar the build made ({@code ops/target/cargowatch-ops-*-job.jar}). */
    public static Path jobJar() throws IOException {
        Path target = CargowatchHome.root().resolve("ops/target");
        return CargowatchHome.builtJar(target, "cargowatch-ops-.*-job\\.jar").orElseThrow(
                () -> new UserError("no job jar in " + target + ": build it with ./cargowatch build"));
    }

    private static JobID parse(String id) {
        try {
            return JobID.fromHexString(id);
        } catch (IllegalArgumentException e) {
            throw new UserError("--job " + id + " is not a Flink job id (32 hex digits)");
        }
    }

    private static JobID running(RestClusterClient<StandaloneClusterId> client) throws Exception {
        Collection<JobStatusMessage> jobs = client.listJobs().get(1, TimeUnit.MINUTES);
        List<JobStatusMessage> running = jobs.stream().filter(job -> job.getJobName().equals(JOB_NAME))
                .filter(job -> !job.getJobState().isGloballyTerminalState()).toList();
        if (running.size() != 1) {
            throw new UserError(running.isEmpty() ? "no " + JOB_NAME + " job is running on the cluster"
                    : running.size() + " " + JOB_NAME + " jobs are running: name one with --job ID ("
                            + running.stream().map(job -> job.getJobId().toString()).toList() + ")");
        }
        return running.get(0).getJobId();
    }

    /** What the program's own command line said was wrong (a UserError inside it), else the first line of why. */
    private static RuntimeException userErrorIn(ProgramInvocationException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().equals(UserError.class.getName())) {
                return new UserError(cause.getMessage());
            }
        }
        return new UserError("the job could not be built: " + firstLine(e));
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message);
    }
}
