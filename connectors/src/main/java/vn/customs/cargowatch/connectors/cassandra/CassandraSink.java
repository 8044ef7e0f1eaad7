package vn.customs.cargowatch.connectors.cassandra;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import vn.customs.cargowatch.model.Topic;

/**
 * Writes an output topic's records into its Cassandra tables ({@link TopicMappings}), at least once: every
 * write that came before a checkpoint is in Cassandra when the checkpoint completes, and the writes are
 * idempotent upserts and deletes by natural keys, so what a restart writes again changes nothing.
 *
 * <p>Each writer opens its own session, prepares the topic's statements, and keeps at most
 * {@link CassandraSettings#maxInFlight()} writes in flight; when Cassandra is slow or down, failed writes are
 * retried with a capped exponential back-off and the writer waits for a free slot — the job back-pressures
 * instead of dropping or failing. Keep records of one natural id on one writer, in order (see
 * {@link CassandraOutputs}): each record's writes carry a timestamp taken when the writer received it, so the
 * later version of a record wins even if its write lands first.
 */
public final class CassandraSink<T> implements Sink<T> {

    private final CassandraSettings settings;
    private final Topic<T> topic;

    public CassandraSink(CassandraSettings settings, Topic<T> topic) {
        TopicMappings.of(topic); // fail now, when the job is built, for a topic without tables
        this.settings = settings;
        this.topic = topic;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new CassandraSinkWriter<>(settings, topic, context.metricGroup());
    }
}
