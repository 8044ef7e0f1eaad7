package vn.customs.cargowatch.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bounded, retried writes, driven by futures the test completes by hand. */
@Timeout(20)
class AsyncWritesTest {

    private static final Duration BACKOFF = Duration.ofMillis(10);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(40);

    private final List<Duration> backoffs = new CopyOnWriteArrayList<>();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AsyncWrites writes = new AsyncWrites(2, BACKOFF, MAX_BACKOFF,
            error -> error instanceof IOException, new AsyncWrites.Listener() {
                @Override
                public void succeeded(long latencyNanos) {
                    succeeded.incrementAndGet();
                }

                @Override
                public void retrying(Throwable error, int attempt, Duration backoff) {
                    backoffs.add(backoff);
                }
            });
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        writes.close();
        caller.shutdownNow();
    }

    @Test
    void shouldBlockTheCallerWhileMaxInFlightWritesAreUnanswered() throws Exception {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        writes.submit(() -> first);
        writes.submit(() -> second);

        Future<?> third = caller.submit(() -> {
            writes.submit(() -> CompletableFuture.completedFuture(null));
            return null;
        });

        assertThatThrownBy(() -> third.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(writes.inFlight()).isEqualTo(2);
        first.complete(null);
        third.get(5, TimeUnit.SECONDS);
        assertThat(writes.inFlight()).isEqualTo(1);
    }

    @Test
    void shouldRetryATransientFailureWithGrowingCappedBackoffUntilItSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        writes.submit(() -> attempts.incrementAndGet() <= 5
                ? CompletableFuture.failedFuture(new IOException("down"))
                : CompletableFuture.completedFuture(null));

        writes.awaitAll();

        assertThat(attempts).hasValue(6);
        assertThat(succeeded).hasValue(1);
        assertThat(writes.inFlight()).isZero();
        assertThat(backoffs).hasSize(5).allMatch(backoff -> backoff.compareTo(MAX_BACKOFF) <= 0);
        // attempt 1: 10 ms (5..10), attempt 2: 20 ms (10..20), then capped at 40 (20..40)
        assertThat(backoffs.get(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
        assertThat(backoffs.get(4)).isBetween(Duration.ofMillis(20), MAX_BACKOFF);
    }

    @Test
    void shouldFailAWriteThatThrowsAnUnhealableErrorWhenStarted() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        writes.submit(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("not transient");
            }
            return CompletableFuture.completedFuture(null);
        });

        assertThatThrownBy(writes::awaitAll).isInstanceOf(IOException.class).hasMessageContaining("not transient");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void shouldWaitForEveryWriteBeforeAFlushReturns() throws Exception {
        CompletableFuture<Void> slow = new CompletableFuture<>();
        writes.submit(() -> slow);

        Future<?> flush = caller.submit(() -> {
            writes.awaitAll();
            return null;
        });

        assertThatThrownBy(() -> flush.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        slow.complete(null);
        flush.get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldFailTheNextCallOnAFailureThatRetryingCannotHeal() throws Exception {
        writes.submit(() -> CompletableFuture.failedFuture(new IllegalArgumentException("no such column")));

        assertThatThrownBy(writes::awaitAll).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot succeed by retrying").hasMessageContaining("no such column");
        assertThatThrownBy(() -> writes.submit(() -> CompletableFuture.completedFuture(null)))
                .isInstanceOf(IOException.class);
        assertThat(writes.inFlight()).isZero();
    }

    @Test
    void shouldDoubleTheBackoffUpToItsCap() {
        for (int attempt = 1; attempt <= 40; attempt++) {
            long cap = Math.min(40, 10L << Math.min(attempt - 1, 30));
            assertThat(writes.backoff(attempt).toMillis()).as("attempt " + attempt).isBetween(cap / 2, cap);
        }
    }
}
