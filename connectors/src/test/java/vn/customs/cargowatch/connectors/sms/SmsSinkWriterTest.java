package vn.customs.cargowatch.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer sends on a thread of its own: an SMSC that is down holds up the SMS and not the task, the SMS go out in
 * order once it is back, and the checkpointed state carries what waits and what was sent to a restore on another
 * TaskManager — except the SMS sent after the checkpoint, the documented window, pinned here.
 */
class SmsSinkWriterTest {

    static final String PHONE = "84912345678";
    static final Instant T0 = Instant.parse("2026-11-22T00:30:00Z");
    /** Quick retries, and a replay's end that gives up after 300 ms. */
    static final SmsSinkWriter.Limits QUICK = new SmsSinkWriter.Limits(10_000, Duration.ofMillis(5),
            Duration.ofMillis(20), Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofDays(30), 50_000);
    static final Duration PATIENCE = Duration.ofSeconds(10);
    /** As {@link #QUICK}, but the end of the input waits 10 s for the queue. */
    static final SmsSinkWriter.Limits PATIENT = new SmsSinkWriter.Limits(10_000, QUICK.firstRetry(), QUICK.maxRetry(),
            PATIENCE, QUICK.receiptWait(), QUICK.remembered(), QUICK.maxRemembered());

    @TempDir
    Path dir;

    private final List<SmsSinkWriter> opened = new ArrayList<>();

    /** An SMSC that answers "try later" to every send while it is down, and refuses texts asking for it. */
    static final class Smsc implements SmsSender {
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();
        volatile boolean up;
        volatile RuntimeException bug;

        Smsc(boolean up) {
            this.up = up;
        }

        @Override
        public SmsReceipt send(SmsMessage message) throws SmsException {
            attempts.incrementAndGet();
            if (bug != null) {
                throw bug;
            }
            if (message.text().contains("invalid")) {
                throw SmsException.permanent(message.key() + ": ESME_RINVDSTADR (invalid destination)", 11, null);
            }
            if (!up) {
                throw SmsException.temporary(message.key() + ": link to the SMSC failed: Connection refused", 0, null);
            }
            accepted.add(message.key());
            return new SmsReceipt(List.of(message.key() + "#1"));
        }

        @Override
        public void close() {}
    }

    /** The wall clock of the writer, moved by hand. */
    static final class HandClock extends Clock {
        volatile Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static SmsMessage sms(String key) {
        return new SmsMessage(PHONE, "CẢNH BÁO " + key, key.substring(0, key.indexOf('/')), key);
    }

    static String key(int alert) {
        return "a-" + alert + "/OPEN/" + PHONE;
    }

    private SmsSinkWriter writer(Smsc smsc, Path ledger, Collection<SmsSinkState> restored, SmsSinkWriter.Limits limits,
            Clock clock, RecordedMetrics metrics) throws Exception {
        SmsSinkWriter writer = new SmsSinkWriter(receipts -> smsc, ledger == null ? null : new SmsLedger(ledger),
                metrics, restored, limits, clock);
        opened.add(writer);
        return writer;
    }

    private SmsSinkWriter writer(Smsc smsc, Path ledger, Collection<SmsSinkState> restored) throws Exception {
        return writer(smsc, ledger, restored, QUICK, Clock.systemUTC(), new RecordedMetrics());
    }

    @AfterEach
    void closeWriters() throws Exception {
        for (SmsSinkWriter writer : opened) {
            writer.close();
        }
    }

    static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + what);
            }
            Thread.sleep(5);
        }
    }

    /** The state as Flink hands it to the restored writer: serialized and read back. */
    static List<SmsSinkState> checkpointed(List<SmsSinkState> states) throws Exception {
        SmsSinkState.Serializer serializer = new SmsSinkState.Serializer();
        List<SmsSinkState> read = new ArrayList<>();
        for (SmsSinkState state : states) {
            read.add(serializer.deserialize(serializer.getVersion(), serializer.serialize(state)));
        }
        return read;
    }

    @Test
    void shouldReturnFromWriteWhileTheSmscIsDownAndSendInOrderOnceItIsBack() throws Exception {
        Smsc smsc = new Smsc(false);
        RecordedMetrics metrics = new RecordedMetrics();
        SmsSinkWriter writer = writer(smsc, dir.resolve("sms-ledger.jsonl"), List.of(), QUICK, Clock.systemUTC(),
                metrics);
        List<String> keys = IntStream.rangeClosed(1, 50).mapToObj(SmsSinkWriterTest::key).toList();

        long start = System.nanoTime();
        for (String key : keys) {
            writer.write(sms(key), null);
        }
        long writing = System.nanoTime() - start;

        assertThat(Duration.ofNanos(writing)).as("50 writes with the SMSC down").isLessThan(Duration.ofSeconds(2));
        until(() -> smsc.attempts.get() >= 5, "the sender keeps trying");
        assertThat(smsc.accepted).isEmpty();
        assertThat(writer.pending()).isEqualTo(50);
        assertThat(metrics.gauge("cargowatch.sms_pending")).isEqualTo(50);
        assertThat(metrics.count("cargowatch.sms_retries")).isGreaterThanOrEqualTo(4);
        assertThat(metrics.count("cargowatch.kind=transient.sms_failed")).as("a retry is not a failure").isZero();

        smsc.up = true;
        until(() -> writer.pending() == 0, "the queue is sent");

        assertThat(smsc.accepted).as("in order, each once").containsExactlyElementsOf(keys);
        assertThat(metrics.count("cargowatch.sms_sent")).isEqualTo(50);
        assertThat(SmsLedger.read(dir.resolve("sms-ledger.jsonl"))).extracting(SentSms::key)
                .containsExactlyElementsOf(keys);
    }

    @Test
    void shouldCountASmsTheSmscRefusesAndSendTheNext() throws Exception {
        Smsc smsc = new Smsc(true);
        RecordedMetrics metrics = new RecordedMetrics();
        Path ledger = dir.resolve("sms-ledger.jsonl");
        SmsSinkWriter writer = writer(smsc, ledger, List.of(), QUICK, Clock.systemUTC(), metrics);

        writer.write(new SmsMessage(PHONE, "invalid", "a-1", key(1)), null);
        writer.write(sms(key(2)), null);
        writer.flush(true);

        assertThat(smsc.accepted).containsExactly(key(2));
        assertThat(smsc.attempts).as("a refusal is not retried").hasValue(2);
        assertThat(metrics.count("cargowatch.kind=permanent.sms_failed")).isEqualTo(1);
        assertThat(metrics.count("cargowatch.sms_sent")).isEqualTo(1);
        assertThat(SmsLedger.read(ledger)).extracting(SentSms::key).containsExactly(key(2));
    }

    @Test
    void shouldBlockWriteOnlyWhenTheQueueIsFull() throws Exception {
        Smsc smsc = new Smsc(false);
        SmsSinkWriter.Limits two = new SmsSinkWriter.Limits(2, QUICK.firstRetry(), QUICK.maxRetry(),
                QUICK.drainWait(), QUICK.receiptWait(), QUICK.remembered(), QUICK.maxRemembered());
        SmsSinkWriter writer = writer(smsc, null, List.of(), two, Clock.systemUTC(), new RecordedMetrics());
        writer.write(sms(key(1)), null);
        until(() -> smsc.attempts.get() > 0, "the first SMS is being sent");
        writer.write(sms(key(2)), null);
        writer.write(sms(key(3)), null);

        CompletableFuture<Void> fourth = CompletableFuture.runAsync(() -> {
            try {
                writer.write(sms(key(4)), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(200);
        assertThat(fourth).as("back-pressure: two wait, one is being sent").isNotDone();
        smsc.up = true;
        fourth.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        until(() -> writer.pending() == 0, "all sent");
        assertThat(smsc.accepted).containsExactly(key(1), key(2), key(3), key(4));
    }

    @Test
    void shouldSendOnAnotherTaskManagerWhatWasWaitingAtTheCheckpointAndNotWhatWasSentBefore() throws Exception {
        Smsc smsc = new Smsc(true);
        SmsSinkWriter first = writer(smsc, dir.resolve("tm-1/sms-ledger.jsonl"), List.of());
        first.write(sms(key(1)), null);
        until(() -> first.pending() == 0, "a-1 sent");
        smsc.up = false;
        first.write(sms(key(2)), null);
        first.write(sms(key(3)), null);
        until(() -> smsc.attempts.get() > 1, "a-2 being tried");

        List<SmsSinkState> checkpoint = checkpointed(first.snapshotState(1));
        first.close(); // the TaskManager is lost, its disk with it

        Smsc after = new Smsc(true);
        Path elsewhere = dir.resolve("tm-2/sms-ledger.jsonl");
        SmsSinkWriter restored = writer(after, elsewhere, checkpoint);
        restored.write(sms(key(1)), null); // what a replay from before the checkpoint would bring again
        restored.write(sms(key(4)), null);
        restored.flush(true);

        assertThat(checkpoint).singleElement().satisfies(state -> {
            assertThat(state.pending()).extracting(SmsMessage::key).containsExactly(key(2), key(3));
            assertThat(state.sent()).extracting(SmsSinkState.Sent::key).containsExactly(key(1));
        });
        assertThat(smsc.accepted).containsExactly(key(1));
        assertThat(after.accepted).as("what waited, in order, then the new one").containsExactly(key(2), key(3),
                key(4));
        assertThat(Files.exists(dir.resolve("tm-1/sms-ledger.jsonl"))).isTrue();
        assertThat(SmsLedger.read(elsewhere)).extracting(SentSms::key).containsExactly(key(2), key(3), key(4));
    }

    /**
     * The window of a second send: a-2 was waiting at the checkpoint and sent after it, a-3 written and sent after
     * it. Restored with the ledger file that recorded them, neither is sent again; restored where that file is not
     * (another TaskManager), both are. a-1, sent before the checkpoint, is not sent again either way.
     */
    @Test
    void shouldSendAgainWhatWasSentAfterTheCheckpointOnlyWhereTheLedgerFileIsNot() throws Exception {
        Smsc smsc = new Smsc(true);
        Path ledger = dir.resolve("tm-1/sms-ledger.jsonl");
        SmsSinkWriter first = writer(smsc, ledger, List.of());
        first.write(sms(key(1)), null);
        until(() -> first.pending() == 0, "a-1 sent");
        smsc.up = false;
        first.write(sms(key(2)), null);
        until(() -> smsc.attempts.get() > 1, "a-2 being tried");
        List<SmsSinkState> checkpoint = checkpointed(first.snapshotState(1));
        smsc.up = true;
        first.write(sms(key(3)), null);
        until(() -> first.pending() == 0, "a-2 and a-3 sent after the checkpoint");
        first.close(); // the failure, before the next checkpoint
        assertThat(smsc.accepted).containsExactly(key(1), key(2), key(3));

        Smsc sameTaskManager = new Smsc(true);
        SmsSinkWriter withFile = writer(sameTaskManager, ledger, checkpoint);
        withFile.write(sms(key(1)), null);
        withFile.write(sms(key(3)), null); // replayed by the operators upstream
        withFile.flush(true);

        Smsc otherTaskManager = new Smsc(true);
        SmsSinkWriter withoutFile = writer(otherTaskManager, dir.resolve("tm-2/sms-ledger.jsonl"), checkpoint);
        withoutFile.write(sms(key(1)), null);
        withoutFile.write(sms(key(3)), null);
        withoutFile.flush(true);

        assertThat(sameTaskManager.accepted).as("the ledger file knows them").isEmpty();
        assertThat(otherTaskManager.accepted).as("the documented window").containsExactly(key(2), key(3));
    }

    @Test
    void shouldWaitAtTheEndOfTheInputUntilTheQueueIsSent() throws Exception {
        Smsc smsc = new Smsc(false);
        RecordedMetrics metrics = new RecordedMetrics();
        SmsSinkWriter writer = writer(smsc, null, List.of(), PATIENT, Clock.systemUTC(), metrics);
        for (int alert = 1; alert <= 3; alert++) {
            writer.write(sms(key(alert)), null);
        }
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> smsc.up = true);

        writer.flush(true);

        assertThat(smsc.accepted).containsExactly(key(1), key(2), key(3));
        assertThat(metrics.count("cargowatch.kind=transient.sms_failed")).isZero();
    }

    @Test
    void shouldNotWaitBeforeACheckpoint() throws Exception {
        Smsc smsc = new Smsc(false);
        SmsSinkWriter writer = writer(smsc, null, List.of(), PATIENT, Clock.systemUTC(), new RecordedMetrics());
        writer.write(sms(key(1)), null);

        long start = System.nanoTime();
        writer.flush(false);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 10 s of the end of the input")
                .isLessThan(Duration.ofSeconds(2));
        assertThat(writer.snapshotState(1)).singleElement()
                .satisfies(state -> assertThat(state.pending()).extracting(SmsMessage::key).containsExactly(key(1)));
    }

    @Test
    void shouldEndAReplayWithoutAnSmscAndCountWhatWasNotSent() throws Exception {
        Smsc smsc = new Smsc(false);
        RecordedMetrics metrics = new RecordedMetrics();
        Path ledger = dir.resolve("sms-ledger.jsonl");
        SmsSinkWriter writer = writer(smsc, ledger, List.of(), QUICK, Clock.systemUTC(), metrics);
        for (int alert = 1; alert <= 3; alert++) {
            writer.write(sms(key(alert)), null);
        }

        long start = System.nanoTime();
        writer.flush(true);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("drainWait 300 ms, then the stop")
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
        assertThat(metrics.count("cargowatch.kind=transient.sms_failed")).isEqualTo(3);
        assertThat(writer.pending()).isZero();
        assertThat(smsc.accepted).isEmpty();
        assertThat(SmsLedger.read(ledger)).as("a later replay into the same ledger tries them again").isEmpty();
        assertThat(liveThread(writer.threadName())).isFalse();
    }

    @Test
    void shouldStopTheSenderThreadWhenClosed() throws Exception {
        Smsc down = new Smsc(false);
        SmsSinkWriter retrying = writer(down, null, List.of());
        retrying.write(sms(key(1)), null);
        until(() -> down.attempts.get() > 1, "retrying");
        SmsSinkWriter idle = writer(new Smsc(true), null, List.of());
        assertThat(liveThread(retrying.threadName())).isTrue();
        assertThat(liveThread(idle.threadName())).isTrue();

        long start = System.nanoTime();
        retrying.close();
        idle.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(liveThread(retrying.threadName())).isFalse();
        assertThat(liveThread(idle.threadName())).isFalse();
        assertThat(retrying.snapshotState(2)).singleElement().as("what waited is still in the state")
                .satisfies(state -> assertThat(state.pending()).extracting(SmsMessage::key).containsExactly(key(1)));
    }

    @Test
    void shouldForgetTheKeysSentMoreThanThirtyDaysAgo() throws Exception {
        Smsc smsc = new Smsc(true);
        HandClock clock = new HandClock();
        SmsSinkWriter writer = writer(smsc, null, List.of(), QUICK, clock, new RecordedMetrics());
        writer.write(sms(key(1)), null);
        until(() -> writer.pending() == 0, "a-1 sent");
        clock.now = T0.plus(Duration.ofDays(29));
        writer.write(sms(key(2)), null);
        until(() -> writer.pending() == 0, "a-2 sent");

        assertThat(writer.snapshotState(1).get(0).sent()).extracting(SmsSinkState.Sent::key)
                .containsExactly(key(1), key(2));
        clock.now = T0.plus(Duration.ofDays(30)).plusSeconds(1);
        assertThat(writer.snapshotState(2).get(0).sent()).extracting(SmsSinkState.Sent::key).containsExactly(key(2));
        writer.write(sms(key(1)), null);
        until(() -> writer.pending() == 0, "a-1 sent again");
        assertThat(smsc.accepted).as("forgotten, as SmsNotifier forgets it").containsExactly(key(1), key(2), key(1));
    }

    @Test
    void shouldKeepAtMostTheNewestKeys() throws Exception {
        Smsc smsc = new Smsc(true);
        SmsSinkWriter.Limits three = new SmsSinkWriter.Limits(10_000, QUICK.firstRetry(), QUICK.maxRetry(),
                QUICK.drainWait(), QUICK.receiptWait(), QUICK.remembered(), 3);
        SmsSinkWriter writer = writer(smsc, null, List.of(), three, Clock.systemUTC(), new RecordedMetrics());
        for (int alert = 1; alert <= 5; alert++) {
            writer.write(sms(key(alert)), null);
        }
        until(() -> writer.pending() == 0, "all sent");

        assertThat(writer.snapshotState(1).get(0).sent()).extracting(SmsSinkState.Sent::key)
                .containsExactly(key(3), key(4), key(5));
    }

    @Test
    void shouldRestoreTheStatesOfSeveralWritersOnce() throws Exception {
        SmsSinkState one = new SmsSinkState(List.of(sms(key(2)), sms(key(3))),
                List.of(new SmsSinkState.Sent(key(1), T0)));
        SmsSinkState other = new SmsSinkState(List.of(sms(key(3)), sms(key(1)), sms(key(4))),
                List.of(new SmsSinkState.Sent(key(5), T0.plusSeconds(1))));
        Smsc smsc = new Smsc(true);

        SmsSinkWriter writer = writer(smsc, null, checkpointed(List.of(one, other)));
        writer.write(sms(key(5)), null);
        writer.flush(true);

        assertThat(smsc.accepted).containsExactly(key(2), key(3), key(4));
    }

    @Test
    void shouldFailTheTaskWhenTheSenderThreadBreaks() throws Exception {
        Smsc smsc = new Smsc(true);
        smsc.bug = new IllegalStateException("the SMPP sender is closed");
        SmsSinkWriter writer = writer(smsc, null, List.of());
        writer.write(sms(key(1)), null);
        until(() -> !liveThread(writer.threadName()), "the sender thread ends");

        assertThatThrownBy(() -> writer.write(sms(key(2)), null)).hasMessageContaining("SMS sender thread failed")
                .hasRootCauseMessage("the SMPP sender is closed");
        assertThatThrownBy(() -> writer.flush(false)).hasMessageContaining("SMS sender thread failed");
        assertThat(writer.snapshotState(1).get(0).pending()).extracting(SmsMessage::key).containsExactly(key(1));
    }

    static boolean liveThread(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals(name)
                && thread.isAlive());
    }
}
