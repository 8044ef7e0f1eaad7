package vn.customs.cargowatch.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Kafka broker, started once for the class: it takes records and hands them out again. */
class KafkaServerIT {

    @TempDir
    static Path dataDir;

    static KafkaServer kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = ServerChecks.timed("kafka", () -> KafkaServer.start(dataDir));
    }

    @AfterAll
    static void stopShouldLeaveNoProcessBehind() {
        if (kafka != null) {
            ServerChecks.assertStopLeavesNothingBehind(kafka.process(), kafka.port(), kafka::stop);
        }
    }

    @Test
    void shouldListenOnLoopback() {
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
        assertThat(Ports.isOpen(kafka.port())).isTrue();
    }

    @Test
    void shouldCarryARecordFromAProducerToAConsumer() throws Exception {
        String topic = "seal.fixes";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "SEAL-0001", "{\"lat\":20.86,\"lon\":106.68}"))
                    .get(30, TimeUnit.SECONDS);
        }

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "cargowatch-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            ConsumerRecord<String, String> received = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received = record;
                }
            }
            assertThat(received).as("a record within 30 s").isNotNull();
            assertThat(received.key()).isEqualTo("SEAL-0001");
            assertThat(received.value()).isEqualTo("{\"lat\":20.86,\"lon\":106.68}");
        }
    }
}
