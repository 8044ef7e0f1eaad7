package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletedCheckpointsTest {

    @TempDir
    Path dir;

    @Test
    void shouldFindTheNewestCheckpointWithMetadataOneJobFolderDown() throws Exception {
        Path job = dir.resolve("f9c23497767c7c3291403d69f231df15");
        checkpoint(job.resolve("chk-1"), Instant.parse("2026-12-02T10:00:00Z"));
        checkpoint(job.resolve("chk-2"), Instant.parse("2026-12-02T10:00:10Z"));
        Files.createDirectories(job.resolve("chk-3"));
        Files.createDirectories(job.resolve("shared/792eda84"));

        assertThat(RunCommand.latestCheckpoint(dir)).contains(job.resolve("chk-2"));
        assertThat(RunCommand.completedCheckpoints(dir)).extracting(RunCommand.CompletedCheckpoint::folder)
                .containsExactlyInAnyOrder(job.resolve("chk-1"), job.resolve("chk-2"));
    }

    @Test
    void shouldFindACheckpointDirectlyInTheFolder() throws Exception {
        checkpoint(dir.resolve("chk-7"), Instant.parse("2026-12-02T10:00:00Z"));

        assertThat(RunCommand.latestCheckpoint(dir)).contains(dir.resolve("chk-7"));
    }

    @Test
    void shouldFindNothingInAFolderThatDoesNotExist() throws Exception {
        assertThat(RunCommand.latestCheckpoint(dir.resolve("never-written"))).isEmpty();
    }

    private static void checkpoint(Path folder, Instant completedAt) throws Exception {
        Files.createDirectories(folder);
        Path metadata = Files.writeString(folder.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.from(completedAt));
    }
}
