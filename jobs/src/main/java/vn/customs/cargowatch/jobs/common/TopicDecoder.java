package vn.customs.cargowatch.jobs.common;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import vn.customs.cargowatch.connectors.RecordDecoder;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Timed;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.Topic;

/**
 * How the job reads one input topic, inside its source: each message is decoded as strict UTF-8, parsed and
 * validated completely ({@link Topic#parse}), and — on a topic with event time — judged against its partition's
 * {@link TopicClock} before it may touch event time. A message that fails any step leaves the source as a {@link
 * TopicRecord} carrying its dead letter, with no event time, so no watermark ever follows it:
 * <ul>
 *   <li>not UTF-8: UNREADABLE, the payload kept in base64;</li>
 *   <li>not JSON, a duplicate key, a wrong type: UNREADABLE; a rule of the contract broken: INVALID;</li>
 *   <li>stamped more than {@code events.maxAhead} beyond its topic's time: AHEAD.</li>
 * </ul>
 * Lateness is judged after the source, against the watermark the record meets ({@link ParseLines}).
 */
public final class TopicDecoder<T> implements RecordDecoder<TopicRecord<T>> {

    private final Topic<T> topic;
    private final boolean eventTimed;
    private final long maxAheadMillis;
    private transient Map<Integer, TopicClock> clocks;

    private TopicDecoder(Topic<T> topic, boolean eventTimed, Duration maxAhead) {
        this.topic = topic;
        this.eventTimed = eventTimed;
        this.maxAheadMillis = maxAhead.toMillis();
    }

    /** A topic whose records carry {@code ts}: their event time is judged and kept. */
    public static <T> TopicDecoder<T> eventTimed(Topic<T> topic, Duration maxAhead) {
        return new TopicDecoder<>(topic, true, maxAhead);
    }

    /** A topic of reference data (zones, offices), without event time. */
    public static <T> TopicDecoder<T> reference(Topic<T> topic) {
        return new TopicDecoder<>(topic, false, Duration.ZERO);
    }

    @Override
    public TopicRecord<T> decode(byte[] message, int partition) {
        TopicRecord<T> decoded = new TopicRecord<>();
        String line = DeadLetter.utf8(message);
        if (line == null) {
            decoded.rejection = DeadLetter.ofBytes(topic.name(), "not UTF-8: the record has bytes that are no UTF-8 "
                    + "character (the payload is kept in base64)", message, Instant.now(), DeadLetter.Kind.UNREADABLE);
            return decoded;
        }
        decoded.line = line;
        T record;
        try {
            record = topic.parse(line);
        } catch (Json.Rejected rejected) {
            decoded.rejection = rejection(line, rejected.getMessage(), rejected.kind());
            return decoded;
        }
        if (eventTimed) {
            TopicClock clock = clock(partition);
            long stamp = ((Timed) record).ts().toEpochMilli();
            if (clock.isAhead(stamp)) {
                decoded.rejection = rejection(line, "ts " + Times.format(((Timed) record).ts()) + " is more than "
                        + describe(maxAheadMillis) + " ahead of the " + topic + " stream (at "
                        + Times.format(Instant.ofEpochMilli(clock.time())) + ")", DeadLetter.Kind.AHEAD);
                return decoded;
            }
            decoded.eventTime = stamp;
            decoded.topicTime = clock.accept(topic.senderOf(record), stamp);
        }
        decoded.record = record;
        return decoded;
    }

    @Override
    public long topicTimeOf(TopicRecord<T> decoded) {
        return decoded.topicTime;
    }

    /** The topic's event time after the messages decoded so far (the newest over its partitions). */
    public long eventTime() {
        long newest = Long.MIN_VALUE;
        if (clocks != null) {
            for (TopicClock clock : clocks.values()) {
                newest = Math.max(newest, clock.time());
            }
        }
        return newest;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public TypeInformation<TopicRecord<T>> producedType() {
        Map<String, TypeInformation<?>> fields = new HashMap<>();
        fields.put("record", TypeInformation.of(topic.type()));
        fields.put("line", Types.STRING);
        fields.put("rejection", TypeInformation.of(DeadLetter.class));
        fields.put("eventTime", Types.LONG);
        fields.put("topicTime", Types.LONG);
        return (TypeInformation) Types.POJO(TopicRecord.class, fields);
    }

    private DeadLetter rejection(String line, String reason, DeadLetter.Kind kind) {
        return new DeadLetter(topic.name(), reason, line, Instant.now(), kind);
    }

    private TopicClock clock(int partition) {
        if (clocks == null) {
            clocks = new HashMap<>();
        }
        return clocks.computeIfAbsent(partition, ignored -> new TopicClock(maxAheadMillis));
    }

    static String describe(long millis) {
        Duration duration = Duration.ofMillis(millis);
        if (duration.toHours() > 0 && duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0) {
            return duration.toHours() + " h";
        }
        if (duration.toMinutes() > 0 && duration.toSecondsPart() == 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toSeconds() + " s";
    }
}
