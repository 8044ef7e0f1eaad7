package vn.customs.cargowatch.ops.cluster;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.UnsupportedFileSystemSchemeException;
import vn.customs.cargowatch.ops.UserError;

/**
 * Where {@code run --restore} resumes from: the newest completed checkpoint of {@code checkpoint.dir} ({@code
 * latest}), or a checkpoint or savepoint named by its path. Folders are read through Flink's own {@link FileSystem},
 * so a checkpoint folder is found wherever Flink can write one: a local folder (a bare path, as before, or {@code
 * file:///...}), or {@code s3://}, {@code hdfs://}, {@code gs://}... when Flink has the file system for the scheme (a
 * plugin on a cluster, its jar on the classpath of a local run). A scheme Flink has no file system for is one plain
 * line naming it, not a stack trace.
 *
 * <p>A completed checkpoint is a {@code chk-N} folder with its {@code _metadata} (Flink writes the metadata last),
 * found directly in the folder or one job-id folder down ({@code <dir>/<job id>/chk-N}, where Flink puts them). The
 * newest is the one whose {@code _metadata} was written last, the larger N on a tie: a job started afresh counts from
 * chk-1 again in a new job folder, so N alone does not tell across jobs. A running job deletes subsumed and aborted
 * checkpoints while this looks, so a folder that vanishes meanwhile is left out rather than failing the look, and the
 * job's {@code shared} and {@code taskowned} files are never walked.
 *
 * <p>Locations are strings in and out, as the command line and Flink's {@code execution.state-recovery.path} have them,
 * so that no command class carries a Flink type. A bare path is local, made absolute (as {@code run} makes {@code
 * checkpoint.dir}); a URI is kept as Flink writes it ({@code file:/...}, {@code s3://bucket/...}).
 */
public final class Checkpoints {

    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");
    /** How Flink names the plugins of a scheme it supports itself (s3, gs, abfs, oss...). */
    private static final Pattern PLUGINS =
            Pattern.compile("directly supported by Flink through the following plugin\\(s\\): ([\\w, -]+)\\.");

    /** A completed checkpoint: its folder, its number N, and when its {@code _metadata} was written. */
    public record Completed(String folder, long number, Instant completedAt) {}

    private static final Comparator<Completed> NEWEST_LAST =
            Comparator.comparing(Completed::completedAt).thenComparingLong(Completed::number);

    private Checkpoints() {}

    /**
     * What {@code --restore} names: the newest completed checkpoint in {@code checkpointDir} for {@code latest},
     * else the location itself once it is known to exist.
     *
     * @throws UserError when there is no such checkpoint, or its file system cannot be read
     */
    public static String resumeFrom(String restore, String checkpointDir) {
        if ("latest".equals(restore)) {
            return latest(checkpointDir).orElseThrow(() -> new UserError("no completed checkpoint in "
                    + checkpointDir + " to resume from"));
        }
        Path path = path(restore);
        try {
            if (!fileSystem(path, restore).exists(path)) {
                throw new UserError("no checkpoint at " + restore);
            }
        } catch (IOException e) {
            throw new UserError("cannot read checkpoints at " + restore + ": " + firstLine(e));
        }
        return location(path, restore);
    }

    /** The newest completed checkpoint in {@code checkpointDir}, if any. */
    public static Optional<String> latest(String checkpointDir) {
        return completed(checkpointDir).stream().max(NEWEST_LAST).map(Completed::folder);
    }

    /** The completed checkpoints in {@code checkpointDir}, directly or one job folder down; none if it is not there. */
    public static List<Completed> completed(String checkpointDir) {
        Path dir = path(checkpointDir);
        try {
            FileSystem fs = fileSystem(dir, checkpointDir);
            List<Completed> found = new ArrayList<>();
            for (FileStatus child : folders(fs, dir)) {
                if (checkpoint(child).isPresent()) {
                    completed(fs, child, checkpointDir).ifPresent(found::add);
                } else {
                    for (FileStatus grandchild : folders(fs, child.getPath())) {
                        completed(fs, grandchild, checkpointDir).ifPresent(found::add);
                    }
                }
            }
            return found;
        } catch (IOException e) {
            throw new UserError("cannot read checkpoints at " + checkpointDir + ": " + firstLine(e));
        }
    }

    /** The path Flink reads: a bare path is a local one, made absolute. */
    private static Path path(String location) {
        try {
            Path path = new Path(location);
            return path.toUri().getScheme() == null
                    ? new Path(java.nio.file.Path.of(location).toAbsolutePath().toString())
                    : path;
        } catch (IllegalArgumentException e) {
            throw new UserError("'" + location + "' is no path or URI of a checkpoint: " + e.getMessage());
        }
    }

    /** How to name {@code path} for one who named it {@code asked}: a plain path for a bare one, else its URI. */
    private static String location(Path path, String asked) {
        return new Path(asked).toUri().getScheme() == null ? path.toUri().getPath() : path.toString();
    }

    private static FileSystem fileSystem(Path path, String location) throws IOException {
        try {
            return FileSystem.get(path.toUri());
        } catch (UnsupportedFileSystemSchemeException e) {
            String scheme = path.toUri().getScheme();
            Matcher plugins = PLUGINS.matcher(String.valueOf(e.getMessage()));
            throw new UserError("cannot read checkpoints at " + location + ": no file system for scheme '" + scheme
                    + "' (add Flink's plugin for it" + (plugins.find() ? ": " + plugins.group(1).replace(", ", " or ")
                            : "") + ")");
        }
    }

    /** The folders in {@code dir}: none when it does not exist (any more), or is no folder. */
    private static List<FileStatus> folders(FileSystem fs, Path dir) throws IOException {
        FileStatus[] children;
        try {
            children = fs.listStatus(dir);
        } catch (FileNotFoundException vanished) {
            return List.of();
        }
        List<FileStatus> folders = new ArrayList<>();
        if (children != null) { // Flink's local file system answers null for a folder that does not exist
            for (FileStatus child : children) {
                if (child != null && child.isDir()) { // and null for a child that vanished while it listed
                    folders.add(child);
                }
            }
        }
        return folders;
    }

    /** The N of a {@code chk-N} folder. */
    private static Optional<Long> checkpoint(FileStatus folder) {
        Matcher name = CHECKPOINT.matcher(folder.getPath().getName());
        return name.matches() ? Optional.of(Long.parseLong(name.group(1))) : Optional.empty();
    }

    private static Optional<Completed> completed(FileSystem fs, FileStatus folder, String checkpointDir)
            throws IOException {
        Optional<Long> number = checkpoint(folder);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        try {
            FileStatus metadata = fs.getFileStatus(new Path(folder.getPath(), "_metadata"));
            return Optional.of(new Completed(location(folder.getPath(), checkpointDir), number.get(),
                    Instant.ofEpochMilli(metadata.getModificationTime())));
        } catch (FileNotFoundException notCompletedOrVanished) {
            return Optional.empty();
        }
    }

    private static String firstLine(IOException e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message);
    }
}
