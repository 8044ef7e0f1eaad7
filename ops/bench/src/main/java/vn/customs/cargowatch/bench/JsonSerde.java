package vn.customs.cargowatch.bench;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import vn.customs.cargowatch.model.Json;

/**
 * The peer's one serde: a record as one line of JSON, written and read by the model's codec ({@link Json}), for its
 * outputs and for the values of its state stores — the JSON serde a Kafka Streams team typically writes.
 */
final class JsonSerde<T> implements Serializer<T>, Deserializer<T> {

    private final Class<T> type;

    private JsonSerde(Class<T> type) {
        this.type = type;
    }

    static <T> Serde<T> of(Class<T> type) {
        JsonSerde<T> json = new JsonSerde<>(type);
        return Serdes.serdeFrom(json, json);
    }

    @Override
    public byte[] serialize(String topic, T value) {
        return value == null ? null : Json.write(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return Json.read(new String(bytes, StandardCharsets.UTF_8), type);
        } catch (Json.Rejected e) {
            throw new SerializationException("cannot read a " + type.getSimpleName() + " from " + topic + ": "
                    + e.getMessage());
        }
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the model's codec is the one JSON codec
    }

    @Override
    public void close() {
        // nothing held
    }
}
