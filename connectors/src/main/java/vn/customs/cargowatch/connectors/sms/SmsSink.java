package vn.customs.cargowatch.connectors.sms;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.customs.cargowatch.connectors.JobMetrics;

/**
 * Sends the alert SMS through an {@link SmsSender} (the SMSC, or {@code sms.jsonl} in embedded mode) and keeps an
 * {@link SmsLedger} of what it sent, so that a job restarted from a checkpoint does not text a phone again what it
 * was already texted after that checkpoint: the operators upstream replay those messages, the ledger knows them.
 *
 * <p>Contract: parallelism 1 (one ledger file, one SMPP bind). Each message: skipped when its key is in the
 * ledger; else sent, and once accepted its key is added to the ledger. The remaining window: a crash after the
 * SMSC accepted a message and before its ledger line was written sends it again after the restart — at least
 * once, never silently lost. A message that fails (permanently, or transiently after the sender's retries) is
 * counted in {@code sms_failed} and logged, and the job goes on: the alert is still on the officers' screens,
 * and stopping the monitoring for an SMS would cost more. Delivery receipts are recorded in the ledger with the
 * SMS they report on ({@link SmsLedger#read}, {@code ./cargowatch sms}). Metrics: {@code sms_sent}; {@code
 * sms_failed} labelled {@code kind} = transient or permanent; {@code sms_receipts} labelled {@code state}, the
 * receipt's final state ({@link DeliveryReceipt#STATES}).
 */
public final class SmsSink implements Sink<SmsMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(SmsSink.class);
    /** How long the end of a replay waits for the last receipts; an SMSC answers in seconds or not at all. */
    static final Duration RECEIPT_WAIT = Duration.ofSeconds(10);
    private static final int MAX_AWAITED = 10_000;

    /** Opens the sender in the task manager: a sender is not serializable, its settings are. */
    @FunctionalInterface
    public interface Senders extends Serializable {

        /** @param receipts gets the delivery receipts of what the sender sent, where it has any */
        SmsSender open(Consumer<DeliveryReceipt> receipts) throws IOException;

        /** Each SMS as a line of {@code file} ({@link FileSmsSender}); no receipts. */
        static Senders file(Path file) {
            String path = file.toAbsolutePath().toString();
            return receipts -> new FileSmsSender(Path.of(path));
        }

        /** Over SMPP to the SMSC of {@code settings}. */
        static Senders smpp(SmppSettings settings) {
            return receipts -> new SmppSmsSender(settings, receipts);
        }
    }

    private final Senders senders;
    private final String ledger;

    /**
     * @param ledger the ledger file; {@code null} for none (a ledger in memory: no protection across restarts)
     */
    public SmsSink(Senders senders, Path ledger) {
        this.senders = senders;
        this.ledger = ledger == null ? null : ledger.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<SmsMessage> createWriter(WriterInitContext context) throws IOException {
        return new Writer(senders, ledger == null ? null : new SmsLedger(Path.of(ledger)), context.metricGroup());
    }

    static final class Writer implements SinkWriter<SmsMessage> {

        private final SmsSender sender;
        private final SmsLedger ledger;
        private final Set<String> sentWithoutLedger = new HashSet<>();
        private final Counter sent;
        private final Counter failedTransient;
        private final Counter failedPermanent;
        private final Map<String, Counter> receiptsByState = new HashMap<>();
        private final AwaitedReceipts awaited = new AwaitedReceipts();

        Writer(Senders senders, SmsLedger ledger, MetricGroup metrics) throws IOException {
            this.ledger = ledger;
            this.sent = JobMetrics.of(metrics).counter("sms_sent");
            this.failedTransient = JobMetrics.of(metrics, "kind", "transient").counter("sms_failed");
            this.failedPermanent = JobMetrics.of(metrics, "kind", "permanent").counter("sms_failed");
            // every state from the start, so that a board's rate over "UNDELIV" is 0, not empty, until one comes
            for (String state : DeliveryReceipt.STATES) {
                receiptsByState.put(state, JobMetrics.of(metrics, "state", state).counter("sms_receipts"));
            }
            this.sender = senders.open(this::delivered);
        }

        /** On the sender's thread: recorded with the SMS it reports on, for {@code ./cargowatch sms}. */
        private void delivered(DeliveryReceipt receipt) {
            awaited.received(receipt.messageId());
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
        }

        @Override
        public void write(SmsMessage message, Context context) throws IOException {
            if (ledger != null ? ledger.contains(message.key()) : sentWithoutLedger.contains(message.key())) {
                LOG.debug("SMS {} was sent before this restart; not again", message.key());
                return;
            }
            SmsReceipt receipt;
            try {
                receipt = sender.send(message);
            } catch (SmsException e) {
                (e.isTransient() ? failedTransient : failedPermanent).inc();
                LOG.warn("SMS {} not sent ({}): {}", message.key(), e.isTransient() ? "transient" : "permanent",
                        e.getMessage());
                return;
            }
            sent.inc();
            if (sender.sendsReceipts()) {
                awaited.sent(receipt.messageIds());
            }
            if (ledger != null) {
                ledger.sent(message, receipt, Instant.now());
            } else {
                sentWithoutLedger.add(message.key());
            }
        }

        /**
         * At the end of a finite input (a replay) waits up to {@link #RECEIPT_WAIT} for the receipts of what was
         * sent, so that the ledger says whether the texts arrived; a running job never ends its input and does not
         * wait: its receipts come while it runs.
         */
        @Override
        public void flush(boolean endOfInput) throws InterruptedException {
            if (!endOfInput) {
                return;
            }
            int left = awaited.await(RECEIPT_WAIT);
            if (left > 0) {
                LOG.info("{} SMS segments without a delivery receipt after {} s; they stay awaiting in {}", left,
                        RECEIPT_WAIT.toSeconds(), ledger != null ? ledger.file() : "the log");
            }
        }

        /** How many segments sent have no receipt yet. */
        int awaitingReceipts() {
            return awaited.count();
        }

        @Override
        public void close() throws IOException {
            try {
                sender.close();
            } finally {
                if (ledger != null) {
                    ledger.close();
                }
            }
        }
    }

    /**
     * The segments sent whose receipt has not come, bounded (some SMSCs send none). A receipt may come before the
     * segment is known as sent — while {@code send} still waits for the answer to a later segment, or for an SMS
     * sent before a restart — so receipts without a segment are kept too, as long.
     */
    static final class AwaitedReceipts {

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
