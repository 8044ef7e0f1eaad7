package vn.customs.cargowatch.connectors;

import org.apache.flink.streaming.api.datastream.DataStream;
import vn.customs.cargowatch.model.Topic;

/** Where a job's output topics go: files in embedded mode, Kafka and Cassandra in production. */
public interface Outputs {

    <T> void write(DataStream<T> records, Topic<T> topic);
}
