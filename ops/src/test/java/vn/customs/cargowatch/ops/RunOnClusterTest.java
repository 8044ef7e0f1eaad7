package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.ops.config.ConfigFile;

/**
 * On a cluster the cluster's configuration rules: the run sets the checkpoint interval and folder, the state backend
 * and the parallelism only when its configuration says so, and never its own metrics reporter; on a Flink of its own
 * it sets them all, from its defaults.
 */
class RunOnClusterTest {

    @TempDir
    Path dir;

    private ConfigFile.Settings settings(String yaml) throws Exception {
        return ConfigFile.settings(Files.writeString(dir.resolve("c.yaml"), yaml));
    }

    @Test
    void shouldLeaveTheClustersCheckpointsStateBackendAndReporterAloneWhenTheConfigurationDoesNotSetThem()
            throws Exception {
        ConfigFile.Settings defaults = settings("metrics:\n  port: off\n");

        assertThat(RunCommand.flinkSettings(defaults, null, true))
                .doesNotContainKeys("execution.checkpointing.dir", "execution.checkpointing.interval",
                        "state.backend.type", "metrics.reporters", "execution.checkpointing.num-retained")
                .containsEntry("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION")
                .containsEntry("execution.checkpointing.timeout", "2 min")
                .containsEntry("execution.checkpointing.tolerable-failed-checkpoints", "5");
        assertThat(RunCommand.flinkSettings(defaults, null, false))
                .containsKeys("execution.checkpointing.dir", "execution.checkpointing.interval")
                .containsEntry("state.backend.type", "rocksdb");
        assertThat(defaults.seal().parallelism()).as("no parallelism of its own: the cluster's").isNull();
    }

    @Test
    void shouldSetOnTheClusterWhatTheConfigurationSets() throws Exception {
        ConfigFile.Settings set = settings("metrics:\n  port: off\ncheckpoint:\n  interval: 30 s\n"
                + "  dir: s3://cargowatch/checkpoints\njob:\n  stateBackend: hashmap\n  parallelism: 4\n");

        assertThat(RunCommand.flinkSettings(set, "s3://cargowatch/savepoints/sp-1", true))
                .containsEntry("execution.checkpointing.interval", "30000 ms")
                .containsEntry("execution.checkpointing.dir", "s3://cargowatch/checkpoints")
                .containsEntry("state.backend.type", "hashmap")
                .containsEntry("execution.state-recovery.path", "s3://cargowatch/savepoints/sp-1");
        assertThat(set.seal().parallelism()).isEqualTo(4);
    }
}
