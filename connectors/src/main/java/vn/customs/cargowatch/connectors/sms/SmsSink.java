package vn.customs.cargowatch.connectors.sms;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
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
 * and stopping the monitoring for an SMS would cost more. Metrics: {@code sms_sent}; {@code sms_failed} labelled
 * {@code kind} = transient or permanent.
 */
public final class SmsSink implements Sink<SmsMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(SmsSink.class);

    /** Opens the sender in the task manager: a sender is not serializable, its settings are. */
    @FunctionalInterface
    public interface Senders extends Serializable {

        SmsSender open() throws IOException;

        /** Each SMS as a line of {@code file} ({@link FileSmsSender}). */
        static Senders file(Path file) {
            String path = file.toAbsolutePath().toString();
            return () -> new FileSmsSender(Path.of(path));
        }

        /** Over SMPP to the SMSC of {@code settings}; delivery receipts are logged. */
        static Senders smpp(SmppSettings settings) {
            return () -> new SmppSmsSender(settings, receipt -> LOG.info("SMS delivery receipt: {}", receipt));
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
        return new Writer(senders.open(), ledger == null ? null : new SmsLedger(Path.of(ledger)),
                context.metricGroup());
    }

    static final class Writer implements SinkWriter<SmsMessage> {

        private final SmsSender sender;
        private final SmsLedger ledger;
        private final Set<String> sentWithoutLedger = new HashSet<>();
        private final Counter sent;
        private final Counter failedTransient;
        private final Counter failedPermanent;

        Writer(SmsSender sender, SmsLedger ledger, MetricGroup metrics) {
            this.sender = sender;
            this.ledger = ledger;
            this.sent = JobMetrics.of(metrics).counter("sms_sent");
            this.failedTransient = JobMetrics.of(metrics, "kind", "transient").counter("sms_failed");
            this.failedPermanent = JobMetrics.of(metrics, "kind", "permanent").counter("sms_failed");
        }

        @Override
        public void write(SmsMessage message, Context context) throws IOException {
            if (ledger != null ? ledger.contains(message.key()) : sentWithoutLedger.contains(message.key())) {
                LOG.debug("SMS {} was sent before this restart; not again", message.key());
                return;
            }
            try {
                sender.send(message);
            } catch (SmsException e) {
                (e.isTransient() ? failedTransient : failedPermanent).inc();
                LOG.warn("SMS {} not sent ({}): {}", message.key(), e.isTransient() ? "transient" : "permanent",
                        e.getMessage());
                return;
            }
            sent.inc();
            if (ledger != null) {
                ledger.record(message.key(), Instant.now());
            } else {
                sentWithoutLedger.add(message.key());
            }
        }

        @Override
        public void flush(boolean endOfInput) {}

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
}
