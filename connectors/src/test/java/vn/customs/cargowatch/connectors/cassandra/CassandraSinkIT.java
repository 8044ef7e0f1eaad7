package vn.customs.cargowatch.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.DoorState;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.NearestOffice;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TrackPoint;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.YardEntry;
import vn.customs.cargowatch.servers.CassandraServer;
import vn.customs.cargowatch.servers.Launch;

/**
 * A real Cassandra: the schema applies (twice, idempotently), a Flink job writes a few hundred records of every
 * output topic, versions included, twice — and CQL reads back exactly the latest version of each, once. Then
 * (last, as it stops the server) Cassandra is stopped for 20 s while a job writes fixes: the sink retries and
 * back-pressures the job (the source stops producing, the job keeps running), and once Cassandra is back on the
 * same port every fix arrives. One Cassandra for all: it takes longer to start than the tests take to run.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraSinkIT {

    private static final String KEYSPACE = "cargowatch_it";

    // The outage: a job writes FIXES fixes at FIXES_PER_SECOND; Cassandra is stopped for OUTAGE meanwhile.
    private static final int FIXES = 2000;
    private static final int FIXES_PER_SECOND = 300;
    private static final int MAX_IN_FLIGHT = 8;
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    /** How many fixes the outage test's source has produced: the test and the MiniCluster share this JVM. */
    static final AtomicLong GENERATED = new AtomicLong();

    @TempDir
    static Path dataDir;

    static CassandraServer cassandra;
    static CassandraSettings settings;
    static CqlSession session;

    @BeforeAll
    static void startCassandraAndApplyTheSchema() throws Exception {
        long begin = System.nanoTime();
        cassandra = CassandraServer.start(dataDir.resolve("cassandra"));
        long started = System.nanoTime();
        settings = CassandraSettings.of(List.of("127.0.0.1:" + cassandra.port()), cassandra.localDatacenter(), KEYSPACE);
        int created;
        try (CqlSession admin = CassandraSessions.openWithoutKeyspace(settings)) {
            created = CassandraSchema.apply(admin, schema(), line -> {});
        }
        System.out.printf("[CassandraSinkIT] Cassandra up in %.1f s, schema (%d created) in %.1f s%n",
                seconds(begin, started), created, seconds(started, System.nanoTime()));
        assertThat(created).as("23 tables, the keyspace, 14 columns added since").isEqualTo(38);
        session = CassandraSessions.open(settings);
    }

    @AfterAll
    static void stopCassandra() {
        if (session != null) {
            session.close();
        }
        if (cassandra != null) {
            cassandra.kill();
        }
    }

    @Test
    @Order(1)
    void shouldLeaveTheSchemaAsItIsWhenAppliedAgain() throws Exception {
        List<String> report = new ArrayList<>();
        try (CqlSession admin = CassandraSessions.openWithoutKeyspace(settings)) {
            assertThat(CassandraSchema.apply(admin, schema(), report::add)).isZero();
        }
        assertThat(report).hasSize(38).allMatch(line -> line.endsWith("exists already (left as it is)"));
        assertThat(report.get(0)).isEqualTo("keyspace " + KEYSPACE + " exists already (left as it is)");
    }

    @Test
    @Order(2)
    void shouldStoreTheLatestVersionOfEveryRecordOnceEvenWhenWrittenTwice() throws Exception {
        List<Alert> alerts = OutputRecords.alertVersions(300);
        List<TripStatus> statuses = OutputRecords.statusVersions(200);
        List<TrackPoint> track = OutputRecords.track(600);
        List<GateMatch> matches = OutputRecords.gateMatches(300);
        List<YardEntry> yard = OutputRecords.yardEntries(300);
        List<ReviewItem> review = OutputRecords.reviewItems(300);
        List<DeadLetter> deadLetters = OutputRecords.deadLetters(300);
        List<TripClosing> closings = OutputRecords.closingVersions(100);
        int records = alerts.size() + statuses.size() + track.size() + matches.size() + yard.size() + review.size()
                + deadLetters.size() + closings.size();

        for (int run = 1; run <= 2; run++) { // the second run is a replay of the first
            long begin = System.nanoTime();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            env.enableCheckpointing(500);
            CassandraOutputs outputs = new CassandraOutputs(settings);
            outputs.write(env.fromData(alerts), Topic.ALERTS);
            outputs.write(env.fromData(statuses), Topic.TRIPS_STATUS);
            outputs.write(env.fromData(track), Topic.TRIPS_TRACK);
            outputs.write(env.fromData(matches), Topic.GATE_MATCHES);
            outputs.write(env.fromData(yard), Topic.YARD_INVENTORY);
            outputs.write(env.fromData(review), Topic.GATE_REVIEW);
            outputs.write(env.fromData(deadLetters), Topic.DEADLETTER);
            outputs.write(env.fromData(closings), Topic.TRIPS_CLOSINGS);
            env.execute("cassandra sink IT, run " + run);
            System.out.printf("[CassandraSinkIT] run %d: %d records of 8 topics in %.1f s (job start included)%n",
                    run, records, seconds(begin, System.nanoTime()));
        }

        assertAlerts(OutputRecords.latest(alerts, Alert::alertId));
        assertThat(select("trip_status", CassandraSinkIT::tripStatus))
                .containsExactlyInAnyOrderElementsOf(OutputRecords.latest(statuses, TripStatus::tripId).values());
        assertThat(select("trip_track", CassandraSinkIT::trackPoint)).containsExactlyInAnyOrderElementsOf(track);
        assertThat(select("gate_matches_by_icd_day", CassandraSinkIT::gateMatch))
                .containsExactlyInAnyOrderElementsOf(matches);
        assertThat(select("yard_inventory_by_icd", row -> row.getString("icd_code") + " " + row.getString("container_no")
                + " " + row.getInstant("in_since") + " " + row.getString("declaration_no")))
                .containsExactlyInAnyOrderElementsOf(OutputRecords.latest(yard, e -> e.icdCode() + " " + e.containerNo())
                        .values().stream().filter(entry -> entry.op() == YardEntry.Op.UPSERT)
                        .map(e -> e.icdCode() + " " + e.containerNo() + " " + e.inSince() + " " + e.declarationNo())
                        .toList());
        assertThat(select("gate_review_by_shift", CassandraSinkIT::reviewItem)).containsExactlyInAnyOrderElementsOf(review);
        Map<String, TripClosing> latestClosings = OutputRecords.latest(closings, TripClosing::tripId);
        assertThat(select("trip_closing", TopicMappings::tripClosing))
                .containsExactlyInAnyOrderElementsOf(latestClosings.values());
        assertThat(select("open_closings_by_unit", row -> row.getString("trip_id") + " " + row.getString("state")))
                .containsExactlyInAnyOrderElementsOf(latestClosings.values().stream()
                        .filter(closing -> closing.state() != TripClosing.State.CLOSED)
                        .map(closing -> closing.tripId() + " " + closing.state()).toList());
        assertThat(select("deadletters_by_day", row -> new DeadLetter(row.getString("topic"), row.getString("reason"),
                row.getString("payload"), row.getInstant("ts")) + " " + row.getLocalDate("day")))
                .containsExactlyInAnyOrderElementsOf(deadLetters.stream()
                        .map(letter -> letter + " " + TopicMappings.dayOf(letter.ts())).toList());
    }

    @Test
    @Order(3)
    void shouldWriteThousandsOfFixesASecond() throws Exception {
        int count = 15_000;
        List<TrackPoint> fixes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fixes.add(new TrackPoint("LOAD-" + (i % 200), "860000000000000", OutputRecords.T0.plusSeconds(30L * i),
                    21 + i * 1e-5, 106 + i * 1e-5, 50.0, 12.0, null, DoorState.CLOSED));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1000);
        new CassandraOutputs(settings).write(env.fromData(fixes), Topic.TRIPS_TRACK);

        long begin = System.nanoTime();
        env.execute("cassandra sink IT, throughput");
        double seconds = seconds(begin, System.nanoTime());

        long stored = session.execute("SELECT COUNT(*) FROM trip_track WHERE trip_id IN ('LOAD-0', 'LOAD-199')")
                .one().getLong(0);
        assertThat(stored).isEqualTo(2L * count / 200);
        System.out.printf("[CassandraSinkIT] throughput: %d fixes in %.1f s = %.0f records/s "
                + "(parallelism 2, maxInFlight %d, job start included)%n", count, seconds, count / seconds,
                settings.maxInFlight());
    }

    @Test
    @Order(4)
    void shouldBackPressureWhileCassandraIsDownAndLoseNothing() throws Exception {
        // Small network buffers, so that back-pressure reaches the source within a few hundred records.
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.MEMORY_SEGMENT_SIZE, MemorySize.parse("4kb"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        env.enableCheckpointing(1000);
        DataStream<TrackPoint> fixes = env.fromSource(new DataGeneratorSource<>(new Fixes(), FIXES,
                        RateLimiterStrategy.perSecond(FIXES_PER_SECOND), TypeInformation.of(TrackPoint.class)),
                WatermarkStrategy.noWatermarks(), "fixes");
        new CassandraOutputs(outageSettings()).write(fixes, Topic.TRIPS_TRACK);

        long begin = System.nanoTime();
        JobClient job = env.executeAsync("cassandra outage IT");
        boolean done = false;
        try {
            runOutage(job, begin);
            done = true;
        } finally {
            if (!done) { // a failed check leaves the job waiting: end it with the test
                try {
                    job.cancel().get(30, TimeUnit.SECONDS);
                } catch (Exception alreadyOver) {
                    // failed or finished on its own: nothing to end
                }
            }
        }
    }

    private static void runOutage(JobClient job, long begin) throws Exception {
        CassandraSettings outageSettings = outageSettings();
        try (CqlSession watcher = CassandraSessions.open(outageSettings)) {
            awaitStored(watcher, FIXES / 20, Duration.ofSeconds(60));
        }

        // ---- Cassandra down ----
        long down = System.nanoTime();
        long generatedBefore = GENERATED.get();
        cassandra.stop();
        long stopped = System.nanoTime();
        sleepUntil(down + OUTAGE.toNanos() / 2);
        long generatedMidway = GENERATED.get();
        assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
        sleepUntil(down + OUTAGE.toNanos());
        long generatedAtRestart = GENERATED.get();
        assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
        // Back-pressure: in the second half of the outage the source produced (next to) nothing.
        assertThat(generatedAtRestart - generatedMidway).isLessThan(FIXES_PER_SECOND);
        assertThat(generatedAtRestart).isLessThan(FIXES);

        // ---- Cassandra back, same port and data ----
        cassandra = CassandraServer.start(dataDir.resolve("cassandra"), new Launch(cassandra.port(), false));
        long up = System.nanoTime();
        job.getJobExecutionResult().get(120, TimeUnit.SECONDS);
        long done = System.nanoTime();

        Set<String> stored = new HashSet<>();
        try (CqlSession reader = CassandraSessions.open(outageSettings)) {
            reader.execute("SELECT trip_id, ts FROM trip_track WHERE trip_id IN " + Fixes.TRIPS).forEach(row ->
                    stored.add(row.getString("trip_id") + " " + row.getInstant("ts").toEpochMilli()));
        }
        Set<String> expected = new HashSet<>();
        for (long i = 0; i < FIXES; i++) {
            TrackPoint fix = Fixes.fix(i);
            expected.add(fix.tripId() + " " + fix.ts().toEpochMilli());
        }
        assertThat(stored).isEqualTo(expected);
        System.out.printf("[CassandraSinkIT] outage: %d fixes produced before the stop, which took %.1f s; "
                        + "Cassandra unavailable %.1f s (from %.1f s to %.1f s into the job); the source produced %d "
                        + "while it was down (%d in the second half of the outage); job done %.1f s after Cassandra "
                        + "was back (%.0f records/s catching up); all %d fixes stored, once; whole job %.1f s%n",
                generatedBefore, seconds(down, stopped), seconds(down, up), seconds(begin, down), seconds(begin, up),
                generatedAtRestart - generatedBefore, generatedAtRestart - generatedMidway, seconds(up, done),
                (FIXES - generatedAtRestart) / seconds(up, done), FIXES, seconds(begin, done));
    }

    /** While Cassandra is down, at most 8 writes wait for it; then the writer waits, and the job with it. */
    private static CassandraSettings outageSettings() {
        return settings.withMaxInFlight(MAX_IN_FLIGHT)
                .withRetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static void awaitStored(CqlSession session, long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (session.execute("SELECT COUNT(*) FROM trip_track WHERE trip_id IN " + Fixes.TRIPS).one().getLong(0)
                < count) {
            assertThat(deadline - System.nanoTime()).as("%d fixes stored within %s", count, timeout).isPositive();
            Thread.sleep(100);
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(wait));
        }
    }

    /** Fix {@code i}: ten trips, one fix every 30 s each. */
    static final class Fixes implements GeneratorFunction<Long, TrackPoint> {
        static final String TRIPS = "('OUTAGE-0', 'OUTAGE-1', 'OUTAGE-2', 'OUTAGE-3', 'OUTAGE-4', 'OUTAGE-5', "
                + "'OUTAGE-6', 'OUTAGE-7', 'OUTAGE-8', 'OUTAGE-9')";

        @Override
        public TrackPoint map(Long index) {
            GENERATED.incrementAndGet();
            return fix(index);
        }

        static TrackPoint fix(long i) {
            return new TrackPoint("OUTAGE-" + (i % 10), "86000000000000" + (i % 10),
                    OutputRecords.T0.plusSeconds(3 * i), 21 + i * 1e-5, 106 + i * 1e-5, 45.0, 10.0, null,
                    DoorState.CLOSED);
        }
    }

    // ---- reading back ----

    private static void assertAlerts(Map<String, Alert> latest) {
        assertThat(select("alerts_by_id", CassandraSinkIT::alert)).containsExactlyInAnyOrderElementsOf(latest.values());
        assertThat(select("alerts_by_day", row -> row.getLocalDate("day") + " " + row.getString("alert_id") + " "
                + row.getString("state") + " " + row.getInstant("end_ts")))
                .containsExactlyInAnyOrderElementsOf(latest.values().stream().map(alert ->
                        TopicMappings.dayOf(alert.startTs()) + " " + alert.alertId() + " " + alert.state() + " "
                                + alert.endTs()).toList());
        assertThat(select("alerts_by_trip", row -> row.getString("trip_id") + " " + row.getString("alert_id")))
                .containsExactlyInAnyOrderElementsOf(latest.values().stream().filter(alert -> alert.tripId() != null)
                        .map(alert -> alert.tripId() + " " + alert.alertId()).toList());
        List<String> open = new ArrayList<>();
        latest.values().stream().filter(alert -> alert.state() != AlertState.RESOLVED
                && alert.state() != AlertState.CLOSED).forEach(alert ->
                TopicMappings.Alerts.units(alert).forEach(unit -> open.add(unit + " " + alert.alertId())));
        assertThat(open).hasSizeGreaterThan(100);
        assertThat(latest.values()).anyMatch(alert -> alert.state() == AlertState.RESOLVED)
                .anyMatch(alert -> alert.state() == AlertState.CLOSED);
        assertThat(select("open_alerts_by_unit", row -> row.getString("unit_code") + " " + row.getString("alert_id")))
                .containsExactlyInAnyOrderElementsOf(open);
    }

    private static <T> List<T> select(String table, Function<Row, T> read) {
        return session.execute("SELECT * FROM " + table).all().stream().map(read).toList();
    }

    private static Alert alert(Row row) {
        String details = row.getString("details");
        String office = row.getString("nearest_office_code");
        try {
            return new Alert(row.getString("alert_id"), AlertType.valueOf(row.getString("type")),
                    AlertType.Severity.valueOf(row.getString("severity")), row.getString("trip_id"),
                    row.getString("imei"), row.getString("container_no"), row.getInstant("start_ts"),
                    row.getInstant("detected_at"), row.getInstant("end_ts"), boxed(row, "lat"), boxed(row, "lon"),
                    row.getString("branch_code"), row.getString("department_code"),
                    office == null ? null : new NearestOffice(office, row.getString("nearest_office_name"),
                            row.getDouble("nearest_office_km")),
                    details == null ? null : Json.read(details, AlertDetails.class),
                    AlertState.valueOf(row.getString("state")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static TripStatus tripStatus(Row row) {
        return TopicMappings.tripStatus(row);
    }

    private static TrackPoint trackPoint(Row row) {
        return TopicMappings.trackPoint(row);
    }

    private static GateMatch gateMatch(Row row) {
        assertThat(row.getLocalDate("day")).isEqualTo(TopicMappings.dayOf(row.getInstant("ts")));
        return new GateMatch(row.getString("event_id"), row.getString("icd_code"), row.getString("gate_id"),
                Recognition.Direction.valueOf(row.getString("direction")), row.getInstant("ts"),
                row.getString("container_no"), row.getString("container_no_read"), row.getString("plate"),
                GateMatch.Result.valueOf(row.getString("result")), row.getString("declaration_no"),
                GateMatch.Barrier.valueOf(row.getString("barrier")), row.getList("reasons", String.class));
    }

    private static ReviewItem reviewItem(Row row) {
        return TopicMappings.reviewItem(row);
    }

    private static Double boxed(Row row, String column) {
        return row.isNull(column) ? null : row.getDouble(column);
    }

    static List<String> schema() throws Exception {
        return CassandraSchema.statements(Files.readString(CassandraSchemaTest.SCRIPT),
                CassandraSchema.placeholders(KEYSPACE, 1));
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
