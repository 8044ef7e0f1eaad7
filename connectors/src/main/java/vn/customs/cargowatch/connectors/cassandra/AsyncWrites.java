package vn.customs.cargowatch.connectors.cassandra;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Asynchronous writes, at most {@code maxInFlight} at a time, each retried until it succeeds.
 *
 * <p>{@link #submit} takes a permit before it starts a write and blocks while none is free: the caller (a
 * Flink sink writer, on the task thread) then stops taking records, which back-pressures the job. A write
 * that fails with a transient error (Cassandra down, overloaded, a timeout) keeps its permit and is tried again
 * after an exponential back-off capped at {@code maxBackoff}, for as long as it takes — while Cassandra is
 * down the permits run out and the job waits. Any other error (a bad statement, a refused login) cannot heal
 * by waiting: it is kept and thrown by the next {@link #submit} or {@link #awaitAll}, which fails the job.
 * {@link #awaitAll} returns once every write submitted before it has succeeded: on a checkpoint, nothing the
 * checkpoint acknowledges is still on its way.
 *
 * <p>Only idempotent writes may be submitted: a write that timed out may have been applied and is sent again.
 */
final class AsyncWrites implements AutoCloseable {

    /** Starts one attempt of one write. */
    @FunctionalInterface
    interface Write {
        CompletionStage<?> start();
    }

    /** Hooks for metrics and logs; called from the driver's threads. */
    interface Listener {
        default void succeeded(long latencyNanos) {}

        default void retrying(Throwable error, int attempt, Duration backoff) {}
    }

    private static final long POLL_MILLIS = 100;

    private final int maxInFlight;
    private final Semaphore permits;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Predicate<Throwable> isTransient;
    private final Listener listener;
    private final ScheduledExecutorService retries;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    AsyncWrites(int maxInFlight, Duration backoff, Duration maxBackoff, Predicate<Throwable> isTransient,
            Listener listener) {
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.isTransient = isTransient;
        this.listener = listener;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "cassandra-write-retries");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.retries = executor;
    }

    /** Starts {@code write} once a permit is free (waiting for one, the caller's back-pressure). */
    void submit(Write write) throws IOException, InterruptedException {
        throwIfFailed();
        while (!permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            throwIfFailed();
        }
        attempt(write, 1, System.nanoTime());
    }

    /** Waits until every write submitted so far has succeeded; throws the first write's permanent failure. */
    void awaitAll() throws IOException, InterruptedException {
        throwIfFailed();
        while (!permits.tryAcquire(maxInFlight, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            throwIfFailed();
        }
        permits.release(maxInFlight);
        throwIfFailed();
    }

    /** Writes started and not yet succeeded (or failed for good), retries included. */
    int inFlight() {
        return maxInFlight - permits.availablePermits();
    }

    /** Abandons what is still in flight (the job is failing or cancelled; a restart writes it again). */
    @Override
    public void close() {
        retries.shutdownNow();
    }

    private void attempt(Write write, int attempt, long startNanos) {
        CompletionStage<?> stage;
        try {
            stage = write.start();
        } catch (RuntimeException e) {
            failed(write, attempt, startNanos, e);
            return;
        }
        stage.whenComplete((result, error) -> {
            if (error == null) {
                // Count it before freeing the permit: whoever waits on the permits sees the write done and counted.
                listener.succeeded(System.nanoTime() - startNanos);
                permits.release();
            } else {
                failed(write, attempt, startNanos, unwrap(error));
            }
        });
    }

    private void failed(Write write, int attempt, long startNanos, Throwable error) {
        if (isTransient.test(error) && !retries.isShutdown()) {
            Duration wait = backoff(attempt);
            listener.retrying(error, attempt, wait);
            try {
                retries.schedule(() -> attempt(write, attempt + 1, startNanos), wait.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (RuntimeException rejected) {
                // Closed meanwhile: the write is abandoned with the others.
            }
        } else {
            failure.compareAndSet(null, error);
        }
        permits.release();
    }

    /** backoff × 2^(attempt-1), capped, with jitter in its upper half so that retries do not come in waves. */
    Duration backoff(int attempt) {
        long capped = Math.min(maxBackoff.toMillis(), backoff.toMillis() << Math.min(attempt - 1, 30));
        long half = Math.max(1, capped / 2);
        return Duration.ofMillis(capped - half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private void throwIfFailed() throws IOException {
        Throwable error = failure.get();
        if (error != null) {
            throw new IOException("a Cassandra write failed and cannot succeed by retrying: " + error, error);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
