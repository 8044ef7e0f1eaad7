package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.connectors.cassandra.CassandraSessions;
import vn.customs.cargowatch.connectors.cassandra.CqlWrite;
import vn.customs.cargowatch.connectors.cassandra.TopicMappings;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.CustomsOffice.Level;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.NearestOffice;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.ReviewAction;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.alerts.AlertStore;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.desk.ActionSigner;
import vn.customs.cargowatch.ops.desk.DeskHttp;
import vn.customs.cargowatch.ops.desk.DeskServer;
import vn.customs.cargowatch.ops.desk.DeskUser;
import vn.customs.cargowatch.ops.desk.Passwords;
import vn.customs.cargowatch.ops.desk.UserTable;
import vn.customs.cargowatch.servers.CassandraServer;
import vn.customs.cargowatch.servers.KafkaServer;

/**
 * {@code alert ... --config FILE} on a real Kafka and Cassandra: the alert and its history read from the rows the
 * sink's own mappings write, the units from the {@code customs.offices} topic, the action published on
 * {@code alerts.actions} keyed by the alert id.
 */
class AlertCommandIT {

    private static final String ID = "5f0c2a1e-0000-3000-8000-000000000002";
    /** An alert of its own for the test that publishes on it: the other tests' alert keeps no pending action. */
    private static final String CLICKED_TWICE = "5f0c2a1e-0000-3000-8000-000000000003";
    private static final Instant START = Instant.parse("2026-11-22T08:15:00Z");
    /** The desk's test's alerts: a Branch's to act on, and a gate alert of an ICD no Branch lists. */
    private static final String DESK_ALERT = "5f0c2a1e-0000-3000-8000-000000000004";
    private static final String DESK_GATE_ALERT = "5f0c2a1e-0000-3000-8000-000000000005";

    private static KafkaServer kafka;
    private static CassandraServer cassandra;
    private static Path config;

    @TempDir
    static Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startServers() throws Exception {
        kafka = KafkaServer.start(work.resolve("kafka"));
        cassandra = SharedCassandra.get();
        config = Files.writeString(work.resolve("alertcli.yaml"), String.join("\n",
                "kafka:",
                "  bootstrapServers: " + kafka.bootstrapServers(),
                "cassandra:",
                "  contactPoints: 127.0.0.1:" + cassandra.port(),
                "  localDatacenter: " + cassandra.localDatacenter(),
                "  keyspace: alertcli",
                ""));
        assertThat(Cargowatch.run("schema", "apply", "--config", config.toString())).isZero();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(Topic.CUSTOMS_OFFICES.name(), 2, (short) 1),
                    new NewTopic(Topic.ALERTS_ACTIONS.name(), 2, (short) 1))).all().get();
        }
        Path offices = Files.createDirectories(work.resolve("offices"));
        Files.writeString(offices.resolve(Topic.CUSTOMS_OFFICES.fileName()), List.of(
                new CustomsOffice("TCHQ", "Tổng cục Hải quan", Level.GENERAL, null, 21.0236, 105.7889, null),
                new CustomsOffice("HN-GIALAM", "Chi cục Hải quan Gia Lâm", Level.BRANCH, "CHQ-HN", 21.0600, 105.8945,
                        "02438271486"),
                new CustomsOffice("HN-LONGBIEN", "Chi cục Hải quan Long Biên", Level.BRANCH, "CHQ-HN", 21.0350,
                        105.9135, "02436740350")).stream().map(Json::write).collect(Collectors.joining("\n")));
        assertThat(Cargowatch.run("feed", "--from", offices.toString(), "--config", config.toString())).isZero();
        Alert alert = new Alert(ID, AlertType.WRONG_ROUTE, AlertType.WRONG_ROUTE.severity(), "TRIP-7",
                "860000000000001", "MSCU1234565", START, START.plusSeconds(120), null, 21.0200, 105.9030, "HN-GIALAM",
                "CHQ-HN", new NearestOffice("HN-LONGBIEN", "Chi cục Hải quan Long Biên", 2.0),
                AlertDetails.builder().distanceMeters(800.0).build(), AlertState.ACKNOWLEDGED);
        AlertHistoryEntry acknowledged = new AlertHistoryEntry(ID, Action.ACK, "Nguyễn Văn An", "HN-GIALAM",
                Instant.parse("2026-11-22T08:30:00Z"), "đã gọi lái xe", null, AlertState.OPEN, AlertState.ACKNOWLEDGED);
        List<CqlWrite> writes = new ArrayList<>(TopicMappings.of(Topic.ALERTS).writes(alert));
        writes.addAll(TopicMappings.of(Topic.ALERTS).writes(new Alert(CLICKED_TWICE, alert.type(), alert.severity(),
                "TRIP-8", alert.imei(), "MSCU7654321", START, START.plusSeconds(120), null, alert.lat(), alert.lon(),
                alert.branchCode(), alert.departmentCode(), alert.nearestOffice(), alert.details(), null)));
        writes.addAll(TopicMappings.of(Topic.ALERTS_HISTORY).writes(acknowledged));
        try (CqlSession session = CassandraSessions.open(ConfigFile.cassandra(config))) {
            for (CqlWrite write : writes) {
                session.execute(session.prepare(write.statement().cql()).bind(write.values().toArray()));
            }
        }
    }

    @AfterAll
    static void stopServers() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldPublishAnEscalationToKafkaKeyedByTheAlert() throws Exception {
        int exit = run("alert", "escalate", ID, "--by", "Nguyễn Văn An", "--unit", "HN-GIALAM", "--to", "HN-LONGBIEN",
                "--at", "2026-11-22T08:45:00Z", "--config", config.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("alert " + ID + ": ACKNOWLEDGED -> ESCALATED")
                .contains("Kafka topic alerts.actions");
        List<ConsumerRecord<String, String>> published = readAll(Topic.ALERTS_ACTIONS.name()).stream()
                .filter(record -> !record.key().equals(CLICKED_TWICE)).toList();
        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(ID);
            assertThat(Json.read(record.value(), AlertAction.class)).isEqualTo(new AlertAction(ID, Action.ESCALATE,
                    "Nguyễn Văn An", "HN-GIALAM", Instant.parse("2026-11-22T08:45:00Z"), null, "HN-LONGBIEN"));
        });
    }

    @Test
    void shouldRefuseASecondAckPublishedBeforeThePipelineAppliedTheFirst() {
        int first = run("alert", "ack", CLICKED_TWICE, "--by", "Nguyễn Văn An", "--unit", "HN-GIALAM",
                "--config", config.toString());
        int second = run("alert", "ack", CLICKED_TWICE, "--by", "Trần Thị Bình", "--unit", "HN-GIALAM",
                "--config", config.toString());
        int shown = run("alert", "show", CLICKED_TWICE, "--config", config.toString());

        assertThat(first).as(err.toString()).isZero();
        assertThat(second).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("cargowatch: ACK refused, not published: the alert is already acknowledged");
        assertThat(readAll(Topic.ALERTS_ACTIONS.name())).filteredOn(record -> record.key().equals(CLICKED_TWICE))
                .hasSize(1);
        assertThat(shown).isZero();
        assertThat(out.toString()).contains("ACK  published, not applied yet  by Nguyễn Văn An (HN-GIALAM)");
    }

    @Test
    void shouldShowTheHistoryFromCassandraAndTheProposalFromTheOfficesTopic() {
        int exit = run("alert", "show", ID, "--config", config.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("  state      ACKNOWLEDGED\n")
                .contains("  nearest    Chi cục Hải quan Long Biên (HN-LONGBIEN, 2.0 km)\n")
                .contains("  2026-11-22 15:30  ACK  OPEN -> ACKNOWLEDGED  by Nguyễn Văn An (HN-GIALAM)  "
                        + "\"đã gọi lái xe\"\n")
                .contains("Đề xuất: đề nghị Chi cục Hải quan Long Biên (HN-LONGBIEN), cách 2,0 km");
    }

    @Test
    void shouldSayTheAlertIsUnknownInCassandra() {
        int exit = run("alert", "ack", "nope", "--by", "An", "--unit", "HN-GIALAM", "--config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("cargowatch: unknown alert nope in Cassandra");
    }

    /**
     * The alert desk in production mode on the same Kafka and Cassandra (issue 13): users in {@code desk_users}, the
     * alerts a Branch officer and the General Department list (the latter also a gate alert of an ICD no Branch
     * lists), an action signed and published on {@code alerts.actions}, the review list read from
     * {@code gate_review_by_shift} and its confirmation on {@code gate.review.actions}, a read by hand on
     * {@code camera.recognitions}, a leader's duty roster on {@code customs.duty-roster} and read back from it.
     */
    @Test
    void shouldServeTheDeskFromCassandraAndPublishWhatItsUsersDoToKafka() throws Exception {
        String password = "mật-khẩu-của-bàn-làm-việc";
        ActionSignature.Key key = ActionSignature.key("the stack desk test's key, 32 bytes or more");
        Instant now = Instant.now();
        Instant shiftEnd = now.plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Passwords passwords = new Passwords();
        try (UserTable users = new UserTable(ConfigFile.settings(config).cassandra())) {
            for (String[] user : List.of(new String[] {"desk-an", "HN-GIALAM", "officer"},
                    new String[] {"desk-hung", "HN-GIALAM", "leader"}, new String[] {"desk-tong", "TCHQ", "officer"})) {
                users.add(new DeskUser(user[0], user[1], DeskUser.Role.parse(user[2]), passwords.hash(password), false,
                        now));
            }
        }
        Path gialamIcd = Files.createDirectories(work.resolve("offices-icd"));
        Files.writeString(gialamIcd.resolve(Topic.CUSTOMS_OFFICES.fileName()), Json.write(new CustomsOffice(
                "HN-GIALAM", "Chi cục Hải quan Gia Lâm", Level.BRANCH, "CHQ-HN", 21.0600, 105.8945, "02438271486",
                List.of("ICD-GIALAM"))));
        assertThat(Cargowatch.run("feed", "--from", gialamIcd.toString(), "--config", config.toString())).isZero();
        Alert gateAlert = new Alert(DESK_GATE_ALERT, AlertType.UNCLEARED_EXIT, AlertType.UNCLEARED_EXIT.severity(),
                null, null, "TGHU7654321", START, START, null, null, null, null, null, null,
                AlertDetails.builder().icdCode("ICD-NOBRANCH").eventId("NB-1").build(), null);
        List<CqlWrite> writes = new ArrayList<>(TopicMappings.of(Topic.ALERTS).writes(gateAlert));
        writes.addAll(TopicMappings.of(Topic.GATE_MATCHES).writes(new GateMatch("NB-1", "ICD-NOBRANCH", "G1",
                Direction.OUT, START, "TGHU7654321", null, "29C12345", GateMatch.Result.NOT_CLEARED, "D1",
                GateMatch.Barrier.HOLD, List.of("not cleared"))));
        writes.addAll(TopicMappings.of(Topic.ALERTS).writes(new Alert(DESK_ALERT, AlertType.WRONG_ROUTE,
                AlertType.WRONG_ROUTE.severity(), "TRIP-9", "860000000000009", "MSCU1111110", START,
                START.plusSeconds(120), null, 21.02, 105.90, "HN-GIALAM", "CHQ-HN", null, AlertDetails.NONE, null)));
        writes.addAll(TopicMappings.of(Topic.GATE_REVIEW).writes(ReviewItem.open("GL-CORR-1", "ICD-GIALAM",
                "ICD-GIALAM-G1", "CAM1", now.minusSeconds(600), ReviewItem.Kind.CORRECTED, "MSKU12345G5",
                "MSKU1234565", "29C12345", "check digit", shiftEnd, Direction.IN, "L1")));
        try (CqlSession session = CassandraSessions.open(ConfigFile.cassandra(config))) {
            for (CqlWrite write : writes) {
                session.execute(session.prepare(write.statement().cql()).bind(write.values().toArray()));
            }
        }
        DeskServer desk = new DeskServer(AlertStore.open(null, null, config),
                new UserTable(ConfigFile.settings(config).cassandra()), work.resolve("sms-ledger.jsonl"), null, null,
                ActionSigner.with(key), false, java.time.Clock.systemUTC());
        desk.start("127.0.0.1", 0);
        try {
            DeskHttp client = new DeskHttp(desk);
            DeskHttp.Signed an = client.signIn("desk-an", password);
            DeskHttp.Signed tong = client.signIn("desk-tong", password);
            assertThat(client.login("desk-an", "not the password").statusCode()).isEqualTo(401);

            assertThat(alertIds(client.get("/api/alerts", an.cookie()).body())).contains(DESK_ALERT, ID)
                    .doesNotContain(DESK_GATE_ALERT);
            assertThat(alertIds(client.get("/api/alerts", tong.cookie()).body())).contains(DESK_ALERT, DESK_GATE_ALERT);
            assertThat(client.postJson("/api/alerts/" + DESK_ALERT + "/actions", "{\"action\":\"ACK\"}", an.cookie(),
                    an.csrf()).statusCode()).isEqualTo(200);
            assertThat(readAll(Topic.ALERTS_ACTIONS.name())).filteredOn(record -> record.key().equals(DESK_ALERT))
                    .singleElement().satisfies(record -> {
                        AlertAction action = Json.read(record.value(), AlertAction.class);
                        assertThat(action.by()).isEqualTo("desk-an");
                        assertThat(action.byAddress()).isEqualTo("127.0.0.1");
                        assertThat(ActionSignature.problem(action, key)).isNull();
                    });

            assertThat(client.get("/api/review?shift=" + shiftEnd, an.cookie()).body()).contains("GL-CORR-1");
            assertThat(client.postJson("/api/review/actions", "{\"eventId\":\"GL-CORR-1\",\"action\":\"CONFIRM\","
                    + "\"shiftEnd\":\"" + shiftEnd + "\"}", an.cookie(), an.csrf()).statusCode()).isEqualTo(200);
            assertThat(readAll(Topic.GATE_REVIEW_ACTIONS.name())).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("GL-CORR-1");
                assertThat(ActionSignature.problem(Json.read(record.value(), ReviewAction.class), key)).isNull();
            });
            assertThat(client.postJson("/api/reads", "{\"icdCode\":\"ICD-GIALAM\",\"gateId\":\"ICD-GIALAM-G2\","
                    + "\"direction\":\"OUT\",\"containerNo\":\"MSKU1234565\",\"plate\":\"29C12345\"}", an.cookie(),
                    an.csrf()).statusCode()).isEqualTo(200);
            assertThat(readAll(Topic.CAMERA_RECOGNITIONS.name())).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("ICD-GIALAM-G2");
                assertThat(Json.read(record.value(), Recognition.class).enteredBy()).isEqualTo("desk-an");
            });

            DeskHttp.Signed hung = client.signIn("desk-hung", password);
            String shift = "{\"unitCode\":\"HN-GIALAM\",\"shiftStart\":\"" + now.minusSeconds(3600)
                    + "\",\"shiftEnd\":\"" + now.plusSeconds(3600) + "\",\"phones\":[\"84912345678\"]}";
            assertThat(client.postJson("/api/roster", shift, hung.cookie(), hung.csrf()).statusCode()).isEqualTo(200);
            assertThat(readAll(Topic.CUSTOMS_DUTY_ROSTER.name())).extracting(ConsumerRecord::key)
                    .containsExactly("HN-GIALAM");
            assertThat(client.get("/api/roster", an.cookie()).body()).contains("84912345678");
        } finally {
            desk.stop();
        }
    }

    private static List<String> alertIds(String json) throws Exception {
        List<String> ids = new ArrayList<>();
        Json.mapper().readTree(json).forEach(alert -> ids.add(alert.path("alertId").asText()));
        return ids;
    }

    private int run(String... args) {
        return Cargowatch.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
