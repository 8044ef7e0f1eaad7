package vn.customs.cargowatch.connectors;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import vn.customs.cargowatch.model.Topic;

/**
 * Where a job's input topics come from: files in embedded mode, Kafka in production, anything in tests.
 *
 * <p>A source yields the raw lines of a topic, each stamped with its event time by {@code watermarks}
 * (so a source that has partitions can keep per-partition watermarks); the job parses them itself, so
 * that every bad line reaches {@code deadletter} whatever the source.
 */
public interface Inputs {

    DataStream<String> lines(StreamExecutionEnvironment env, Topic<?> topic, WatermarkStrategy<String> watermarks);
}
