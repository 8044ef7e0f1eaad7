package vn.customs.cargowatch.connectors;

import java.io.Serializable;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Turns one message of an input topic, as the bytes a source read, into what the job takes in. The job owns the
 * reading (decoding, parsing, validation, the topic's event time); a source only hands it every message, in the
 * order of its partition, on the task's thread — so that the records leave the source already judged, and a
 * rejected record never reaches the watermarks.
 *
 * @param <T> what a message becomes: a record, or the reason it cannot be used
 */
public interface RecordDecoder<T> extends Serializable {

    /** One message; {@code partition} is its Kafka partition, 0 for a file. Never null, never throws. */
    T decode(byte[] message, int partition);

    TypeInformation<T> producedType();

    /**
     * The topic's event time once {@code decoded} was read, or {@code Long.MIN_VALUE} while it has none: how far a
     * finite input's events go, when it ends.
     */
    long topicTimeOf(T decoded);
}
