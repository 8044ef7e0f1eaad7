package vn.customs.cargowatch.jobs.common;

/**
 * One message of an input topic as the source hands it on: the record with its raw line and event time, or the
 * dead letter saying why it cannot be used. {@code topicTime} is its partition's event time once it was read (see
 * {@link TopicClock}): what the watermarks follow, so that they never follow a rejected record.
 *
 * <p>A plain mutable POJO on purpose: Flink serializes it field by field (its type is built per topic by {@link
 * TopicDecoder#producedType}), and it only lives between the source and the parser chained to it.
 */
public class TopicRecord<T> {

    /** The record, or null when it was rejected. */
    public T record;

    /** The message as received (UTF-8 text), for a dead letter raised later (late, refused). */
    public String line;

    /** Why the message cannot be used, or null. */
    public vn.customs.cargowatch.model.DeadLetter rejection;

    /** The record's event time in epoch milliseconds; {@code Long.MIN_VALUE} when it has none or was rejected. */
    public long eventTime = Long.MIN_VALUE;

    /** The partition's event time after this message; {@code Long.MIN_VALUE} while it has none. */
    public long topicTime = Long.MIN_VALUE;

    public TopicRecord() {}
}
