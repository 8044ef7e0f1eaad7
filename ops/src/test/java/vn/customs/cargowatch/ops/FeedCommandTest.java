package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Topic;

/** {@code feed} sends every line as it is, and says when Kafka would not take one. */
class FeedCommandTest {

    private static final String FIX = "{\"imei\":\"356938035643809\",\"ts\":\"2026-11-22T01:00:00Z\",\"lat\":20.9,"
            + "\"lon\":106.3}";

    @TempDir
    Path work;

    @Test
    void shouldSendALineThatIsNotUtf8ByteForByteWithItsKey() throws Exception {
        byte[] notUtf8 = ("{\"imei\":\"356938035643808\",\"ts\":\"2026-11-22T00:59:00Z\",\"note\":\"\u00ff\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream fixes = new ByteArrayOutputStream();
        fixes.writeBytes(FIX.getBytes(StandardCharsets.UTF_8));
        fixes.write('\n');
        fixes.writeBytes(notUtf8);
        fixes.write('\n');
        Files.write(work.resolve(Topic.SEAL_FIXES.fileName()), fixes.toByteArray());

        List<FeedCommand.Line> lines = FeedCommand.lines(work);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).value()).as("in event-time order").isEqualTo(notUtf8);
        assertThat(lines.get(0).key()).isEqualTo("356938035643808");
        MockProducer<String, byte[]> kafka = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        FeedCommand.send(lines, kafka, 0);
        assertThat(kafka.history()).extracting(ProducerRecord::value).containsExactly(notUtf8,
                FIX.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldSayHowManyRecordsKafkaRefused() throws Exception {
        String huge = "{\"imei\":\"" + "8".repeat(2 * 1024 * 1024) + "\",\"ts\":\"2026-11-22T01:00:01Z\"}";
        Files.writeString(work.resolve(Topic.SEAL_FIXES.fileName()), FIX + "\n" + huge + "\n");
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

        assertThatThrownBy(() -> FeedCommand.send(FeedCommand.lines(work), kafka, 0)).isInstanceOf(UserError.class)
                .hasMessage("Kafka refused 1 of 2 records, the others were sent; the first refused: seal.fixes, "
                        + huge.length() + " bytes: The message is " + huge.length() + " bytes when serialized which "
                        + "is larger than 1048576");
        assertThat(kafka.history()).extracting(ProducerRecord::value).containsExactly(FIX.getBytes(
                StandardCharsets.UTF_8));
    }

    private static Future<RecordMetadata> failed(RuntimeException failure) {
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        future.completeExceptionally(failure);
        return future;
    }
}
