package vn.customs.cargowatch.connectors.cassandra;

import java.util.Objects;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.model.Topic;

/**
 * Production: every output topic into its Cassandra tables (docs/cassandra.md). Records are keyed by their
 * natural id before the sink, so that the versions of one alert, one trip's status, one container in a yard
 * reach the same writer in the order they were emitted — the last version is the one Cassandra keeps.
 */
public final class CassandraOutputs implements Outputs {

    private final CassandraSettings settings;

    public CassandraOutputs(CassandraSettings settings) {
        this.settings = settings;
    }

    @Override
    public <T> void write(DataStream<T> records, Topic<T> topic) {
        records.keyBy(new NaturalKey<>(topic))
                .sinkTo(new CassandraSink<>(settings, topic))
                .name("cassandra " + topic)
                .uid("sink-cassandra-" + topic.name());
    }

    /** The record's natural id ({@link TableMapping#key}). */
    static final class NaturalKey<T> implements KeySelector<T, String> {
        private final Topic<T> topic;
        private transient TableMapping<T> mapping;

        NaturalKey(Topic<T> topic) {
            this.topic = topic;
        }

        @Override
        public String getKey(T record) {
            if (mapping == null) {
                mapping = TopicMappings.of(topic);
            }
            return Objects.toString(mapping.key(record), "");
        }
    }
}
