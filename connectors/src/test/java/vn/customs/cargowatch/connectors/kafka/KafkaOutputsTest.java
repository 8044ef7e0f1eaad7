package vn.customs.cargowatch.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

class KafkaOutputsTest {

    @Test
    void shouldKeyByTheNaturalIdAndLeaveTheTimestampToTheTimeOfWriting() {
        DeadLetter dead = new DeadLetter("seal.fixes", "lat 999.0 out of range [-90, 90]", "{\"lat\":999}",
                Instant.parse("2026-11-22T01:00:00Z"), DeadLetter.Kind.INVALID);
        long eventTimeTenDaysAgo = Instant.parse("2026-11-22T01:00:00Z").toEpochMilli();

        ProducerRecord<byte[], byte[]> message = new KafkaOutputs.KeyedJson<DeadLetter>(Topic.DEADLETTER.name(),
                Topic.DEADLETTER.keyField()).serialize(dead, null, eventTimeTenDaysAgo);

        assertThat(message.topic()).isEqualTo("deadletter");
        assertThat(new String(message.key(), StandardCharsets.UTF_8)).isEqualTo("seal.fixes");
        assertThat(new String(message.value(), StandardCharsets.UTF_8)).isEqualTo(Json.write(dead));
        assertThat(message.timestamp()).as("not the event time, which retention would count from").isNull();
    }
}
