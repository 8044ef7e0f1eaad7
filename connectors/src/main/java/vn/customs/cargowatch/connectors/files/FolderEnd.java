package vn.customs.cargowatch.connectors.files;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a replayed folder's events end: the latest time any of its topics reached. Each topic's source says how far
 * its own event time got when its file ends, then waits until every topic of the folder has said so, and all move on
 * from the same last event ({@link LastEventWatermark}) — so a topic whose file ends last cannot make the operators it
 * feeds jump from its early time straight to the end of time, across deadlines before the folder's last event.
 *
 * <p>The topics meet here in this JVM: a replay runs on a local Flink. (It replaced a first pass that read every file
 * once more before the job, as the job would, to find the same time: that pass cost a quarter of a replay's CPU.) A
 * source that runs anywhere else finds nobody to wait for and ends on its own last event; so does one that has
 * waited {@link #PATIENCE} for the others.
 */
final class FolderEnd {

    /** How long a topic that has ended waits for the others: far longer than any replay's skew between files. */
    static final Duration PATIENCE = Duration.ofHours(6);

    private static final Map<String, FolderEnd> FOLDERS = new ConcurrentHashMap<>();

    private int topics;
    private int ended;
    private long last = Long.MIN_VALUE;

    private FolderEnd() {}

    /** The folder {@code id}, to which the job's topics are counted while it is built. */
    static FolderEnd of(String id) {
        return FOLDERS.computeIfAbsent(id, ignored -> new FolderEnd());
    }

    /** One more topic of the folder will end here. */
    synchronized void expect() {
        topics++;
    }

    /**
     * The topic that ended at {@code topicLast} ({@code Long.MIN_VALUE}: it had no time) waits for the others and
     * returns the folder's last event time.
     */
    static long end(String id, long topicLast) throws InterruptedException {
        FolderEnd folder = FOLDERS.get(id);
        if (folder == null) {
            return topicLast; // built elsewhere: no one to wait for
        }
        return folder.ended(id, topicLast);
    }

    private synchronized long ended(String id, long topicLast) throws InterruptedException {
        last = Math.max(last, topicLast);
        ended++;
        notifyAll();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (ended < topics && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        if (ended >= topics) {
            FOLDERS.remove(id, this);
        }
        return last;
    }
}
