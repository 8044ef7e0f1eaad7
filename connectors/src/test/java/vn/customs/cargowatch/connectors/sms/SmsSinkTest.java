package vn.customs.cargowatch.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Json;

class SmsSinkTest {

    static final String PHONE = "84912345678";

    @TempDir
    Path dir;

    /** Records what it was asked to send; fails the messages whose text says so. */
    static class Recording implements SmsSender {
        final List<String> keys = new CopyOnWriteArrayList<>();

        @Override
        public SmsReceipt send(SmsMessage message) throws SmsException {
            if (message.text().contains("fail")) {
                throw SmsException.permanent("invalid destination", 11, null);
            }
            keys.add(message.key());
            return new SmsReceipt(List.of(message.key() + "#1", message.key() + "#2"));
        }

        @Override
        public void close() {}
    }

    /**
     * An SMSC that reports on both segments while the second one's answer is still on its way (the receipt then
     * comes before the ledger's line of the SMS), with the state the text asks for; none for "silent".
     */
    static final class Receipting extends Recording {
        final Consumer<DeliveryReceipt> receipts;

        Receipting(Consumer<DeliveryReceipt> receipts) {
            this.receipts = receipts;
        }

        @Override
        public SmsReceipt send(SmsMessage message) throws SmsException {
            SmsReceipt receipt = super.send(message);
            if (!message.text().equals("silent")) {
                for (String id : receipt.messageIds()) {
                    String state = id.endsWith("#2") && message.text().equals("undelivered") ? "UNDELIV" : "DELIVRD";
                    receipts.accept(new DeliveryReceipt(id, state, message.recipient(), "000", RECEIVED));
                }
            }
            return receipt;
        }

        @Override
        public boolean sendsReceipts() {
            return true;
        }
    }

    static final Instant RECEIVED = Instant.parse("2026-11-22T00:31:00Z");

    static SmsMessage sms(String key, String text) {
        return new SmsMessage(PHONE, text, "a-1", key);
    }

    private static SmsSinkWriter writer(SmsSink.Senders senders, Path ledger) throws Exception {
        return new SmsSinkWriter(senders, new SmsLedger(ledger), new UnregisteredMetricsGroup(), List.of(),
                SmsSinkWriterTest.QUICK, Clock.systemUTC());
    }

    private static SmsSinkWriter writer(Recording sender, Path ledger) throws Exception {
        return writer(receipts -> sender, ledger);
    }

    /** Writes the messages and ends the input, as a replay does: they are sent when this returns. */
    private static void replay(SmsSinkWriter writer, SmsMessage... messages) throws Exception {
        for (SmsMessage message : messages) {
            writer.write(message, null);
        }
        writer.flush(true);
    }

    @Test
    void shouldRecordEachReceiptWithTheSmsItReportsOn() throws Exception {
        Path ledger = dir.resolve("sms-ledger.jsonl");
        try (SmsSinkWriter writer = writer(Receipting::new, ledger)) {
            replay(writer, sms("a-1/OPEN/" + PHONE, "delivered"), sms("a-2/OPEN/" + PHONE, "undelivered"));
            assertThat(writer.awaitingReceipts()).as("receipts that came before send() returned count").isZero();
            replay(writer, sms("a-3/OPEN/" + PHONE, "silent"));
            assertThat(writer.awaitingReceipts()).as("the silent SMS's two segments").isEqualTo(2);
        }

        assertThat(SmsLedger.read(ledger)).extracting(SentSms::key, SentSms::recipient, SentSms::delivery)
                .containsExactly(tuple("a-1/OPEN/" + PHONE, PHONE, SentSms.Delivery.DELIVERED),
                        tuple("a-2/OPEN/" + PHONE, PHONE, SentSms.Delivery.FAILED),
                        tuple("a-3/OPEN/" + PHONE, PHONE, SentSms.Delivery.AWAITING));
        SentSms delivered = SmsLedger.read(ledger).get(0);
        assertThat(delivered.messageIds()).containsExactly("a-1/OPEN/" + PHONE + "#1", "a-1/OPEN/" + PHONE + "#2");
        assertThat(delivered.deliveredAt()).contains(RECEIVED);
        assertThat(SmsLedger.read(ledger).get(1).failure()).map(DeliveryReceipt::state).contains("UNDELIV");
    }

    @Test
    void shouldCountADigestDeliveredOnlyWhenEverySegmentIs() throws Exception {
        Path ledger = dir.resolve("sms-ledger.jsonl");
        try (SmsLedger writing = new SmsLedger(ledger)) {
            writing.sent(new SmsMessage(PHONE, "digest", null, "digest/1"), new SmsReceipt(List.of("m1", "m2")),
                    RECEIVED);
            writing.delivered(new DeliveryReceipt("m1", "DELIVRD", PHONE, "000", RECEIVED));
        }

        assertThat(SmsLedger.read(ledger)).singleElement().satisfies(digest -> {
            assertThat(digest.alertId()).isNull();
            assertThat(digest.delivery()).isEqualTo(SentSms.Delivery.AWAITING);
            assertThat(digest.deliveredAt()).isEmpty();
        });
    }

    @Test
    void shouldStillKnowTheKeysOfALedgerWrittenBeforeReceiptsWereRecorded() throws Exception {
        Path ledger = Files.writeString(dir.resolve("sms-ledger.jsonl"),
                "{\"key\":\"a-1/OPEN/" + PHONE + "\",\"sentAt\":\"2026-11-22T00:30:00Z\"}\n");

        try (SmsLedger reread = new SmsLedger(ledger)) {
            assertThat(reread.contains("a-1/OPEN/" + PHONE)).isTrue();
        }
        assertThat(SmsLedger.read(ledger)).singleElement()
                .extracting(SentSms::delivery).isEqualTo(SentSms.Delivery.AWAITING);
    }

    @Test
    void shouldNotSendAgainAfterARestartWhatTheLedgerHas() throws Exception {
        Path ledger = dir.resolve("sms-ledger.jsonl");
        Recording first = new Recording();
        try (SmsSinkWriter writer = writer(first, ledger)) {
            replay(writer, sms("a-1/OPEN/" + PHONE, "one"), sms("a-2/OPEN/" + PHONE, "two"));
        }
        Recording restarted = new Recording();
        try (SmsSinkWriter writer = writer(restarted, ledger)) {
            replay(writer, sms("a-1/OPEN/" + PHONE, "one"), sms("a-2/OPEN/" + PHONE, "two"),
                    sms("a-3/OPEN/" + PHONE, "three"));
        }

        assertThat(first.keys).containsExactly("a-1/OPEN/" + PHONE, "a-2/OPEN/" + PHONE);
        assertThat(restarted.keys).containsExactly("a-3/OPEN/" + PHONE);
        assertThat(Files.readAllLines(ledger)).hasSize(3);
    }

    @Test
    void shouldNotRecordAFailedMessageSoThatARestartTriesItAgain() throws Exception {
        Path ledger = dir.resolve("sms-ledger.jsonl");
        try (SmsSinkWriter writer = writer(new Recording(), ledger)) {
            replay(writer, sms("a-1/OPEN/" + PHONE, "fail"));
        }
        try (SmsLedger reread = new SmsLedger(ledger)) {
            assertThat(reread.contains("a-1/OPEN/" + PHONE)).isFalse();
        }
    }

    @Test
    void shouldSkipALineCutByACrash() throws Exception {
        Path ledger = dir.resolve("sms-ledger.jsonl");
        try (SmsSinkWriter writer = writer(new Recording(), ledger)) {
            replay(writer, sms("a-1/OPEN/" + PHONE, "one"));
        }
        Files.writeString(ledger, "{\"key\":\"a-2/OP", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        Recording restarted = new Recording();
        try (SmsSinkWriter writer = writer(restarted, ledger)) {
            replay(writer, sms("a-2/OPEN/" + PHONE, "two"));
        }
        assertThat(restarted.keys).containsExactly("a-2/OPEN/" + PHONE);
        try (SmsLedger reread = new SmsLedger(ledger)) {
            assertThat(reread.contains("a-1/OPEN/" + PHONE)).isTrue();
            assertThat(reread.contains("a-2/OPEN/" + PHONE)).isTrue();
        }
    }

    /** What Flink does on a restore: the sink's serializer reads the checkpoint, the sink restores a writer. */
    @Test
    void shouldRestoreThroughTheSinkWhatItsSerializerRead() throws Exception {
        SmsSink sink = new SmsSink(SmsSink.Senders.file(dir.resolve("sms.jsonl")),
                dir.resolve("tm-2/sms-ledger.jsonl"));
        SimpleVersionedSerializer<SmsSinkState> serializer = sink.getWriterStateSerializer();
        byte[] checkpoint = serializer.serialize(new SmsSinkState(List.of(sms("a-2/OPEN/" + PHONE, "two")),
                List.of(new SmsSinkState.Sent("a-1/OPEN/" + PHONE, RECEIVED))));

        try (StatefulSinkWriter<SmsMessage, SmsSinkState> writer = sink.restoreWriter(context(),
                List.of(serializer.deserialize(serializer.getVersion(), checkpoint)))) {
            writer.write(sms("a-1/OPEN/" + PHONE, "one"), null);
            writer.write(sms("a-3/OPEN/" + PHONE, "three"), null);
            writer.flush(true);
            assertThat(writer.snapshotState(2)).singleElement().satisfies(state -> {
                assertThat(state.pending()).isEmpty();
                assertThat(state.sent()).extracting(SmsSinkState.Sent::key)
                        .containsExactly("a-1/OPEN/" + PHONE, "a-2/OPEN/" + PHONE, "a-3/OPEN/" + PHONE);
            });
        }

        assertThat(Files.readAllLines(dir.resolve("sms.jsonl"))).extracting(line -> Json.textOf(line, "key"))
                .containsExactly("a-2/OPEN/" + PHONE, "a-3/OPEN/" + PHONE);
        try (SinkWriter<SmsMessage> fresh = sink.createWriter(context())) {
            assertThat(fresh).as("Flink checks a stateful sink's writer is one").isInstanceOf(StatefulSinkWriter.class);
        }
    }

    /** The sink's writer asks its context for nothing but the metric group. */
    static WriterInitContext context() {
        SinkWriterMetricGroup metrics = UnregisteredMetricsGroup.createSinkWriterMetricGroup();
        return (WriterInitContext) Proxy.newProxyInstance(SmsSinkTest.class.getClassLoader(),
                new Class<?>[] {WriterInitContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("metricGroup")) {
                        return metrics;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
