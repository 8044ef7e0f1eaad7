package vn.customs.cargowatch.connectors.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * Production: each output topic of the contract is the Kafka topic of the same name, keyed by the record's
 * natural id (alert id, trip id, gate event id, container...), valued by its JSON.
 *
 * <p>At-least-once, flushed on every checkpoint: after a failure the records since the last checkpoint are
 * written again — with the same keys and the same content, since every id is derived from the input. A
 * consumer that keeps the latest record per key (a compacted topic, the Cassandra upserts) sees no
 * duplicate; exactly-once with Kafka transactions would add a checkpoint interval of latency to every
 * alert and oblige every consumer to read committed only, for no gain here.
 */
public final class KafkaOutputs implements Outputs {

    private final KafkaSettings settings;

    public KafkaOutputs(KafkaSettings settings) {
        this.settings = settings;
    }

    @Override
    public <T> void write(DataStream<T> records, Topic<T> topic) {
        KafkaSink<T> sink = KafkaSink.<T>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setRecordSerializer(new KeyedJson<>(topic.name(), topic.keyField()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("enable.idempotence", "true")
                .build();
        records.sinkTo(sink).name("kafka " + topic).uid("sink-kafka-" + topic.name());
    }

    static final class KeyedJson<T> implements KafkaRecordSerializationSchema<T> {
        private final String topic;
        private final String keyField;

        KeyedJson(String topic, String keyField) {
            this.topic = topic;
            this.keyField = keyField;
        }

        /**
         * Stamped with the time it is written, not with the record's event time: Kafka's retention counts from a
         * message's timestamp, and the outputs of input older than the retention (7 days by default: a pipeline
         * catching up after an outage, a past day fed again) would be deleted as soon as they were written.
         */
        @Override
        public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long eventTime) {
            JsonNode json = Json.mapper().valueToTree(record);
            JsonNode key = json.get(keyField);
            return new ProducerRecord<>(topic, null, null,
                    key == null || key.isNull() ? null : key.asText().getBytes(StandardCharsets.UTF_8),
                    Json.write(json).getBytes(StandardCharsets.UTF_8));
        }
    }
}
