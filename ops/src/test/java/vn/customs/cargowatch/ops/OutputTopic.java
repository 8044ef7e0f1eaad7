package vn.customs.cargowatch.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/** Reads a one-partition output topic of a test's broker from its beginning to its end as it is now. */
final class OutputTopic {

    private OutputTopic() {}

    /** Every message, in the order the partition holds them. */
    static List<ConsumerRecord<String, String>> messages(String topic, String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> messages = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(messages::add);
            }
        }
        return messages;
    }

    /** Every record, read as the topic's type. */
    static <T> List<T> records(Topic<T> topic, String bootstrapServers) throws Json.Rejected {
        List<T> records = new ArrayList<>();
        for (ConsumerRecord<String, String> message : messages(topic.name(), bootstrapServers)) {
            records.add(Json.read(message.value(), topic.type()));
        }
        return records;
    }
}
