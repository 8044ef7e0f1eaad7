package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Topic;

/**
 * {@code feed} streams the input files, merged in event-time order with reference data first, sends every line as it
 * is, and says how many records Kafka did not acknowledge and why.
 */
class FeedCommandTest {

    private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");
    private static final String FIX = fix("356938035643809", T0);

    @TempDir
    Path work;

    @Test
    void shouldSendALineThatIsNotUtf8ByteForByteWithItsKey() throws Exception {
        byte[] notUtf8 = ("{\"imei\":\"356938035643808\",\"ts\":\"2026-11-22T01:01:00Z\",\"note\":\"\u00ff\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream fixes = new ByteArrayOutputStream();
        fixes.writeBytes(FIX.getBytes(StandardCharsets.UTF_8));
        fixes.write('\n');
        fixes.writeBytes(notUtf8);
        fixes.write('\n');
        Files.write(work.resolve(Topic.SEAL_FIXES.fileName()), fixes.toByteArray());
        MockProducer<String, byte[]> kafka = kafka();

        long sent = send(kafka);

        assertThat(sent).isEqualTo(2);
        assertThat(kafka.history()).extracting(ProducerRecord::value).containsExactly(
                FIX.getBytes(StandardCharsets.UTF_8), notUtf8);
        assertThat(kafka.history()).extracting(ProducerRecord::key).containsExactly("356938035643809",
                "356938035643808");
        assertThat(kafka.history()).extracting(ProducerRecord::topic).containsOnly("seal.fixes");
    }

    @Test
    void shouldMergeTheTopicsByEventTimeWithTiesInTheOrderOfTheInputs() throws Exception {
        write(Topic.SEAL_FIXES, fix("A", T0.plusSeconds(1)), fix("B", T0.plusSeconds(3)), fix("C", T0.plusSeconds(3)));
        write(Topic.SEAL_EVENTS, event("D", T0.plusSeconds(2)), event("E", T0.plusSeconds(3)));
        write(Topic.CAMERA_RECOGNITIONS, recognition("F", T0), recognition("G", T0.plusSeconds(3)));
        MockProducer<String, byte[]> kafka = kafka();

        assertThat(send(kafka)).isEqualTo(7);

        assertThat(sentKeys(kafka)).containsExactly("camera.recognitions F", "seal.fixes A", "seal.events D",
                "seal.fixes B", "seal.fixes C", "seal.events E", "camera.recognitions G");
    }

    @Test
    void shouldSendReferenceDataFirstAndALineWithoutTimeWhereItStandsInItsFile() throws Exception {
        write(Topic.SEAL_FIXES, "{\"imei\":\"TRUNCATED\",\"ts\":\"2026-11-2", fix("A", T0));
        write(Topic.CAMERA_RECOGNITIONS, recognition("B", T0.minusSeconds(60)));
        write(Topic.CUSTOMS_OFFICES, "{\"unitCode\":\"HN-GIALAM\"}", "{\"unitCode\":\"HN-LONGBIEN\"}");
        write(Topic.IGNORE_ZONES, "{\"zoneId\":\"Z1\"}");
        MockProducer<String, byte[]> kafka = kafka();

        send(kafka);

        assertThat(sentKeys(kafka)).containsExactly("geo.ignore-zones Z1", "customs.offices HN-GIALAM",
                "customs.offices HN-LONGBIEN", "seal.fixes TRUNCATED", "camera.recognitions B", "seal.fixes A");
    }

    @Test
    void shouldKeepAFileOutOfOrderInItsOwnOrderSoThatAHeldBackLineGoesLate() throws Exception {
        write(Topic.SEAL_FIXES, fix("A", T0.plusSeconds(10)), fix("B", T0.plusSeconds(30)),
                fix("HELD-BACK", T0.plusSeconds(5)));
        write(Topic.SEAL_EVENTS, event("C", T0.plusSeconds(20)), event("D", T0.plusSeconds(40)));
        MockProducer<String, byte[]> kafka = kafka();

        send(kafka);

        assertThat(sentKeys(kafka)).containsExactly("seal.fixes A", "seal.events C", "seal.fixes B",
                "seal.fixes HELD-BACK", "seal.events D");
    }

    @Test
    void shouldStreamALargeFileSendingTheFirstRecordBeforeTheFileIsRead() throws Exception {
        int count = 200_000;
        Path file = work.resolve(Topic.SEAL_FIXES.fileName());
        try (Writer out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < count; i++) {
                out.write(numbered(i));
                out.write('\n');
            }
        }
        List<Integer> outOfOrder = new ArrayList<>();
        MockProducer<String, byte[]> kafka = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer()) {
            private int sent;

            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                if (sent == 0) { // a reader that had read the whole file first would not see this line
                    try {
                        Files.writeString(file, numbered(count) + "\n", StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                if (!new String(record.value(), StandardCharsets.UTF_8).equals(numbered(sent))) {
                    outOfOrder.add(sent);
                }
                sent++;
                Future<RecordMetadata> future = super.send(record, callback);
                clear(); // the history of 200,000 records is not what this test is about
                return future;
            }
        };

        assertThat(send(kafka)).as("the line appended while feeding is sent too").isEqualTo(count + 1);
        assertThat(outOfOrder).as("records not in file order").isEmpty();
    }

    @Test
    void shouldSayHowManyRecordsKafkaRefusedAndSendTheOthers() throws Exception {
        String huge = "{\"imei\":\"" + "8".repeat(2 * 1024 * 1024) + "\",\"ts\":\"2026-11-22T01:00:01Z\"}";
        String after = fix("356938035643809", T0.plusSeconds(2));
        write(Topic.SEAL_FIXES, FIX, huge, after);
        MockProducer<String, byte[]> kafka = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                if (record.value().length > 1024 * 1024) { // as KafkaProducer refuses one over max.request.size
                    RecordTooLargeException tooLarge = new RecordTooLargeException("The message is "
                            + record.value().length + " bytes when serialized which is larger than 1048576");
                    callback.onCompletion(null, tooLarge);
                    return failed(tooLarge);
                }
                return super.send(record, callback);
            }
        };

        assertThatThrownBy(() -> send(kafka)).isInstanceOf(UserError.class)
                .hasMessage("Kafka refused 1 of 3 records, the others were sent; the first refused: seal.fixes, "
                        + huge.length() + " bytes: The message is " + huge.length() + " bytes when serialized which "
                        + "is larger than 1048576");
        assertThat(kafka.history()).extracting(ProducerRecord::value).containsExactly(
                FIX.getBytes(StandardCharsets.UTF_8), after.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldStopAtAFailedSendThatIsNoRefusalAndSayHowManyWereNotAcknowledged() throws Exception {
        write(Topic.SEAL_FIXES, fix("A", T0), fix("B", T0.plusSeconds(1)), fix("C", T0.plusSeconds(2)),
                fix("D", T0.plusSeconds(3)), fix("E", T0.plusSeconds(4)));
        TimeoutException expired = new TimeoutException(
                "Expiring 1 record(s) for seal.fixes-0:20003 ms has passed since batch creation");
        MockProducer<String, byte[]> kafka = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                Future<RecordMetadata> future = super.send(record, callback);
                if (history().size() == 3) { // the broker went away: A and B were acknowledged, C expires
                    completeNext();
                    completeNext();
                    errorNext(expired);
                }
                return future;
            }
        };

        assertThatThrownBy(() -> send(kafka)).isInstanceOf(UserError.class)
                .hasMessage("Kafka did not acknowledge 1 of the 3 records sent, so the feed stopped there, "
                        + "before the rest of the input; the first failure: seal.fixes, "
                        + fix("C", T0.plusSeconds(2)).length() + " bytes: Expiring 1 record(s) for "
                        + "seal.fixes-0:20003 ms has passed since batch creation (is Kafka up? ./cargowatch stack "
                        + "status)");
        assertThat(kafka.history()).as("nothing sent after the failure").hasSize(3);
        assertThat(kafka.closed()).as("closed at once, its buffer failed rather than waited for").isTrue();
    }

    @Test
    void shouldCountARecordThatFailsAtTheFinalFlush() throws Exception {
        write(Topic.SEAL_FIXES, fix("A", T0), fix("B", T0.plusSeconds(1)), fix("C", T0.plusSeconds(2)));
        MockProducer<String, byte[]> kafka = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                completeNext();
                errorNext(new NotEnoughReplicasException("Messages are rejected since there are fewer in-sync "
                        + "replicas than required."));
                super.flush();
            }
        };

        assertThatThrownBy(() -> send(kafka)).isInstanceOf(UserError.class)
                .hasMessage("Kafka did not acknowledge 1 of the 3 records sent; the first failure: seal.fixes, "
                        + fix("B", T0.plusSeconds(1)).length() + " bytes: Messages are rejected since there are "
                        + "fewer in-sync replicas than required.");
    }

    @Test
    void shouldStopWhenTheProducerThrowsInsteadOfCallingBack() throws Exception {
        write(Topic.SEAL_FIXES, fix("A", T0), fix("B", T0.plusSeconds(1)), fix("C", T0.plusSeconds(2)));
        MockProducer<String, byte[]> kafka = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                if (history().size() == 1) {
                    throw new KafkaException("Producer closed while send in progress");
                }
                return super.send(record, callback);
            }
        };

        assertThatThrownBy(() -> send(kafka)).isInstanceOf(UserError.class)
                .hasMessage("Kafka did not acknowledge 1 of the 2 records sent, so the feed stopped there, "
                        + "before the rest of the input; the first failure: seal.fixes, "
                        + fix("B", T0.plusSeconds(1)).length() + " bytes: Producer closed while send in progress");
    }

    @Test
    void shouldFailInSecondsWithOnePlainLineWhenNoBrokerAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        write(Topic.SEAL_FIXES, FIX, fix("356938035643809", T0.plusSeconds(1)));
        Path config = Files.writeString(work.resolve("feed.yaml"), "kafka:\n  bootstrapServers: 127.0.0.1:"
                + closedPort + "\n");
        StringWriter err = new StringWriter();
        long started = System.nanoTime();

        int exit = Cargowatch.run(new PrintWriter(err, true), "feed", "--from", work.toString(), "--config",
                config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(err.toString().lines()).singleElement().asString().startsWith(
                "cargowatch: Kafka did not acknowledge 1 of the 1 records sent, so the feed stopped there, "
                        + "before the rest of the input; the first failure: seal.fixes, " + FIX.length() + " bytes: ")
                .endsWith("(is Kafka up? ./cargowatch stack status)");
    }

    private long send(MockProducer<String, byte[]> kafka) throws Exception {
        try (InputLines lines = InputLines.of(work)) {
            return FeedCommand.send(lines, kafka, 0);
        }
    }

    private void write(Topic<?> topic, String... lines) throws IOException {
        Files.writeString(work.resolve(topic.fileName()), String.join("\n", lines) + "\n");
    }

    private static MockProducer<String, byte[]> kafka() {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    /** Each record sent as "topic key". */
    private static List<String> sentKeys(MockProducer<String, byte[]> kafka) {
        return kafka.history().stream().map(record -> record.topic() + " " + record.key()).toList();
    }

    private static String fix(String imei, Instant ts) {
        return "{\"imei\":\"" + imei + "\",\"ts\":\"" + ts + "\",\"lat\":20.9,\"lon\":106.3}";
    }

    private static String event(String imei, Instant ts) {
        return "{\"imei\":\"" + imei + "\",\"ts\":\"" + ts + "\",\"type\":\"SEAL_OPENED\"}";
    }

    private static String recognition(String gateId, Instant ts) {
        return "{\"gateId\":\"" + gateId + "\",\"ts\":\"" + ts + "\"}";
    }

    /** The {@code i}th fix of a seal reporting every second. */
    private static String numbered(int i) {
        return fix("356938035643809", T0.plusSeconds(i)).replace("}", ",\"n\":" + i + "}");
    }

    private static Future<RecordMetadata> failed(RuntimeException failure) {
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        future.completeExceptionally(failure);
        return future;
    }
}
