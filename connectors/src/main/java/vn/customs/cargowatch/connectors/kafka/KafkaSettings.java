package vn.customs.cargowatch.connectors.kafka;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where Kafka is and how the pipeline reads it.
 *
 * @param startFrom {@code earliest} (the whole retained topic), {@code committed} (where this consumer group
 *     stopped, else earliest) or {@code latest}
 * @param idleTimeout a partition silent this long stops holding event time back (a quiet gate, a topic of
 *     reference data that rarely changes)
 */
public record KafkaSettings(String bootstrapServers, String groupId, String startFrom, Duration idleTimeout)
        implements Serializable {}
