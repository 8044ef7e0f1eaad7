package vn.customs.cargowatch.ops.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.ops.UserError;

/** {@code run --restore}: the newest completed checkpoint, in a local folder or behind a URI, as Flink reads it. */
class CheckpointsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldFindTheNewestCompletedCheckpointOneJobFolderDown() throws Exception {
        Path job = dir.resolve("f9c23497767c7c3291403d69f231df15");
        checkpoint(job.resolve("chk-1"), T0);
        checkpoint(job.resolve("chk-2"), T0.plusSeconds(10));
        Files.createDirectories(job.resolve("chk-3")); // under way: no _metadata yet
        Files.createDirectories(job.resolve("shared/792eda84"));
        Files.createDirectories(job.resolve("taskowned"));

        assertThat(Checkpoints.latest(dir.toString())).contains(job.resolve("chk-2").toString());
        assertThat(Checkpoints.completed(dir.toString())).extracting(Checkpoints.Completed::folder)
                .containsExactlyInAnyOrder(job.resolve("chk-1").toString(), job.resolve("chk-2").toString());
    }

    @Test
    void shouldFindACheckpointDirectlyInTheFolder() throws Exception {
        checkpoint(dir.resolve("chk-7"), T0);

        assertThat(Checkpoints.completed(dir.toString())).singleElement()
                .isEqualTo(new Checkpoints.Completed(dir.resolve("chk-7").toString(), 7, T0));
    }

    @Test
    void shouldFindTheSameLatestThroughAFileUriAsThroughItsPath() throws Exception {
        Path job = dir.resolve("job");
        checkpoint(job.resolve("chk-4"), T0);
        checkpoint(job.resolve("chk-5"), T0.plusSeconds(10));
        String uri = dir.toUri().toString();

        assertThat(uri).startsWith("file:///");
        String throughUri = Checkpoints.latest(uri).orElseThrow();
        assertThat(throughUri).as("a URI stays a URI, for Flink").startsWith("file:/");
        assertThat(Path.of(java.net.URI.create(throughUri))).isEqualTo(job.resolve("chk-5"));
        assertThat(Checkpoints.latest(dir.toString())).contains(job.resolve("chk-5").toString());
        assertThat(Checkpoints.resumeFrom("latest", uri)).isEqualTo(throughUri);
    }

    @Test
    void shouldTakeTheLargerNumberOfCheckpointsWrittenAtTheSameTime() throws Exception {
        for (String name : new String[] {"chk-9", "chk-10", "chk-100", "chk-11"}) {
            checkpoint(dir.resolve("job").resolve(name), T0);
        }

        assertThat(Checkpoints.latest(dir.toString())).as("by N, not by name")
                .contains(dir.resolve("job/chk-100").toString());
    }

    @Test
    void shouldTakeTheCheckpointWrittenLastAcrossJobs() throws Exception {
        checkpoint(dir.resolve("old-job/chk-50"), T0);
        checkpoint(dir.resolve("new-job/chk-3"), T0.plusSeconds(60)); // a job started afresh counts from 1 again

        assertThat(Checkpoints.latest(dir.toString())).contains(dir.resolve("new-job/chk-3").toString());
    }

    @Test
    void shouldSayThereIsNothingToResumeFromInAFolderThatDoesNotExist() {
        String missing = dir.resolve("never-written").toString();

        assertThat(Checkpoints.completed(missing)).isEmpty();
        assertThatThrownBy(() -> Checkpoints.resumeFrom("latest", missing)).isInstanceOf(UserError.class)
                .hasMessage("no completed checkpoint in " + missing + " to resume from");
    }

    @Test
    void shouldSayInOneLineThatFlinkHasNoFileSystemForAScheme() {
        assertThatThrownBy(() -> Checkpoints.resumeFrom("latest", "s3://cargowatch-flink/checkpoints"))
                .isInstanceOf(UserError.class)
                .hasMessage("cannot read checkpoints at s3://cargowatch-flink/checkpoints: no file system for scheme "
                        + "'s3' (add Flink's plugin for it: flink-s3-fs-hadoop or flink-s3-fs-presto)");
        assertThatThrownBy(() -> Checkpoints.resumeFrom("s3://cargowatch-flink/savepoints/savepoint-1a2b3c", null))
                .isInstanceOf(UserError.class)
                .hasMessage("cannot read checkpoints at s3://cargowatch-flink/savepoints/savepoint-1a2b3c: no file "
                        + "system for scheme 's3' (add Flink's plugin for it: flink-s3-fs-hadoop or "
                        + "flink-s3-fs-presto)");
        assertThatThrownBy(() -> Checkpoints.completed("nosuch://host/checkpoints")).isInstanceOf(UserError.class)
                .hasMessage("cannot read checkpoints at nosuch://host/checkpoints: no file system for scheme 'nosuch' "
                        + "(add Flink's plugin for it)");
    }

    @Test
    void shouldResumeFromANamedCheckpointOnlyWhenItExists() throws Exception {
        Path chk = dir.resolve("job/chk-12");
        checkpoint(chk, T0);
        Path relative = Path.of("").toAbsolutePath().relativize(chk);

        assertThat(Checkpoints.resumeFrom(chk.toString(), null)).isEqualTo(chk.toString());
        assertThat(Checkpoints.resumeFrom(relative.toString(), null)).as("a bare path is local, made absolute")
                .isEqualTo(chk.toString());
        assertThat(Path.of(java.net.URI.create(Checkpoints.resumeFrom(chk.toUri().toString(), null)))).isEqualTo(chk);
        assertThatThrownBy(() -> Checkpoints.resumeFrom(dir.resolve("job/chk-404").toString(), null))
                .isInstanceOf(UserError.class).hasMessage("no checkpoint at " + dir.resolve("job/chk-404"));
        String missingUri = dir.resolve("job/chk-404").toUri().toString();
        assertThatThrownBy(() -> Checkpoints.resumeFrom(missingUri, null))
                .isInstanceOf(UserError.class).hasMessage("no checkpoint at " + missingUri);
    }

    private static void checkpoint(Path folder, Instant completedAt) throws Exception {
        Files.createDirectories(folder);
        Path metadata = Files.writeString(folder.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.from(completedAt));
    }
}
