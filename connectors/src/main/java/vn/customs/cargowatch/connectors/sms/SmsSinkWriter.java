package vn.customs.cargowatch.connectors.sms;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.customs.cargowatch.connectors.JobMetrics;

/**
 * The writer of {@link SmsSink}: {@link #write} only decides whether an SMS is new and puts it in a bounded queue;
 * one thread of its own sends the queue in order and retries what fails for now, so that an SMSC that is down
 * holds up the SMS and nothing else of the job. The contract, the state and the window of a second send are
 * {@link SmsSink}'s.
 *
 * <p>Threads: {@link #write}, {@link #flush}, {@link #snapshotState} and {@link #close} on the task thread; the
 * sends, and the ledger lines of the SMS sent, on the sender thread; receipts on the sender's own (jsmpp's). The
 * queue, the SMS in flight and the keys sent are guarded by {@link #lock}; a snapshot taken under it sees each SMS
 * either pending or sent, never neither.
 */
final class SmsSinkWriter implements StatefulSinkWriter<SmsMessage, SmsSinkState> {

    private static final Logger LOG = LoggerFactory.getLogger(SmsSinkWriter.class);
    /** Tells the sender threads of several writers in one JVM apart, in thread dumps and tests. */
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long {@link #close} waits for the sender thread: an SMPP call in flight ends within its time-outs. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /**
     * @param capacity how many SMS may wait; {@link #write} blocks beyond (the job's back-pressure)
     * @param firstRetry the wait after a send failed for now; it doubles at each failure of the same SMS
     * @param maxRetry the longest wait between two sends of one SMS
     * @param drainWait how long the end of the input waits for the queue to be sent
     * @param receiptWait then how long it waits for the receipts of what was sent
     * @param remembered how long the key of an SMS sent is kept in the state
     * @param maxRemembered how many keys at most, the oldest forgotten first
     */
    record Limits(int capacity, Duration firstRetry, Duration maxRetry, Duration drainWait, Duration receiptWait,
            Duration remembered, int maxRemembered) {}

    private final SmsSender sender;
    private final SmsLedger ledger;
    private final Limits limits;
    private final Clock clock;

    private final Object lock = new Object();
    private final ArrayDeque<SmsMessage> queue = new ArrayDeque<>();
    /** The keys of the queue and of the SMS in flight. */
    private final Set<String> pendingKeys = new HashSet<>();
    private final SentKeys sentKeys;
    private SmsMessage inFlight;
    /** Set by {@link #close}, a given-up drain or the sender thread's failure: nothing is sent any more. */
    private boolean stopped;
    /** What broke the sender thread: a bug, thrown to the task so that the job restarts from its checkpoint. */
    private Throwable broken;
    private final Thread thread;

    private final Counter sent;
    private final Counter failedTransient;
    private final Counter failedPermanent;
    private final Counter retries;
    /** SMS not sent because the state or the ledger knows they were: what a restore makes again, or restores. */
    private final Counter heldBack;
    private final Map<String, Counter> receiptsByState = new HashMap<>();
    private final AwaitedReceipts awaited = new AwaitedReceipts();

    /**
     * @param ledger the ledger file; {@code null} for none (the state alone knows what was sent)
     * @param restored the states of the checkpoint restored from, empty for a fresh start
     */
    SmsSinkWriter(SmsSink.Senders senders, SmsLedger ledger, MetricGroup metrics, Collection<SmsSinkState> restored,
            Limits limits, Clock clock) throws IOException {
        this.ledger = ledger;
        this.limits = limits;
        this.clock = clock;
        this.sentKeys = new SentKeys(limits.remembered(), limits.maxRemembered());
        this.sent = JobMetrics.of(metrics).counter("sms_sent");
        this.failedTransient = JobMetrics.of(metrics, "kind", "transient").counter("sms_failed");
        this.failedPermanent = JobMetrics.of(metrics, "kind", "permanent").counter("sms_failed");
        this.retries = JobMetrics.of(metrics).counter("sms_retries");
        this.heldBack = JobMetrics.of(metrics).counter("sms_held_back");
        JobMetrics.of(metrics).gauge("sms_pending", (Gauge<Integer>) this::pending);
        // every state from the start, so that a board's rate over "UNDELIV" is 0, not empty, until one comes
        for (String state : DeliveryReceipt.STATES) {
            receiptsByState.put(state, JobMetrics.of(metrics, "state", state).counter("sms_receipts"));
        }
        restore(restored);
        this.sender = senders.open(this::delivered);
        this.thread = new Thread(this::sendInOrder, "cargowatch-sms-sender-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** The keys sent from every state (several writers' if the sink ever ran wider), then their pending SMS. */
    private void restore(Collection<SmsSinkState> states) {
        Instant now = clock.instant();
        states.stream().flatMap(state -> state.sent().stream()).sorted(Comparator.comparing(SmsSinkState.Sent::sentAt))
                .forEach(key -> sentKeys.add(key.key(), key.sentAt(), now));
        int skipped = 0;
        for (SmsSinkState state : states) {
            for (SmsMessage message : state.pending()) {
                if (alreadySent(message.key())) {
                    skipped++;
                    heldBack.inc();
                } else if (!pendingKeys.add(message.key())) {
                    skipped++;
                } else {
                    queue.addLast(message);
                }
            }
        }
        if (!states.isEmpty()) {
            LOG.info("SMS sink restored: {} SMS to send, {} sent before that it skips, {} keys of SMS sent known",
                    queue.size(), skipped, sentKeys.size());
        }
    }

    /**
     * Queues {@code message} unless it was sent (in the state or the ledger) or is already waiting; blocks while
     * the queue is full.
     */
    @Override
    public void write(SmsMessage message, Context context) throws IOException, InterruptedException {
        String key = message.key();
        synchronized (lock) {
            throwIfBroken();
            if (alreadySent(key)) {
                LOG.debug("SMS {} was sent before this restart; not again", key);
                heldBack.inc();
                return;
            }
            if (pendingKeys.contains(key)) {
                LOG.debug("SMS {} is already waiting to be sent", key);
                return;
            }
            while (queue.size() >= limits.capacity() && !stopped) {
                lock.wait();
            }
            throwIfBroken();
            if (stopped) {
                throw new IllegalStateException("SMS " + key + " written after the SMS sink stopped sending");
            }
            queue.addLast(message);
            pendingKeys.add(key);
            lock.notifyAll();
        }
    }

    /**
     * {@code endOfInput} (a replay's end): waits up to {@link Limits#drainWait} for every SMS to be sent, then
     * counts those still waiting as failed (transient) and logs their keys — the replay ends even with no SMSC —
     * and waits up to {@link Limits#receiptWait} for the receipts of what was sent, so that the ledger says
     * whether the texts arrived. Otherwise (before each checkpoint) it does not wait: what waits is in the state.
     */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        synchronized (lock) {
            throwIfBroken();
        }
        if (!endOfInput) {
            return;
        }
        List<SmsMessage> unsent = drain();
        if (!unsent.isEmpty()) {
            failedTransient.inc(unsent.size());
            LOG.warn("{} SMS not sent: the SMSC did not take them within {} s of the end of the input: {}",
                    unsent.size(), limits.drainWait().toSeconds(), unsent.stream().map(SmsMessage::key).toList());
        }
        int left = awaited.await(limits.receiptWait());
        if (left > 0) {
            LOG.info("{} SMS segments without a delivery receipt after {} s; they stay awaiting in {}", left,
                    limits.receiptWait().toSeconds(), ledger != null ? ledger.file() : "the log");
        }
    }

    @Override
    public List<SmsSinkState> snapshotState(long checkpointId) {
        synchronized (lock) {
            List<SmsMessage> pending = new ArrayList<>(queue.size() + 1);
            if (inFlight != null) {
                pending.add(inFlight);
            }
            pending.addAll(queue);
            return List.of(new SmsSinkState(pending, sentKeys.snapshot(clock.instant())));
        }
    }

    /** Stops the sender thread (interrupting a send or a wait to retry); what waits is in the last snapshot. */
    @Override
    public void close() throws IOException {
        try {
            stopSending();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                sender.close();
            } finally {
                if (ledger != null) {
                    ledger.close();
                }
            }
        }
    }

    /** SMS accepted and not sent yet: the queue and the one in flight. */
    int pending() {
        synchronized (lock) {
            return queue.size() + (inFlight != null ? 1 : 0);
        }
    }

    /** How many segments sent have no receipt yet. */
    int awaitingReceipts() {
        return awaited.count();
    }

    String threadName() {
        return thread.getName();
    }

    private boolean alreadySent(String key) {
        return sentKeys.contains(key) || (ledger != null && ledger.contains(key));
    }

    private void throwIfBroken() throws IOException {
        if (broken != null) {
            throw new IOException("the SMS sender thread failed; the job restarts from its checkpoint, whose "
                    + "pending SMS are sent again: " + broken, broken);
        }
    }

    /** Waits for the queue to be sent; if it is not within {@code drainWait}, stops sending and returns the rest. */
    private List<SmsMessage> drain() throws InterruptedException {
        synchronized (lock) {
            long deadline = System.nanoTime() + limits.drainWait().toNanos();
            long left;
            while ((inFlight != null || !queue.isEmpty()) && !stopped
                    && (left = deadline - System.nanoTime()) > 0) {
                lock.wait(Math.max(1, left / 1_000_000));
            }
            if (inFlight == null && queue.isEmpty()) {
                return List.of();
            }
        }
        // the SMS in flight may still be accepted while the thread stops: it then counts as sent, not failed
        stopSending();
        synchronized (lock) {
            List<SmsMessage> unsent = new ArrayList<>(queue.size() + 1);
            if (inFlight != null) {
                unsent.add(inFlight);
            }
            unsent.addAll(queue);
            inFlight = null;
            queue.clear();
            pendingKeys.clear();
            return unsent;
        }
    }

    private void stopSending() throws InterruptedException {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        thread.interrupt();
        thread.join(STOP_WAIT.toMillis());
        if (thread.isAlive()) {
            LOG.warn("the SMS sender thread {} did not stop within {} s", thread.getName(), STOP_WAIT.toSeconds());
        }
    }

    /** The sender thread: takes the queue's head, sends it until it is accepted or refused, and so on. */
    private void sendInOrder() {
        try {
            while (true) {
                SmsMessage next;
                synchronized (lock) {
                    while (queue.isEmpty() && !stopped) {
                        lock.wait();
                    }
                    if (stopped) {
                        return;
                    }
                    next = queue.pollFirst();
                    inFlight = next;
                    lock.notifyAll(); // a place is free for a blocked write
                }
                send(next);
            }
        } catch (InterruptedException e) {
            // stopped: the SMS in flight stays pending, in the state
        } catch (RuntimeException | Error e) {
            LOG.error("the SMS sender thread failed; the task fails with it", e);
            synchronized (lock) {
                broken = e;
                stopped = true;
                lock.notifyAll();
            }
        }
    }

    /**
     * Sends {@code message} until the SMSC accepts it (recorded as sent) or refuses it for good (counted, logged,
     * dropped: sending it again cannot help). A failure for now is retried after a wait that doubles up to
     * {@code maxRetry}, for as long as the job runs. The sender itself retries each segment first
     * ({@link SmppSmsSender}), which does not send again the segments already accepted, as a retry here does.
     */
    private void send(SmsMessage message) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            SmsReceipt receipt;
            try {
                receipt = sender.send(message);
            } catch (SmsException e) {
                if (!e.isTransient()) {
                    failedPermanent.inc();
                    LOG.warn("SMS {} not sent (permanent): {}", message.key(), e.getMessage());
                    finished(message);
                    return;
                }
                if (Thread.currentThread().isInterrupted() || isStopped()) {
                    throw new InterruptedException("stopped while sending " + message.key());
                }
                retries.inc();
                Duration wait = Backoff.after(attempt, limits.firstRetry(), limits.maxRetry());
                LOG.warn("SMS {} not sent yet (attempt {}), {} waiting behind it; trying again in {} ms: {}",
                        message.key(), attempt, pending() - 1, wait.toMillis(), e.getMessage());
                Thread.sleep(wait.toMillis());
                continue;
            }
            recordSent(message, receipt);
            return;
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    /** In the ledger first, then in the state: a snapshot never sees it neither pending nor sent. */
    private void recordSent(SmsMessage message, SmsReceipt receipt) {
        // an interrupt (a stop) pending while a file is written would close the ledger's channel for the receipts
        boolean interrupted = Thread.interrupted();
        try {
            record(message, receipt);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void record(SmsMessage message, SmsReceipt receipt) {
        Instant now = clock.instant();
        if (sender.sendsReceipts()) {
            awaited.sent(receipt.messageIds());
        }
        if (ledger != null) {
            try {
                ledger.sent(message, receipt, now);
            } catch (IOException e) {
                LOG.error("SMS {} was sent but cannot be recorded in {} ({}); the checkpoints still know it",
                        message.key(), ledger.file(), e.getMessage());
            }
        }
        sent.inc();
        synchronized (lock) {
            sentKeys.add(message.key(), now, now);
        }
        finished(message);
    }

    private void finished(SmsMessage message) {
        synchronized (lock) {
            if (inFlight == message) {
                inFlight = null;
                pendingKeys.remove(message.key());
            }
            lock.notifyAll();
        }
    }

    /** On the sender's receipt thread: recorded with the SMS it reports on, for {@code ./cargowatch sms}. */
    private void delivered(DeliveryReceipt receipt) {
        try {
            receiptsByState.getOrDefault(receipt.state(), receiptsByState.get("UNKNOWN")).inc();
            if (!receipt.delivered()) {
                LOG.warn("SMS not delivered: {}", receipt);
            }
            if (ledger == null) {
                LOG.info("SMS delivery receipt: {}", receipt);
                return;
            }
            try {
                ledger.delivered(receipt);
            } catch (IOException e) {
                LOG.warn("cannot record the delivery receipt {} in {}: {}", receipt, ledger.file(), e.getMessage());
            }
        } finally {
            // received once in the ledger, not before: a replay's end waits for the receipts, then the ledger is read
            // (SmsReplayIT once read the last one AWAITING, its line not yet written)
            awaited.received(receipt.messageId());
        }
    }

    /**
     * The keys of the SMS sent, oldest first, forgetting those sent more than {@code remembered} ago and the
     * oldest beyond {@code max}. Not thread-safe: the writer's lock guards it.
     */
    static final class SentKeys {

        private final Duration remembered;
        private final int max;
        private final LinkedHashMap<String, Instant> keys = new LinkedHashMap<>();

        SentKeys(Duration remembered, int max) {
            this.remembered = remembered;
            this.max = max;
        }

        void add(String key, Instant sentAt, Instant now) {
            keys.remove(key);
            keys.put(key, sentAt);
            forget(now);
        }

        boolean contains(String key) {
            return keys.containsKey(key);
        }

        int size() {
            return keys.size();
        }

        List<SmsSinkState.Sent> snapshot(Instant now) {
            forget(now);
            List<SmsSinkState.Sent> sent = new ArrayList<>(keys.size());
            keys.forEach((key, sentAt) -> sent.add(new SmsSinkState.Sent(key, sentAt)));
            return sent;
        }

        private void forget(Instant now) {
            Instant oldest = now.minus(remembered);
            Iterator<Map.Entry<String, Instant>> eldest = keys.entrySet().iterator();
            while (eldest.hasNext()) {
                Map.Entry<String, Instant> entry = eldest.next();
                if (keys.size() <= max && !entry.getValue().isBefore(oldest)) {
                    return;
                }
                eldest.remove();
            }
        }
    }

    /**
     * The segments sent whose receipt has not come, bounded (some SMSCs send none). A receipt may come before the
     * segment is known as sent — while {@code send} still waits for the answer to a later segment, or for an SMS
     * sent before a restart — so receipts without a segment are kept too, as long.
     */
    static final class AwaitedReceipts {

        private static final int MAX_AWAITED = 10_000;

        private final Set<String> awaiting = bounded();
        private final Set<String> early = bounded();

        synchronized void sent(List<String> messageIds) {
            for (String id : messageIds) {
                if (!early.remove(id)) {
                    awaiting.add(id);
                }
            }
        }

        synchronized void received(String messageId) {
            if (!awaiting.remove(messageId)) {
                early.add(messageId);
            }
            notifyAll();
        }

        synchronized int count() {
            return awaiting.size();
        }

        /** Waits until every segment sent has its receipt or {@code within} passed; how many are left. */
        synchronized int await(Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            long left;
            while (!awaiting.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                wait(Math.max(1, left / 1_000_000));
            }
            return awaiting.size();
        }

        private static Set<String> bounded() {
            return Collections.newSetFromMap(new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_AWAITED;
                }
            });
        }
    }
}
