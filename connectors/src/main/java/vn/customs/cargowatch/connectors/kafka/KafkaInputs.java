package vn.customs.cargowatch.connectors.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import vn.customs.cargowatch.connectors.Inputs;
import vn.customs.cargowatch.model.Topic;

/**
 * Production: each input topic of the contract is the Kafka topic of the same name, its values the raw
 * JSON lines. The watermark strategy runs per partition inside the source (Flink's Kafka source keeps one
 * watermark per partition), and a partition idle for {@code idleTimeout} stops holding event time back.
 * Offsets are committed on checkpoints; a restart from a checkpoint resumes from the checkpoint's offsets.
 */
public final class KafkaInputs implements Inputs {

    private final KafkaSettings settings;

    public KafkaInputs(KafkaSettings settings) {
        this.settings = settings;
    }

    @Override
    public DataStream<String> lines(
            StreamExecutionEnvironment env, Topic<?> topic, WatermarkStrategy<String> watermarks) {
        KafkaSource<String> source = KafkaSource.<String>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setGroupId(settings.groupId())
                .setTopics(topic.name())
                .setStartingOffsets(startingOffsets())
                .setValueOnlyDeserializer(new Utf8Lines())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
        return env.fromSource(source, watermarks.withIdleness(settings.idleTimeout()), "kafka " + topic)
                .uid("source-" + topic.name());
    }

    private OffsetsInitializer startingOffsets() {
        return switch (settings.startFrom()) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            case "committed" -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            default -> throw new IllegalArgumentException("kafka.startFrom: '" + settings.startFrom()
                    + "' is none of earliest, committed, latest");
        };
    }

    /** A message's value as text; an empty or deleted value is an empty line, which the job dead-letters. */
    static final class Utf8Lines extends AbstractDeserializationSchema<String> {
        @Override
        public String deserialize(byte[] message) {
            return message == null ? "" : new String(message, StandardCharsets.UTF_8);
        }
    }
}
