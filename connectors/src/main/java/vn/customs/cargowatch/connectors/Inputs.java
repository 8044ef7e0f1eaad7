package vn.customs.cargowatch.connectors;

import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import vn.customs.cargowatch.model.Topic;

/**
 * Where a job's input topics come from: files in embedded mode, Kafka in production, anything in tests.
 *
 * <p>A source reads a topic's messages as raw bytes and hands each to the job's {@link RecordDecoder} inside the
 * source, then stamps the result with its event time by {@code watermarks} (so a source that has partitions keeps
 * per-partition watermarks), applied as given: what a quiet partition does is the job's choice ({@link
 * #liveQuietAfter}). No byte is decoded by the source itself: a message that is not UTF-8 must reach
 * {@code deadletter} as it was, not with its bad bytes replaced.
 */
public interface Inputs {

    <T> DataStream<T> read(StreamExecutionEnvironment env, Topic<?> topic, RecordDecoder<T> decoder,
            WatermarkStrategy<T> watermarks);

    /**
     * For a feed whose records arrive as they happen (Kafka), how long a partition may go without its event time
     * moving before it counts as quiet; empty for history read as fast as it goes (files), whose event time comes
     * from its records alone. The job decides from it what it decides on a record's arrival and what a quiet
     * partition's event time does (docs/gates.md, docs/seal-rules.md "Event time").
     */
    default Optional<Duration> liveQuietAfter() {
        return Optional.empty();
    }
}
