package vn.customs.cargowatch.connectors.kafka;

import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import vn.customs.cargowatch.connectors.Inputs;
import vn.customs.cargowatch.connectors.RecordDecoder;
import vn.customs.cargowatch.model.Topic;

/**
 * Production: each input topic of the contract is the Kafka topic of the same name, its values the raw
 * JSON lines, handed to the job's decoder with their partition. The watermark strategy runs per partition inside
 * the source (Flink's Kafka source keeps one watermark per partition). Kafka is a live feed: a partition whose event
 * time has not moved for {@code idleTimeout} is quiet ({@link #liveQuietAfter}), and the job's strategy says what it
 * then does — follow the wall clock, or stop holding event time back.
 * Offsets are committed on checkpoints; a restart from a checkpoint resumes from the checkpoint's offsets.
 */
public final class KafkaInputs implements Inputs {

    private final KafkaSettings settings;

    public KafkaInputs(KafkaSettings settings) {
        this.settings = settings;
    }

    @Override
    public <T> DataStream<T> read(StreamExecutionEnvironment env, Topic<?> topic, RecordDecoder<T> decoder,
            WatermarkStrategy<T> watermarks) {
        KafkaSource<T> source = KafkaSource.<T>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setGroupId(settings.groupId())
                .setTopics(topic.name())
                .setStartingOffsets(startingOffsets())
                .setDeserializer(new Decoded<>(decoder))
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
        return env.fromSource(source, watermarks, "kafka " + topic).uid("source-" + topic.name());
    }

    @Override
    public Optional<Duration> liveQuietAfter() {
        return Optional.of(settings.idleTimeout());
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

    /** A message's value, as bytes, to the job's decoder; a deleted value is an empty one, which the job dead-letters. */
    static final class Decoded<T> implements KafkaRecordDeserializationSchema<T> {
        private static final byte[] NONE = new byte[0];
        private final RecordDecoder<T> decoder;

        Decoded(RecordDecoder<T> decoder) {
            this.decoder = decoder;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<T> out) {
            out.collect(decoder.decode(message.value() == null ? NONE : message.value(), message.partition()));
        }

        @Override
        public TypeInformation<T> getProducedType() {
            return decoder.producedType();
        }
    }
}
