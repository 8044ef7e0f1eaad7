package vn.customs.cargowatch.ops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.ops.RunCommand;
import vn.customs.cargowatch.ops.UserError;

/** {@code job.stateBackend}: the heap for an embedded run, RocksDB with incremental checkpoints for {@code run}. */
class StateBackendTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepStateOnTheHeapEmbeddedAndInRocksDbForRunByDefault() throws Exception {
        ConfigFile.Settings settings = settings("metrics:\n  port: off\n");

        assertThat(settings.embeddedFlinkSettings()).containsEntry("state.backend.type", "hashmap");
        assertThat(RunCommand.flinkSettings(settings, null))
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true");
    }

    @Test
    void shouldTakeTheBackendTheConfigurationNames() throws Exception {
        ConfigFile.Settings onTheHeap = settings("metrics:\n  port: off\njob:\n  stateBackend: hashmap\n");
        ConfigFile.Settings onDisk = settings("metrics:\n  port: off\njob:\n  stateBackend: rocksdb\n");

        assertThat(RunCommand.flinkSettings(onTheHeap, null)).containsEntry("state.backend.type", "hashmap")
                .doesNotContainKey("execution.checkpointing.incremental");
        assertThat(onDisk.embeddedFlinkSettings()).containsEntry("state.backend.type", "rocksdb");
    }

    @Test
    void shouldRefuseABackendItDoesNotKnowAndAMaxParallelismOutOfRange() {
        assertThatThrownBy(() -> settings("job:\n  stateBackend: forst\n")).isInstanceOf(UserError.class)
                .hasMessageContaining("job.stateBackend");
        assertThatThrownBy(() -> settings("job:\n  maxParallelism: 0\n")).isInstanceOf(UserError.class)
                .hasMessageContaining("job.maxParallelism");
    }

    private ConfigFile.Settings settings(String yaml) throws Exception {
        return ConfigFile.settings(Files.writeString(dir.resolve("cargowatch.yaml"), yaml));
    }
}
