package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.servers.KafkaServer;

/**
 * {@code feed} against a real broker: what it says it sent is on the topics, in order; and when the broker goes away
 * mid-feed, the feed ends in well under a minute with one plain line and exit code 2, rather than hanging or saying
 * it sent what Kafka never acknowledged.
 */
class FeedOutageIT {

    private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");

    @TempDir
    static Path work;

    private static KafkaServer kafka;
    private static Path config;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaServer.start(work.resolve("kafka"));
        config = Files.writeString(work.resolve("feed.yaml"), "kafka:\n  bootstrapServers: "
                + kafka.bootstrapServers() + "\n");
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(Topic.SEAL_FIXES.name(), 1, (short) 1),
                    new NewTopic(Topic.CUSTOMS_OFFICES.name(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void shouldPutOnTheTopicsWhatItSaysItSentThenStopInSecondsWhenTheBrokerGoesAway() throws Exception {
        Path day = Files.createDirectories(work.resolve("day"));
        Files.writeString(day.resolve(Topic.SEAL_FIXES.fileName()), String.join("\n", fix(0), fix(1), fix(2)) + "\n");
        Files.writeString(day.resolve(Topic.CUSTOMS_OFFICES.fileName()), "{\"unitCode\":\"HN-GIALAM\"}\n");

        assertThat(Cargowatch.run("feed", "--from", day.toString(), "--config", config.toString())).isZero();
        assertThat(OutputTopic.messages(Topic.SEAL_FIXES.name(), kafka.bootstrapServers()))
                .extracting(ConsumerRecord::value).containsExactly(fix(0), fix(1), fix(2));
        assertThat(OutputTopic.messages(Topic.CUSTOMS_OFFICES.name(), kafka.bootstrapServers()))
                .extracting(ConsumerRecord::key).containsExactly("HN-GIALAM");

        Path month = Files.createDirectories(work.resolve("month"));
        try (Writer out = Files.newBufferedWriter(month.resolve(Topic.SEAL_FIXES.fileName()))) {
            for (int i = 0; i < 200_000; i++) {
                out.write(fix(i));
                out.write('\n');
            }
        }
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> feeding = CompletableFuture.supplyAsync(() -> Cargowatch.run(
                new PrintWriter(err, true), "feed", "--from", month.toString(), "--rate", "2000", "--config",
                config.toString()));
        awaitRecords(3 + 1000, Duration.ofSeconds(60));

        kafka.stop();
        long stopped = System.nanoTime();
        int exit = feeding.get(90, TimeUnit.SECONDS);

        assertThat(exit).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("from the broker's end to the feed's")
                .isLessThan(Duration.ofSeconds(45));
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("cargowatch: Kafka did not acknowledge ")
                .contains(" records sent, so the feed stopped there, before the rest of the input; the first failure: "
                        + "seal.fixes, ");
    }

    /** Waits until the fixes topic holds at least {@code count} records: the feed is under way. */
    private static void awaitRecords(long count, Duration within) throws Exception {
        TopicPartition partition = new TopicPartition(Topic.SEAL_FIXES.name(), 0);
        long deadline = System.nanoTime() + within.toNanos();
        try (Admin admin = admin()) {
            while (admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(10, TimeUnit.SECONDS).offset() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the feed did not get " + count + " records to Kafka within " + within);
                }
                Thread.sleep(200);
            }
        }
    }

    private static Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(properties);
    }

    private static String fix(int i) {
        return "{\"imei\":\"356938035643809\",\"ts\":\"" + T0.plusSeconds(i) + "\",\"lat\":20.9,\"lon\":106.3}";
    }
}
