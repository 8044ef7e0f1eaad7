package vn.customs.cargowatch.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A topic without time, waiting for the folder's end, follows the slowest topic still being read: never ahead of
 * one, never while one has yet to say where it is, and all end on the folder's last event.
 */
class FolderEndTest {

    private final String folder = UUID.randomUUID().toString();
    private final List<Long> followed = new CopyOnWriteArrayList<>();
    /** One thread per topic, as each topic's source waits on its own task thread. */
    private final ExecutorService sources = Executors.newCachedThreadPool();

    @AfterEach
    void stopSources() {
        sources.shutdownNow();
    }

    private FolderEnd folderOf(int topics) {
        FolderEnd end = FolderEnd.of(folder);
        for (int i = 0; i < topics; i++) {
            end.expect();
        }
        return end;
    }

    private CompletableFuture<Long> ending(String topic, long topicLast, LongConsumer follow) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return FolderEnd.end(folder, topic, topicLast, follow);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, sources);
    }

    private void awaitFollowed(long watermark) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!followed.contains(watermark) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(followed).contains(watermark);
    }

    @Test
    void shouldFollowTheSlowestTopicStillReadAndEndOnTheLastEvent() throws Exception {
        folderOf(3);
        FolderEnd.progress(folder, "fixes", 100);
        FolderEnd.progress(folder, "trips", 50);
        CompletableFuture<Long> offices = ending("offices", Long.MIN_VALUE, followed::add);

        awaitFollowed(50);
        FolderEnd.progress(folder, "trips", 150);
        awaitFollowed(100);
        // the trips' file ends at 400 (its watermark stays at 150, on its own channels): it sends nothing more, so the
        // offices follow the fixes alone, still read
        CompletableFuture<Long> trips = ending("trips", 400, ignored -> {});
        FolderEnd.progress(folder, "fixes", 300);
        awaitFollowed(300);
        assertThat(offices).isNotDone();

        CompletableFuture<Long> fixes = ending("fixes", 350, ignored -> {});

        assertThat(List.of(offices.get(10, TimeUnit.SECONDS), trips.get(10, TimeUnit.SECONDS),
                fixes.get(10, TimeUnit.SECONDS))).containsOnly(400L);
        assertThat(followed).isSorted().doesNotHaveDuplicates()
                .allSatisfy(mark -> assertThat(mark).isLessThanOrEqualTo(300));
    }

    @Test
    void shouldNotFollowWhileATopicHasNotSaidWhereItIs() throws Exception {
        folderOf(3);
        FolderEnd.progress(folder, "fixes", 100);
        CompletableFuture<Long> offices = ending("offices", Long.MIN_VALUE, followed::add);
        Thread.sleep(200);
        assertThat(followed).as("the trips' topic may still hold the oldest records").isEmpty();

        FolderEnd.progress(folder, "trips", 70);
        awaitFollowed(70);
        ending("trips", 80, ignored -> {});
        ending("fixes", 120, ignored -> {});
        assertThat(offices.get(10, TimeUnit.SECONDS)).isEqualTo(120);
    }

    @Test
    void shouldLetTopicsWithoutTimeEndOnNothingWhenNoTopicHasTime() throws Exception {
        folderOf(2);
        CompletableFuture<Long> zones = ending("zones", Long.MIN_VALUE, followed::add);
        CompletableFuture<Long> offices = ending("offices", Long.MIN_VALUE, followed::add);

        assertThat(zones.get(10, TimeUnit.SECONDS)).isEqualTo(Long.MIN_VALUE);
        assertThat(offices.get(10, TimeUnit.SECONDS)).isEqualTo(Long.MIN_VALUE);
        assertThat(followed).isEmpty();
    }
}
