package vn.customs.cargowatch.ops.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import vn.customs.cargowatch.ops.UserError;

/**
 * The output folder of a replay or the demo, never half-written: the run writes into a hidden folder inside it,
 * {@code .replay-partial-<start>-<pid>-<n>}, and moves its files into place only when it ended well
 * ({@link #commit}). A run that is killed, or fails, leaves the previous complete outputs, or none; the next run
 * into the folder says so on the console, keeps what the dead run must hand on (its SMS ledger: {@link Carry}) and
 * discards the rest.
 *
 * <p>Why one move per file inside the folder rather than a swap of whole folders: the output folder stays where
 * the user put it — it may be the working folder, a mount point, or hold files of the user's own, all of which a
 * folder swap would break — and a rename within one folder never leaves its file system, so each move is atomic
 * ({@code ATOMIC_MOVE}, rename(2)): a reader finds a file's old content or its new, never a part. The moves of one
 * commit are made one step by a roll-forward: the commit first renames the hidden folder {@code .replay-done-...},
 * and a run killed while moving leaves that folder, whose files are all complete; the next run finishes the moves
 * before anything else. Only in the milliseconds of the moves themselves may a reader see some files of the new
 * run beside some of the old.
 *
 * <p>Contract: {@link #begin} refuses (a {@link UserError}) while another run writes into the same folder — each
 * run holds an operating-system lock on the {@code lock} file of its hidden folder, which dies with its process,
 * so a dead run's folder is told from a live one's. {@link #commit} forces each file to disk, then moves every
 * file of the hidden folder into the output folder, replacing the old one, and deletes each of {@code names} the
 * run did not write (the {@code sms.jsonl} of an earlier run without SMSC, say): the folder then holds what this
 * run made, and the user's own files.
 */
public final class StagedOutputs implements AutoCloseable {

    /** What a run that did not finish hands on to the next before its folder is discarded. */
    @FunctionalInterface
    public interface Carry {

        /**
         * Takes what must outlive {@code unfinished}, the dead run's hidden folder, into {@code staging}, this
         * run's, before anything is written there.
         *
         * @return a clause for the console ("the 3 SMS it had sent are not sent again"), or empty for none
         */
        String carry(Path unfinished, Path staging) throws IOException;
    }

    private static final String PARTIAL = ".replay-partial-";
    private static final String DONE = ".replay-done-";
    /** A run's hidden folder before its lock is held: a name no other run takes for a live one. */
    private static final String NEW = ".replay-new-";
    private static final String LOCK = "lock";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Two runs of one JVM (the tests') in one millisecond still get two folders. */
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path output;
    private final Set<String> names;
    private final String id;
    private final FileChannel lockFile;
    private final FileLock lock;

    private StagedOutputs(Path output, Set<String> names, String id, FileChannel lockFile, FileLock lock) {
        this.output = output;
        this.names = names;
        this.id = id;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Makes the hidden folder of a run into {@code output} (which must exist), after dealing with what earlier
     * runs left there: the moves of one that was stopped while moving its outputs into place are finished; one
     * that did not finish has its {@link Carry} taken and is discarded. Each is told on {@code console}.
     *
     * @param names the files a run into {@code output} makes: those a commit deletes when the run did not write
     *     them
     * @throws UserError while another run writes into {@code output}
     */
    public static StagedOutputs begin(Path output, Collection<String> names, Carry carry, Consumer<String> console)
            throws IOException {
        Path folder = output.toAbsolutePath().normalize();
        Set<String> owned = Set.copyOf(names);
        List<Held> left = new ArrayList<>();
        try {
            for (Path dir : leftBehind(folder)) {
                Held.lock(dir, folder).ifPresent(left::add);
            }
            for (Held done : left) {
                if (done.name().startsWith(DONE)) {
                    moveIntoPlace(done.dir(), folder, owned);
                    console.accept("The replay into " + folder + " started at " + started(done.name())
                            + " ended but was stopped while moving its outputs into place; they are in place now.");
                }
            }
            for (Held unborn : left) {
                if (unborn.name().startsWith(NEW)) {
                    deleteTree(unborn.dir());
                }
            }
            String id = STAMP.format(Instant.now()) + "-" + ProcessHandle.current().pid() + "-"
                    + RUNS.incrementAndGet();
            Path making = Files.createDirectory(folder.resolve(NEW + id));
            FileChannel lockFile = FileChannel.open(making.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            StagedOutputs staged;
            try {
                FileLock lock = lockFile.tryLock();
                if (lock == null) {
                    throw new UserError("another replay is starting in " + folder + ": wait for it to end, or give "
                            + "another output folder");
                }
                // the lock is on the open file, and stays with it through the folder's rename
                Files.move(making, folder.resolve(PARTIAL + id), StandardCopyOption.ATOMIC_MOVE);
                staged = new StagedOutputs(folder, owned, id, lockFile, lock);
            } catch (IOException | RuntimeException e) {
                lockFile.close();
                throw e;
            }
            try {
                for (Held unfinished : left) {
                    if (unfinished.name().startsWith(PARTIAL)) {
                        String kept = carry.carry(unfinished.dir(), staged.dir());
                        deleteTree(unfinished.dir());
                        console.accept("The replay into " + folder + " started at " + started(unfinished.name())
                                + " did not finish; its partial outputs were discarded"
                                + (kept.isEmpty() ? "" : "; " + kept) + ".");
                    }
                }
            } catch (IOException | RuntimeException e) {
                staged.close();
                throw e;
            }
            return staged;
        } finally {
            for (Held held : left) {
                held.release();
            }
        }
    }

    /** Where the run writes its outputs until {@link #commit}. */
    public Path dir() {
        return output.resolve(PARTIAL + id);
    }

    /** Moves the run's outputs into place: the run ended well. */
    public void commit() throws IOException {
        Path partial = dir();
        try (Stream<Path> files = Files.list(partial)) {
            for (Path file : files.filter(StagedOutputs::isOutput).toList()) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
        }
        Path done = output.resolve(DONE + id);
        Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
        moveIntoPlace(done, output, names);
    }

    /** Lets the next run in; a run that did not commit leaves its hidden folder for that run to discard. */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            lockFile.close();
        }
    }

    private static void moveIntoPlace(Path done, Path output, Set<String> names) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(done)) {
            files = listed.filter(StagedOutputs::isOutput).toList();
        }
        for (Path file : files) {
            Files.move(file, output.resolve(file.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Set<String> written = Set.copyOf(files.stream().map(file -> file.getFileName().toString()).toList());
        for (String name : names) {
            if (!written.contains(name)) {
                Files.deleteIfExists(output.resolve(name));
            }
        }
        deleteTree(done);
    }

    private static boolean isOutput(Path file) {
        return Files.isRegularFile(file) && !file.getFileName().toString().equals(LOCK);
    }

    /** The hidden folders of earlier runs, oldest first. */
    private static List<Path> leftBehind(Path output) throws IOException {
        try (Stream<Path> listed = Files.list(output)) {
            return listed.filter(Files::isDirectory).filter(dir -> {
                String name = dir.getFileName().toString();
                return name.startsWith(PARTIAL) || name.startsWith(DONE) || name.startsWith(NEW);
            }).sorted(Comparator.comparing(dir -> idOf(dir.getFileName().toString()))).toList();
        }
    }

    private static String idOf(String name) {
        return name.substring(name.indexOf('-', ".replay-".length()) + 1);
    }

    /** When the run of a hidden folder started, as its name says. */
    private static String started(String name) {
        String stamp = idOf(name);
        int end = stamp.indexOf('-');
        try {
            return STAMP.parse(end < 0 ? stamp : stamp.substring(0, end), Instant::from).toString();
        } catch (DateTimeParseException e) {
            return "an unknown time";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walked = Files.walk(dir)) {
            paths = walked.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    /** An earlier run's hidden folder, locked so that no other run takes it up meanwhile. */
    private record Held(Path dir, FileChannel lockFile, FileLock lock) {

        String name() {
            return dir.getFileName().toString();
        }

        /** Empty when the folder went meanwhile: its run just finished. */
        static Optional<Held> lock(Path dir, Path output) throws IOException {
            FileChannel channel;
            try {
                channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM's own run holds it
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw new UserError("another replay is writing into " + output + " since "
                        + started(dir.getFileName().toString())
                        + ": wait for it to end, or give another output folder");
            }
            return Optional.of(new Held(dir, channel, lock));
        }

        void release() {
            try {
                lockFile.close(); // releases the lock
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
