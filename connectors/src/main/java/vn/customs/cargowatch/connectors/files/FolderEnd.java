package vn.customs.cargowatch.connectors.files;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Where a replayed folder's events end: the latest time any of its topics reached. Each topic's source says how far
 * its own event time got when its file ends, then waits until every topic of the folder has said so, and all move on
 * from the same last event ({@link LastEventWatermark}) — so a topic whose file ends last cannot make the operators it
 * feeds jump from its early time straight to the end of time, across deadlines before the folder's last event.
 *
 * <p>A topic without time (reference data such as the offices and ignore zones, an absent or empty file, a topic with
 * a single sender, whose clock needs two) would hold every operator it feeds at the start until the whole folder is
 * read, and the day's records would all wait in the rules' event-time buffers for one sweep at the end. While it
 * waits it therefore <em>follows</em> the folder: its watermark is the slowest watermark of the topics still being
 * read, never ahead of any of them, so it holds nobody back and makes no record still to come late. (A topic that has
 * ended sends nothing more, so it constrains no one: it holds its own channels at its last watermark itself.) It does not go idle: an idle input lets an operator's
 * watermark jump to its other inputs' end of time as soon as they reach it, over the step to the folder's last event
 * (seen as a gate decided "the input ended before the declaration wait was over" in one replay out of two).
 *
 * <p>The topics meet here in this JVM: a replay runs on a local Flink. (It replaced a first pass that read every file
 * once more before the job, as the job would, to find the same time: that pass cost a quarter of a replay's CPU.) A
 * source that runs anywhere else finds nobody to wait for and ends on its own last event; so does one that has
 * waited {@link #PATIENCE} for the others.
 */
final class FolderEnd {

    /** How long a topic that has ended waits for the others: far longer than any replay's skew between files. */
    static final Duration PATIENCE = Duration.ofHours(6);

    /** How often a topic without time, waiting, looks whether the folder's event time moved. */
    private static final long FOLLOW_MILLIS = 20;

    private static final Map<String, FolderEnd> FOLDERS = new ConcurrentHashMap<>();

    private int topics;
    private int ended;
    private long last = Long.MIN_VALUE;
    /** The watermark so far of each topic still being read that has emitted one. */
    private final Map<String, Long> watermarks = new HashMap<>();

    private FolderEnd() {}

    /** The folder {@code id}, to which the job's topics are counted while it is built. */
    static FolderEnd of(String id) {
        return FOLDERS.computeIfAbsent(id, ignored -> new FolderEnd());
    }

    /** One more topic of the folder will end here. */
    synchronized void expect() {
        topics++;
    }

    /** The topic's event time moved to {@code watermark} while its file is read. */
    static void progress(String id, String topic, long watermark) {
        FolderEnd folder = FOLDERS.get(id);
        if (folder != null) {
            folder.moved(topic, watermark);
        }
    }

    /**
     * The topic that ended at {@code topicLast} ({@code Long.MIN_VALUE}: it had no time) waits for the others and
     * returns the folder's last event time. Meanwhile a topic without time hands {@code follow} each new watermark the
     * folder allows it, on the caller's thread.
     */
    static long end(String id, String topic, long topicLast, LongConsumer follow) throws InterruptedException {
        FolderEnd folder = FOLDERS.get(id);
        if (folder == null) {
            return topicLast; // built elsewhere: no one to wait for
        }
        return folder.ended(id, topic, topicLast, follow);
    }

    private synchronized void moved(String topic, long watermark) {
        watermarks.merge(topic, watermark, Math::max); // only before the topic's end: its source emits nothing after
        notifyAll();
    }

    private long ended(String id, String topic, long topicLast, LongConsumer follow) throws InterruptedException {
        boolean timeless = topicLast == Long.MIN_VALUE;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long followed = Long.MIN_VALUE;
        synchronized (this) {
            last = Math.max(last, topicLast);
            ended++;
            watermarks.remove(topic);
            notifyAll();
        }
        while (true) {
            long allowed;
            synchronized (this) {
                if (ended >= topics || System.nanoTime() >= deadline) {
                    if (ended >= topics) {
                        FOLDERS.remove(id, this);
                    }
                    return last;
                }
                wait(timeless ? FOLLOW_MILLIS : Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                allowed = timeless ? slowestWithTime() : Long.MIN_VALUE;
            }
            // Emitted outside the lock: the emit may wait for the network, and the other topics must still report.
            if (allowed > followed) {
                followed = allowed;
                follow.accept(allowed);
            }
        }
    }

    /**
     * The slowest watermark among the topics still being read; none while one of them has yet to report (it may
     * hold the oldest records of all).
     */
    private long slowestWithTime() {
        if (watermarks.size() + ended < topics) {
            return Long.MIN_VALUE; // a topic being read has not reported yet
        }
        long slowest = Long.MAX_VALUE;
        for (long watermark : watermarks.values()) {
            slowest = Math.min(slowest, watermark);
        }
        return slowest == Long.MAX_VALUE ? Long.MIN_VALUE : slowest;
    }
}
