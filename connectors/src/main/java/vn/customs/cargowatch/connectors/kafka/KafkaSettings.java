package vn.customs.cargowatch.connectors.kafka;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where Kafka is and how the pipeline reads it.
 *
 * @param startFrom {@code earliest} (the whole retained topic), {@code committed} (where this consumer group
 *     stopped, else earliest) or {@code latest}
 * @param idleTimeout a partition whose event time has not moved this long is quiet (a quiet gate at night, a topic of
 *     reference data that rarely changes): live, its event time follows the wall clock less the out-of-order bound;
 *     otherwise it stops holding event time back
 */
public record KafkaSettings(String bootstrapServers, String groupId, String startFrom, Duration idleTimeout)
        implements Serializable {}
