package vn.customs.cargowatch.connectors.sms;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Sends the alert SMS (3740 §II.4) through an {@link SmsSender} — the SMSC, or {@code sms.jsonl} in embedded mode —
 * without holding up the rest of the job, and effectively once per key ({@link SmsMessage#key()}) across restarts,
 * except in the window below.
 *
 * <p>Contract: parallelism 1 (one SMPP bind, one ledger file). {@code write} does not send: it skips an SMS whose key
 * was sent (known to the checkpointed state or to the {@link SmsLedger} file) or is already waiting, and queues the
 * others; one thread of the writer sends the queue in order. An SMSC that is down therefore stops the SMS only: the
 * alerts keep flowing to Kafka and Cassandra, and the SMS go out, in order, when it is back. A send that fails for
 * now ({@link SmsException#isTransient()}, after the sender's own retries) is tried again after a wait doubling from
 * 1 s to 10 s, for as long as the job runs; one refused for good is counted and logged, and the next one goes — the
 * alert is still on the officers' screens, and stopping the monitoring for an SMS would cost more. The queue holds
 * {@value #QUEUE_CAPACITY} SMS, days of a Department's alerts; beyond that {@code write} blocks and the job
 * back-pressures, the last resort rather than dropping texts.
 *
 * <p>State ({@link SmsSinkState}, in every checkpoint): the SMS waiting, and the keys of the SMS sent in the last
 * 30 days, at most {@value #MAX_REMEMBERED} of them. Thirty days because that is how long {@code SmsNotifier}
 * upstream remembers what it texted: an older key is one the pipeline itself has forgotten, whose alert would be
 * texted as new anyway; the cap bounds the checkpoint (the list is written whole each time, about 100 bytes a key)
 * in an alert storm. A restore — on any TaskManager — sends the SMS that were waiting, skipping those whose key is
 * known, and skips a replayed SMS the checkpoint knew was sent: a failover neither loses nor repeats what the
 * checkpoint knew.
 *
 * <p>The window of a second send: an SMS sent after the last completed checkpoint, before a failure, is not in that
 * checkpoint's keys (it was waiting there, or not yet written), so after the restore it is sent again unless the
 * ledger file that recorded it is there. Restored on the same TaskManager (or with {@code sms.ledger} on storage
 * every TaskManager sees), the file has its key and it is skipped; on another TaskManager, whose disk has no ledger,
 * it is texted again. Even with the file, a crash between the SMSC's answer and the ledger line sends that one SMS
 * again. Either way at least once, never silently lost. The window holds what the sink sent in one checkpoint
 * interval (plus the time a checkpoint takes): a shorter {@code checkpoint.interval} narrows it.
 *
 * <p>The ledger stays the local record of what was sent and of the SMSC's delivery receipts ({@link SmsLedger#read},
 * {@code ./cargowatch sms}), and is what keeps a killed replay's texts from being sent by the next one (no
 * checkpoint crosses replays). At the end of a finite input (a replay) {@code flush} waits up to {@value
 * #DRAIN_WAIT_SECONDS} s for the queue to be sent — a replay ends even without an SMSC: what is still waiting then
 * is counted as failed and logged with its keys — then up to 10 s for the receipts.
 *
 * <p>Metrics: {@code sms_sent}; {@code sms_failed} labelled {@code kind}: {@code permanent}, refused by the SMSC,
 * and {@code transient}, still not accepted when a replay's end stopped waiting (a running job retries instead);
 * {@code sms_retries}, sends that failed for now and are retried; {@code sms_pending}, a gauge of the SMS waiting
 * (queue and the one being sent); {@code sms_receipts} labelled {@code state}, the receipts' final states
 * ({@link DeliveryReceipt#STATES}).
 */
public final class SmsSink implements Sink<SmsMessage>, SupportsWriterState<SmsMessage, SmsSinkState> {

    static final int QUEUE_CAPACITY = 10_000;
    static final int MAX_REMEMBERED = 50_000;
    static final long DRAIN_WAIT_SECONDS = 60;
    /** As {@code SmsNotifier} remembers what it texted. */
    static final Duration REMEMBERED = Duration.ofDays(30);
    /** How long the end of a replay waits for the last receipts; an SMSC answers in seconds or not at all. */
    static final Duration RECEIPT_WAIT = Duration.ofSeconds(10);
    static final SmsSinkWriter.Limits LIMITS = new SmsSinkWriter.Limits(QUEUE_CAPACITY, Duration.ofSeconds(1),
            Duration.ofSeconds(10), Duration.ofSeconds(DRAIN_WAIT_SECONDS), RECEIPT_WAIT, REMEMBERED, MAX_REMEMBERED);

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
     * @param ledger the ledger file; {@code null} for none (then only the checkpointed state knows what was sent)
     */
    public SmsSink(Senders senders, Path ledger) {
        this.senders = senders;
        this.ledger = ledger == null ? null : ledger.toAbsolutePath().toString();
    }

    @Override
    public StatefulSinkWriter<SmsMessage, SmsSinkState> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<SmsMessage, SmsSinkState> restoreWriter(WriterInitContext context,
            Collection<SmsSinkState> states) throws IOException {
        SmsLedger opened = ledger == null ? null : new SmsLedger(Path.of(ledger));
        try {
            return new SmsSinkWriter(senders, opened, context.metricGroup(), states, LIMITS, Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            throw e;
        }
    }

    @Override
    public SimpleVersionedSerializer<SmsSinkState> getWriterStateSerializer() {
        return new SmsSinkState.Serializer();
    }
}
