package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.connectors.kafka.KafkaInputs;
import vn.customs.cargowatch.connectors.kafka.KafkaOutputs;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.ContainerNumber;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.GateMatch.Barrier;
import vn.customs.cargowatch.model.GateMatch.Result;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.embedded.LocalJobRunner;
import vn.customs.cargowatch.servers.KafkaServer;

/**
 * The pipeline as {@code run} wires it, on a real Kafka: the barrier of a truck leaving is decided as its recognition
 * arrives and corrected when a declaration stamped before the truck reaches the gate after it — 119 s behind the
 * declarations' newest record, within the out-of-order bound; 121 s is LATE — and every eventId ends as a replay of
 * the same records decides it; and a quiet gate's event time follows the wall clock, so its deadlines after the last
 * record pass within their time and the bound.
 */
class LiveGateIT {

    /** One TaskManager with room for a live job and a replay. */
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(fastMetrics()).setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final String ICD = "ICD-GIALAM";
    private static final String PLATE = "29C-123.45";
    private static final Duration WITHIN = Duration.ofSeconds(90);

    @TempDir
    Path work;

    private static Configuration fastMetrics() {
        Configuration configuration = new Configuration();
        configuration.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(500));
        return configuration;
    }

    private static String container(int serial) {
        String body = String.format("LVGU%06d", serial);
        int check = ContainerNumber.checkValue(body);
        return check == 10 ? container(serial + 1000) : body + check;
    }

    private static Declaration declaration(String no, Declaration.Status status, Instant ts, String containerNo) {
        return new Declaration(no, Declaration.Kind.EXPORT, ICD, List.of(containerNo), List.of("29C12345"), status,
                Declaration.Risk.GREEN, ts);
    }

    private static Recognition truck(String eventId, String gate, Direction direction, Instant ts, String containerNo) {
        return new Recognition(eventId, ICD, ICD + "-" + gate, "L1", ICD + "-" + gate + "-CAM", direction, ts,
                containerNo, null, PLATE, 0.95, null, null);
    }

    /** A configuration of the test's own: quiet after 2 s, so that empty topics stop holding event time back. */
    private ConfigFile.Settings settings(String name, KafkaServer kafka, String... more) throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "kafka:",
                "  bootstrapServers: " + kafka.bootstrapServers(),
                "  groupId: " + name,
                "  startFrom: earliest",
                "  idleTimeout: 2 s",
                "checkpoint:",
                "  interval: 1 s",
                "  dir: " + work.resolve(name + "-checkpoints"),
                "metrics:",
                "  port: off",
                // the test cluster's default is its slot count; these tests were written for one subtask
                "job:",
                "  parallelism: 1"));
        lines.addAll(List.of(more));
        lines.add("");
        return ConfigFile.settings(Files.writeString(work.resolve(name + ".yaml"), String.join("\n", lines)));
    }

    /** The job as {@code run} starts it, with Kafka outputs only: the gate's outputs are what is looked at. */
    private static JobClient start(ConfigFile.Settings settings, String name) throws Exception {
        createTopics(settings.kafka().bootstrapServers());
        return LocalJobRunner.start(new KafkaInputs(settings.kafka()), new KafkaOutputs(settings.kafka()),
                settings.seal(), settings.gate(), settings.sms(), name, RunCommand.flinkSettings(settings, null));
    }

    @Test
    void shouldDecideTheBarrierOnArrivalCorrectItWithinTheBoundAndEndAsTheReplayDoes() throws Exception {
        String cleared = container(1), clearedLate = container(2), cancelledLate = container(3),
                clearedTooLate = container(4), probe = container(5), other = container(6);
        try (KafkaServer kafka = KafkaServer.start(work.resolve("kafka"))) {
            ConfigFile.Settings settings = settings("barrier", kafka);
            InputFolder replayed = new InputFolder();
            JobClient job = start(settings, "live barrier");
            List<GateMatch> live;
            List<Alert> liveAlerts;
            List<DeadLetter> late;
            List<String> probes = new ArrayList<>();
            try (Feed feed = new Feed(kafka.bootstrapServers(), replayed)) {
                // The job reads both topics once a broken line on each has come back as a dead letter.
                feed.sendLine(Topic.CUSTOMS_DECLARATIONS, "{\"broken\": ");
                feed.sendLine(Topic.CAMERA_RECOGNITIONS, "{\"broken\": ");
                await(kafka, Topic.DEADLETTER, letters -> letters.size() == 2);
                // The trucks leave now; their declarations were made an hour ago. So the declarations' partition has
                // history and its event time never follows the clock: lateness on it is measured against its own
                // newest record only, to the second.
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                Instant issued = now.minus(Duration.ofHours(1));
                Instant before = issued.minus(Duration.ofMinutes(10));
                feed.send(Topic.CUSTOMS_DECLARATIONS, declaration("D1", Declaration.Status.REGISTERED, before,
                        clearedLate));
                feed.send(Topic.CUSTOMS_DECLARATIONS, declaration("D2", Declaration.Status.CLEARED, before, cleared));
                feed.send(Topic.CUSTOMS_DECLARATIONS, declaration("D3", Declaration.Status.CLEARED, before,
                        cancelledLate));
                feed.send(Topic.CUSTOMS_DECLARATIONS, declaration("D4", Declaration.Status.REGISTERED, before,
                        clearedTooLate));
                // two declarations make their time the declarations' time (TopicClock: two senders)
                feed.send(Topic.CUSTOMS_DECLARATIONS, declaration("D5", Declaration.Status.CLEARED, issued, other));
                feed.send(Topic.CUSTOMS_DECLARATIONS, declaration("D6", Declaration.Status.CLEARED, issued, probe));
                // Once the gate knows D6, it knows all before it: the trucks after that are judged with them. (The
                // declarations' way to the gate may take longer than the trucks' while the job starts: a probe
                // decided without D6 is corrected like any other, and ends as the replay decides it.)
                GateMatch probed = null;
                while (probed == null || probed.result() != Result.MATCHED) {
                    assertThat(probes).as("the gate knows the declarations sent before a probe").hasSizeLessThan(5);
                    String id = "probe-" + (probes.size() + 1);
                    probes.add(id);
                    feed.send(Topic.CAMERA_RECOGNITIONS, truck(id, "G1", Direction.OUT, now, probe));
                    probed = lastPerEventId(awaitMatches(kafka, matches -> matches.size() == probes.size())).get(id);
                }

                feed.send(Topic.CAMERA_RECOGNITIONS, truck("out-cleared", "G2", Direction.OUT, now, cleared));
                feed.send(Topic.CAMERA_RECOGNITIONS, truck("out-cleared-late", "G1", Direction.OUT, now,
                        clearedLate));
                feed.send(Topic.CAMERA_RECOGNITIONS, truck("out-cancelled-late", "G2", Direction.OUT, now,
                        cancelledLate));
                feed.send(Topic.CAMERA_RECOGNITIONS, truck("out-cleared-too-late", "G1", Direction.OUT, now,
                        clearedTooLate));
                List<GateMatch> onArrival = awaitMatches(kafka, matches -> matches.size() == probes.size() + 4);
                assertThat(onArrival.subList(probes.size(), onArrival.size()))
                        .as("decided on arrival: event time is still 2 min behind the trucks")
                        .extracting(GateMatch::eventId, GateMatch::result, GateMatch::barrier).containsExactly(
                                tuple("out-cleared", Result.MATCHED, Barrier.OPEN),
                                tuple("out-cleared-late", Result.NOT_CLEARED, Barrier.HOLD),
                                tuple("out-cancelled-late", Result.MATCHED, Barrier.OPEN),
                                tuple("out-cleared-too-late", Result.NOT_CLEARED, Barrier.HOLD));

                // Stamped before the trucks, delivered after them: 119 s and 60 s behind the declarations' time are
                // within the bound and correct the barrier; 121 s is LATE.
                feed.send(Topic.CUSTOMS_DECLARATIONS, declaration("D1", Declaration.Status.CLEARED,
                        issued.minusSeconds(119), clearedLate));
                feed.send(Topic.CUSTOMS_DECLARATIONS, declaration("D3", Declaration.Status.CANCELLED,
                        issued.minusSeconds(60), cancelledLate));
                feed.send(Topic.CUSTOMS_DECLARATIONS, declaration("D4", Declaration.Status.CLEARED,
                        issued.minusSeconds(121), clearedTooLate));
                late = await(kafka, Topic.DEADLETTER, letters -> letters.size() == 3).subList(2, 3);
                assertThat(late).singleElement().satisfies(letter -> {
                    assertThat(letter.kind()).isEqualTo(DeadLetter.Kind.LATE);
                    assertThat(letter.payload()).contains("\"D4\"");
                    assertThat(letter.reason()).startsWith("late: 121 s older than the newest customs.declarations");
                });

                // Event time passes the trucks: the two gates three minutes on (the declarations' partition, history
                // and quiet, is idle; the gates' would follow the clock past the trucks within 2 min anyway).
                feed.send(Topic.CAMERA_RECOGNITIONS, truck("after-1", "G1", Direction.OUT,
                        now.plus(Duration.ofMinutes(3)), other));
                feed.send(Topic.CAMERA_RECOGNITIONS, truck("after-2", "G2", Direction.OUT,
                        now.plus(Duration.ofMinutes(3)), probe));
                // the probes decided without D6 are corrected too
                live = awaitMatches(kafka, matches -> matches.size() == 2 * probes.size() + 7);
                liveAlerts = await(kafka, Topic.ALERTS, alerts -> alerts.size() == 2);
            } finally {
                job.cancel().get();
            }

            assertThat(live.subList(probes.size() + 4, live.size()))
                    .filteredOn(match -> !probes.contains(match.eventId()))
                    .extracting(GateMatch::eventId, GateMatch::result, GateMatch::barrier)
                    .containsExactlyInAnyOrder(
                            tuple("out-cleared-late", Result.MATCHED, Barrier.OPEN),
                            tuple("out-cancelled-late", Result.NO_DECLARATION, Barrier.HOLD),
                            tuple("after-1", Result.MATCHED, Barrier.OPEN),
                            tuple("after-2", Result.MATCHED, Barrier.OPEN));
            Map<String, GateMatch> last = lastPerEventId(live);
            assertThat(last.get("out-cleared-late").correction()).isEqualTo("corrects the decision made on the "
                    + "truck's arrival (NOT_CLEARED, barrier HOLD, declaration D1): declaration D1, stamped "
                    + "no later than the truck, reached the gate after it");
            assertThat(last.get("out-cancelled-late").correction())
                    .contains("declaration D3, stamped no later than the truck");
            assertThat(last.get("out-cleared-too-late")).as("LATE changes nothing")
                    .extracting(GateMatch::result, GateMatch::correction).containsExactly(Result.NOT_CLEARED, null);
            assertThat(liveAlerts).extracting(Alert::type, Alert::containerNo).containsExactlyInAnyOrder(
                    tuple(AlertType.NO_DECLARATION, cancelledLate), tuple(AlertType.UNCLEARED_EXIT, clearedTooLate));

            // The same records as files: every topic in the order Kafka held it, read as fast as they go.
            Path output = work.resolve("replay");
            assertThat(Cargowatch.run("replay", "--input", replayed.writeTo(work.resolve("input")).toString(),
                    "--output", output.toString())).isZero();
            OutputFolder replay = new OutputFolder(output);
            Map<String, GateMatch> decided = new LinkedHashMap<>();
            last.forEach((eventId, match) -> decided.put(eventId, match.decision()));
            assertThat(decided).as("the last record of every eventId is the replay's decision")
                    .isEqualTo(lastPerEventId(replay.records(Topic.GATE_MATCHES)));
            assertThat(replay.records(Topic.GATE_MATCHES)).as("a replay decides once").hasSize(probes.size() + 6);
            assertThat(last.values()).filteredOn(match -> probes.contains(match.eventId()))
                    .extracting(GateMatch::result).containsOnly(Result.MATCHED);
            assertThat(finalAlerts(liveAlerts)).isEqualTo(replay.finalAlerts());
            assertThat(replay.deadLetters()).filteredOn(letter -> letter.kind() == DeadLetter.Kind.LATE)
                    .extracting(DeadLetter::reason).containsExactlyElementsOf(late.stream().map(DeadLetter::reason)
                            .toList());
        }
    }

    @Test
    void shouldPassADeadlineAfterTheLastRecordOfAQuietGateByTheWallClock() throws Exception {
        try (KafkaServer kafka = KafkaServer.start(work.resolve("kafka-quiet"))) {
            ConfigFile.Settings settings = settings("quiet", kafka,
                    "events:",
                    "  outOfOrderness: 5 s",
                    "gate:",
                    "  declarationWait: 10 s",
                    "  cameraSilence: 1 min");
            JobClient job = start(settings, "quiet gate");
            try {
                Instant sent;
                try (Feed feed = new Feed(kafka.bootstrapServers(), new InputFolder())) {
                    // Once the job reads the gate (a truck leaving is decided at once)...
                    feed.send(Topic.CAMERA_RECOGNITIONS, truck("evening-1", "G1", Direction.OUT, Instant.now(),
                            container(9)));
                    awaitMatches(kafka, matches -> !matches.isEmpty());
                    // ... one more truck at the same gate, then nothing: the topic never has the two senders its
                    // time needs, and nothing else moves it.
                    sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    feed.send(Topic.CAMERA_RECOGNITIONS, truck("night-1", "G1", Direction.IN, sent, container(10)));
                }

                List<Timed<GateMatch>> decided = awaitTimed(kafka, Topic.GATE_MATCHES, matches -> matches.stream()
                        .anyMatch(match -> match.record().eventId().equals("night-1")), WITHIN);
                assertThat(decided).filteredOn(match -> match.record().eventId().equals("night-1")).singleElement()
                        .satisfies(match -> {
                    assertThat(match.record().result()).isEqualTo(Result.NO_DECLARATION);
                    assertThat(match.at()).as("the declaration wait and the bound, never sooner")
                            .isAfterOrEqualTo(sent.plusSeconds(10 + 5));
                });
                assertThat(followingTheClock(job, "camera.recognitions")).as("watermark_follows_clock").isEqualTo(1);

                List<Timed<Alert>> silent = awaitTimed(kafka, Topic.ALERTS, alerts -> alerts.stream()
                        .anyMatch(alert -> alert.record().type() == AlertType.CAMERA_SILENT), Duration.ofMinutes(3));
                Timed<Alert> alert = silent.stream().filter(timed -> timed.record().type() == AlertType.CAMERA_SILENT)
                        .findFirst().orElseThrow(() -> new AssertionError("no CAMERA_SILENT within 3 min: " + silent));
                assertThat(alert.record().startTs()).isEqualTo(sent);
                assertThat(alert.at()).as("its minute of silence and the bound, never sooner")
                        .isAfterOrEqualTo(sent.plusSeconds(60 + 5))
                        .isBefore(sent.plusSeconds(60 + 5 + 30));
            } finally {
                job.cancel().get();
            }
        }
    }

    // ---- Kafka ----

    /** Publishes records keyed as the contract says, and keeps each in the replay's input in the same order. */
    private static final class Feed implements AutoCloseable {
        private final KafkaProducer<String, String> producer;
        private final InputFolder replayed;

        Feed(String bootstrapServers, InputFolder replayed) {
            Properties properties = new Properties();
            properties.put("bootstrap.servers", bootstrapServers);
            properties.put("key.serializer", StringSerializer.class.getName());
            properties.put("value.serializer", StringSerializer.class.getName());
            this.producer = new KafkaProducer<>(properties);
            this.replayed = replayed;
        }

        <T> void send(Topic<T> topic, T record) throws Exception {
            String line = Json.write(record);
            String key = Json.mapper().readTree(line).path(topic.keyField()).asText();
            producer.send(new ProducerRecord<>(topic.name(), key, line)).get();
            replayed.addLineArrivingAt(topic, line, Instant.now());
        }

        void sendLine(Topic<?> topic, String line) throws Exception {
            producer.send(new ProducerRecord<>(topic.name(), null, line)).get();
            replayed.addLineArrivingAt(topic, line, Instant.now());
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    private static void createTopics(String bootstrapServers) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            var existing = admin.listTopics().names().get();
            List<NewTopic> topics = new ArrayList<>();
            for (Topic<?> topic : concat(Topic.INPUTS, Topic.OUTPUTS)) {
                if (!existing.contains(topic.name())) {
                    topics.add(new NewTopic(topic.name(), 1, (short) 1));
                }
            }
            admin.createTopics(topics).all().get();
        }
    }

    private static List<Topic<?>> concat(List<Topic<?>> a, List<Topic<?>> b) {
        List<Topic<?>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A record read back, with the time Kafka took it (the sink's write). */
    record Timed<T>(T record, Instant at) {}

    private static <T> List<Timed<T>> readAll(Topic<T> topic, String bootstrapServers) {
        return OutputTopic.messages(topic.name(), bootstrapServers).stream().map(message -> new Timed<>(
                read(message.value(), topic), Instant.ofEpochMilli(message.timestamp()))).toList();
    }

    private static <T> T read(String line, Topic<T> topic) {
        try {
            return Json.read(line, topic.type());
        } catch (Json.Rejected e) {
            throw new AssertionError(topic + ": " + line, e);
        }
    }

    private static <T> List<Timed<T>> awaitTimed(KafkaServer kafka, Topic<T> topic, Predicate<List<Timed<T>>> done,
            Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        List<Timed<T>> records = readAll(topic, kafka.bootstrapServers());
        while (!done.test(records) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            records = readAll(topic, kafka.bootstrapServers());
        }
        return records;
    }

    private static <T> List<T> await(KafkaServer kafka, Topic<T> topic, Predicate<List<T>> done) throws Exception {
        return awaitTimed(kafka, topic, timed -> done.test(timed.stream().map(Timed::record).toList()), WITHIN)
                .stream().map(Timed::record).toList();
    }

    private static List<GateMatch> awaitMatches(KafkaServer kafka, Predicate<List<GateMatch>> done) throws Exception {
        return await(kafka, Topic.GATE_MATCHES, done);
    }

    private static Map<String, GateMatch> lastPerEventId(List<GateMatch> matches) {
        Map<String, GateMatch> last = new LinkedHashMap<>();
        matches.forEach(match -> last.put(match.eventId(), match));
        return last;
    }

    private static Map<String, Alert> finalAlerts(List<Alert> emissions) {
        Map<String, Alert> alerts = new LinkedHashMap<>();
        emissions.forEach(alert -> alerts.put(alert.alertId(), alert));
        return alerts;
    }

    // ---- Flink's REST API, as the web UI reads the metrics ----

    /** The source's {@code watermark_follows_clock} gauge of {@code topic}, once Flink has fetched it. */
    private static int followingTheClock(JobClient job, String topic) throws Exception {
        Configuration client = FLINK.getClientConfiguration();
        String jobUrl = "http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT) + "/jobs/"
                + job.getJobID();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode vertex : rest(jobUrl).path("vertices")) {
                if (!vertex.path("name").asText().contains("kafka " + topic)) {
                    continue;
                }
                String vertexUrl = jobUrl + "/vertices/" + vertex.path("id").asText() + "/metrics";
                for (JsonNode metric : rest(vertexUrl)) {
                    String id = metric.path("id").asText();
                    if (id.endsWith("watermark_follows_clock")) {
                        JsonNode value = rest(vertexUrl + "?get=" + id).path(0).path("value");
                        if (!value.isMissingNode()) {
                            return value.asInt();
                        }
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no watermark_follows_clock metric of " + topic + " within 30 s");
    }

    private static JsonNode rest(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }
}
