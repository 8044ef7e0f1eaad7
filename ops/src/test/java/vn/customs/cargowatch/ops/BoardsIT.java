package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.connectors.kafka.KafkaInputs;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.dashboards.Dashboards;
import vn.customs.cargowatch.ops.embedded.LocalJobRunner;
import vn.customs.cargowatch.ops.report.ReportFiles;
import vn.customs.cargowatch.ops.simulator.SealTrafficSimulator;
import vn.customs.cargowatch.servers.CassandraServer;
import vn.customs.cargowatch.servers.KafkaServer;
import vn.customs.cargowatch.servers.Launch;
import vn.customs.cargowatch.servers.Ports;
import vn.customs.cargowatch.servers.PrometheusServer;

/**
 * The boards and the operators' rules against real datasources. Cassandra (a child JVM) is filled by a real
 * {@code replay --cassandra --overwrite cargowatch} of a simulated day with some bad lines (and a replay without
 * {@code --overwrite} of another day goes to a keyspace of its own); the same day is fed to a real Kafka and a
 * running production job ({@code run}'s wiring: Kafka in, Kafka, Cassandra and SMS out, checkpoints) serves its
 * metrics to Debian's Prometheus, which scrapes it every 2 s and evaluates the operators' rules, while seal
 * fixes keep arriving (replayed, so late: they are dead letters too). Grafana
 * itself cannot run here; what it would send — every query of every board, with variables and time macros
 * substituted as Grafana and the Cassandra plugin do — is sent to the real servers instead. The day comes with its
 * closings and two findings of the desk, so the officers' reports (issue 14) are read from Cassandra too, and the
 * monthly board is checked to count what the monthly report counts.
 */
class BoardsIT {

    static final Instant DAY_START = Instant.parse("2026-11-21T17:00:00Z"); // 22 November 2026, 00:00 in Vietnam
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every metric family the running job must have exported before the boards are queried. */
    private static final List<String> FAMILIES = List.of("topic_records_in", "topic_kind_dead_letters",
            "type_alerts_raised", "icd_result_gate_matches", "trips_active", "stream_event_time_lag_seconds",
            "topic_cassandra_writes", "topic_cassandra_write_latency_seconds");

    @TempDir
    static Path work;

    static CassandraServer cassandra;
    static KafkaServer kafka;
    static PrometheusServer prometheus;
    static JobClient job;
    /** The boards' reader of Cassandra, as Grafana's datasource is. */
    static CqlSession session;
    static Thread trickle;
    /** A scrape of the running job's endpoint: what promtool checks. */
    static String scrape;
    /** The simulated day with its closings (two arrived trips of three inspected, nothing explained). */
    static Path input;
    /** An awaiting trip's seal alert found VIOLATION, and the one seal alert of a closed trip found NO_VIOLATION. */
    static Alert foundViolating;
    static Alert foundClean;

    @BeforeAll
    static void fillCassandraByAReplayAndScrapeARunningJob() throws Exception {
        cassandra = SharedCassandra.get();
        kafka = KafkaServer.start(work.resolve("kafka"));
        int metricsPort = Ports.free();
        prometheus = PrometheusServer.start(work.resolve("prometheus"), Launch.DEFAULT, PrometheusServer.JOB,
                List.of(Ports.HOST + ":" + metricsPort), Duration.ofSeconds(2));
        Path replayConfig = config("replay.yaml", "off", "cargowatch");
        // the running job writes a keyspace of its own: fed the same day, it would otherwise write its versions of the
        // replay's rows, and hold back the last minutes of the day (its event time stays behind the late fixes)
        Path runConfig = config("run.yaml", String.valueOf(metricsPort), "live");
        assertThat(Cargowatch.run("schema", "apply", "--config", replayConfig.toString())).isZero();
        assertThat(Cargowatch.run("schema", "apply", "--config", runConfig.toString())).isZero();
        // in the keyspace the boards' datasource is provisioned with, as the plugin's session is: the boards name none
        session = CqlSession.builder().addContactPoint(new InetSocketAddress(Ports.HOST, cassandra.port()))
                .withLocalDatacenter(cassandra.localDatacenter()).withKeyspace("cargowatch").build();

        input = work.resolve("in");
        new SealTrafficSimulator(7, 36, DAY_START).writeTo(input);
        prepend(input.resolve("seal.fixes.jsonl"), "{\"imei\": \"not a seal\"}\nnot json at all\n");
        prepend(input.resolve("camera.recognitions.jsonl"), "{\"eventId\": 42}\n");
        verifyTwoSealAlertsOnTheDesksTopic(input);
        assertThat(Cargowatch.run("replay", "--input", input.toString(), "--output", work.resolve("out").toString(),
                "--config", replayConfig.toString(), "--cassandra", "--overwrite", "cargowatch")).isZero();
        // another day, replayed without --overwrite: into a keyspace of its own
        assertThat(Cargowatch.run("replay", "--input", ReplayIT.eightTrips().writeTo(work.resolve("eight")).toString(),
                "--output", work.resolve("sandboxed").toString(), "--config", replayConfig.toString(), "--cassandra"))
                .isZero();

        assertThat(Cargowatch.run("feed", "--from", input.toString(), "--config", runConfig.toString())).isZero();
        ConfigFile.Settings settings = ConfigFile.settings(runConfig);
        RunCommand.createMissingInputTopics(kafka.bootstrapServers());
        job = LocalJobRunner.start(new KafkaInputs(settings.kafka()), RunCommand.outputs(settings),
                settings.seal(), settings.gate(), settings.sms(), "cargowatch", RunCommand.flinkSettings(settings, null));
        awaitEveryFamilyAndACheckpoint(Duration.ofSeconds(120));
        trickle = new Thread(() -> trickle(input.resolve("seal.fixes.jsonl")), "trickle");
        trickle.setDaemon(true);
        trickle.start();
        Thread.sleep(6_000); // a few scrapes with traffic flowing
        scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + Ports.HOST + ":" + metricsPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @AfterAll
    static void stopJobAndServers() throws Exception {
        if (trickle != null) {
            trickle.interrupt();
            trickle.join(5_000);
        }
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (session != null) {
            session.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static Path config(String name, String metricsPort, String keyspace) throws Exception {
        return Files.writeString(work.resolve(name), String.join("\n",
                "kafka:",
                "  bootstrapServers: " + kafka.bootstrapServers(),
                "  groupId: boards",
                "  startFrom: earliest",
                "  idleTimeout: 2 s",
                "checkpoint:",
                "  interval: 2 s",
                "  dir: " + work.resolve("checkpoints"),
                "cassandra:",
                "  contactPoints: 127.0.0.1:" + cassandra.port(),
                "  localDatacenter: " + cassandra.localDatacenter(),
                "  keyspace: " + keyspace,
                "metrics:",
                "  port: " + metricsPort,
                "prometheus:",
                "  url: " + prometheus.url(),
                ""));
    }

    /** Seal fixes again, 20 a second, until interrupted: live traffic for the boards' rates. */
    private static void trickle(Path fixes) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            for (String line : Files.readAllLines(fixes)) {
                producer.send(new ProducerRecord<>(Topic.SEAL_FIXES.name(), line));
                Thread.sleep(50);
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void prepend(Path file, String lines) throws Exception {
        Files.writeString(file, lines + Files.readString(file));
    }

    private static void awaitEveryFamilyAndACheckpoint(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> missing = FAMILIES;
        double checkpoints = 0;
        while (System.nanoTime() < deadline) {
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode series : seriesAt("count by (__name__) ({__name__=~\".+_cargowatch_.+\"})", Instant.now())) {
                names.add(series.path("metric").path("__name__").asText());
            }
            missing = FAMILIES.stream()
                    .filter(family -> !names.contains("flink_taskmanager_job_task_operator_cargowatch_" + family)
                            && !names.contains("flink_taskmanager_job_task_operator_cargowatch_" + family + "_count"))
                    .toList();
            JsonNode completed = seriesAt("max(flink_jobmanager_job_numberOfCompletedCheckpoints)", Instant.now());
            checkpoints = completed.isEmpty() ? 0 : completed.get(0).path("value").get(1).asDouble();
            if (missing.isEmpty() && checkpoints >= 1) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("after " + timeout + " the running job (" + job.getJobStatus().get()
                + ") still lacks " + missing + " and has " + checkpoints + " completed checkpoints");
    }

    @Test
    void shouldExportOurMetricsSoThatPromtoolFindsNothingToLint() throws Exception {
        assertThat(scrape).as("a scrape of the running job").isNotNull();
        List<String> ours = scrape.lines().filter(line -> line.contains("_cargowatch_")).toList();

        assertThat(ours).anyMatch(line -> line.startsWith("flink_taskmanager_job_task_operator_cargowatch_"));
        assertThat(promtoolCheckMetrics(String.join("\n", ours) + "\n")).isEmpty();
        // Flink's own metrics are named in camelCase (numRecordsIn, ...): that is all promtool finds in the rest.
        // What promtool finds in the rest concerns Flink's and the Kafka client's own names (numRecordsIn,
        // KafkaProducer_..._total exported as gauges), which we cannot rename.
        assertThat(promtoolCheckMetrics(scrape)).isNotEmpty()
                .allMatch(finding -> finding.startsWith("flink_"))
                .noneMatch(finding -> finding.contains("_cargowatch_"));
    }

    @Test
    void shouldLabelOurMetricsOnlyWithLowCardinalityLabels() {
        Set<String> flinkLabels = Set.of("job_id", "job_name", "task_id", "task_name", "task_attempt_id",
                "task_attempt_num", "subtask_index", "operator_id", "operator_name", "host", "tm_id", "quantile");
        Set<String> ourLabels = new LinkedHashSet<>();
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
        scrape.lines().filter(line -> line.startsWith("flink_taskmanager_job_task_operator_cargowatch_"))
                .forEach(line -> {
                    Matcher matcher = label.matcher(line.substring(line.indexOf('{'), line.lastIndexOf('}')));
                    while (matcher.find()) {
                        if (!flinkLabels.contains(matcher.group(1))) {
                            ourLabels.add(matcher.group(1));
                        }
                    }
                });

        assertThat(ourLabels).isSubsetOf("topic", "kind", "type", "icd", "result", "stream", "state", "reason")
                .contains("topic", "kind", "type", "icd", "result", "stream");
    }

    @Test
    void shouldAnswerEveryRecordingRuleWithASeries() throws Exception {
        JsonNode groups = prometheusGet("/api/v1/rules").path("data").path("groups");
        List<String> recorded = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                if ("recording".equals(rule.path("type").asText())) {
                    recorded.add(rule.path("query").asText());
                }
            }
        }

        assertThat(recorded).hasSizeGreaterThanOrEqualTo(5);
        for (String expression : recorded) {
            assertThat(seriesAt(expression, Instant.now())).as(expression + " — samples in the last 5 min: "
                    + seriesAt("count_over_time(flink_taskmanager_job_task_operator_cargowatch_topic_records_in[5m])",
                            Instant.now())).isNotEmpty();
        }
    }

    @Test
    void shouldAnswerEveryPromqlExpressionOfTheBoardsWithASeries() throws Exception {
        Map<String, Object> variables = Map.of("topic", Topic.INPUTS.stream().map(Topic::name).toList(),
                "icd", values("SELECT unit_code FROM cargowatch.units_by_level WHERE level = 'ICD'"));
        List<Dashboards.Query> queries = Dashboards.queries().stream()
                .filter(query -> query.datasourceType().equals("prometheus")).toList();

        assertThat(queries).hasSizeGreaterThanOrEqualTo(15);
        for (Dashboards.Query query : queries) {
            String expression = Dashboards.promql(query.text(), variables, Duration.ofMinutes(5));
            assertThat(seriesAt(expression, Instant.now())).as(query.dashboardUid() + " / " + query.panelTitle()
                    + ": " + expression).isNotEmpty();
        }
    }

    @Test
    void shouldShowTheRunningJobAsRunningOnTheJobTile() throws Exception {
        Dashboards.Query tile = Dashboards.queries().stream()
                .filter(query -> query.dashboardUid().equals("cargowatch-health") && query.panelTitle().equals("Job"))
                .findFirst().orElseThrow();

        JsonNode answer = seriesAt(tile.text(), Instant.now());

        assertThat(answer).as(tile.text()).hasSize(1);
        assertThat(answer.get(0).path("value").get(1).asDouble()).as("RUNNING").isEqualTo(1.0);
    }

    @Test
    void shouldWriteAReplayWithoutOverwriteIntoAKeyspaceOfItsOwnAndLeaveTheProductionTablesAlone() throws Exception {
        Set<String> replayed = new OutputFolder(work.resolve("sandboxed")).finalAlerts().keySet();

        assertThat(replayed).isNotEmpty();
        assertThat(values("SELECT alert_id FROM cargowatch_replay.alerts_by_id"))
                .containsExactlyInAnyOrderElementsOf(replayed);
        assertThat(values("SELECT alert_id FROM cargowatch.alerts_by_id")).as("the production tables")
                .isNotEmpty().doesNotContainAnyElementsOf(replayed);
    }

    /**
     * Every CQL query of the boards, its variables first (their values are what their own queries return),
     * runs on the replayed day and returns rows with the columns its panel needs.
     */
    @Test
    void shouldAnswerEveryCqlQueryOfTheBoardsWithTheColumnsItsPanelNeeds() throws Exception {
        Map<String, Object> variables = new HashMap<>();
        variables.put("department", values("SELECT unit_code FROM cargowatch.units_by_level WHERE level = 'DEPARTMENT'"));
        variables.put("branch", values("SELECT unit_code FROM cargowatch.units_by_level WHERE level = 'BRANCH'"));
        variables.put("icd", values("SELECT unit_code FROM cargowatch.units_by_level WHERE level = 'ICD'"));
        variables.put("topic", Topic.INPUTS.stream().map(Topic::name).toList());
        variables.put("trip", tripWithMostAlerts());
        Instant dayEnd = DAY_START.plus(Duration.ofDays(1)).minusMillis(1);
        List<Dashboards.Query> queries = Dashboards.queries().stream()
                .filter(query -> query.datasourceType().equals("hadesarchitect-cassandra-datasource")).toList();

        assertThat(queries).hasSizeGreaterThanOrEqualTo(25);
        assertThat((List<?>) variables.get("department")).isNotEmpty();
        assertThat((List<?>) variables.get("branch")).isNotEmpty();
        assertThat((List<?>) variables.get("icd")).isNotEmpty();
        for (Dashboards.Query query : queries) {
            // The health board's dead letters are stamped when rejected (now); the others show the replayed day.
            boolean now = query.dashboardUid().equals("cargowatch-health");
            Map<String, Object> scoped = new HashMap<>(variables);
            if (query.dashboardUid().equals("cargowatch-monthly")) {
                // a Department with violating containers that month, so that every panel has rows to show
                scoped.put("department", values("SELECT department_code FROM cargowatch.seal_counts_by_month WHERE "
                        + "month = '2026-11' AND kind = 'VIOLATING' LIMIT 1").get(0));
            }
            String cql = Dashboards.cql(query.text(), scoped, now ? Instant.now().minus(Duration.ofHours(1))
                    : DAY_START, now ? Instant.now() : dayEnd);
            String what = query.dashboardUid() + " / " + query.panelTitle() + ": " + cql;
            List<Row> rows = session.execute(cql).all();
            assertThat(rows).as(what).isNotEmpty();
            assertColumnsFit(panelOf(query), rows.get(0).getColumnDefinitions(), what);
        }
    }

    /**
     * The monthly report (3740 Phụ lục IV) read from Cassandra — where the replay and the running job both wrote the
     * day — says what the same report read from the replay's files says, with the desk's two findings: the awaiting
     * trip's container violating by its VIOLATION finding, the closed trip's not, its one seal alert found
     * NO_VIOLATION though nothing was explained at the closing. The monthly board's queries count exactly the report's
     * figures, national and for each Department, and list its violating containers.
     */
    @Test
    void shouldCountTheMonthFromCassandraAsTheReplayWithTheDesksFindingsAndShowItOnTheMonthlyBoard() throws Exception {
        List<Map<String, String>> fromFiles = reportCsv("monthly", "--month", "2026-11", "--input", input.toString(),
                "--output", work.resolve("out").toString());
        List<Map<String, String>> fromCassandra = reportCsv("monthly", "--month", "2026-11", "--config",
                work.resolve("replay.yaml").toString());

        assertThat(fromCassandra).isEqualTo(fromFiles);
        List<String> violating = fromFiles.stream().map(row -> row.get("violating_containers"))
                .filter(text -> !text.isEmpty()).flatMap(text -> List.of(text.split(";")).stream()).sorted().toList();
        assertThat(violating).as("found VIOLATION, though its trip is not closed yet")
                .contains(foundViolating.containerNo())
                .as("its one seal alert found NO_VIOLATION, though closed without an explanation")
                .doesNotContain(foundClean.containerNo());
        assertThat(fromFiles.stream().mapToInt(row -> Integer.parseInt(row.get("violating"))).sum())
                .isEqualTo(violating.size());
        OutputFolder replayed = new OutputFolder(work.resolve("out"));
        assertThat(fromFiles.stream().mapToInt(row -> Integer.parseInt(row.get("received"))).sum())
                .as("every trip that arrived, at its destination")
                .isEqualTo(replayed.records(Topic.TRIPS_CLOSINGS).stream().map(TripClosing::tripId).distinct().count());

        Map<String, Long> counted = new TreeMap<>();
        for (Map<String, String> row : fromFiles) {
            for (String kind : List.of("attached", "received", "violating")) {
                long count = Long.parseLong(row.get(kind));
                if (count > 0) {
                    counted.put(kind.toUpperCase(Locale.ROOT) + " " + row.get("department_code") + " "
                            + row.get("branch_code") + " " + row.get("regime_column"), count);
                }
            }
        }
        List<Dashboards.Query> counts = monthlyBoard().stream()
                .filter(query -> query.text().contains("count(*) AS seals")).toList();
        assertThat(counts).as("the national chart and table, the Department's table").hasSize(3);
        for (Dashboards.Query query : counts) {
            if (!query.variables().contains("department")) {
                assertThat(boardCounts(query, Map.of())).as(query.panelTitle()).isEqualTo(counted);
                continue;
            }
            for (String department : fromFiles.stream().map(row -> row.get("department_code")).distinct().toList()) {
                assertThat(boardCounts(query, Map.of("department", department))).as(department)
                        .isEqualTo(counted.entrySet().stream()
                                .filter(entry -> entry.getKey().split(" ")[1].equals(department))
                                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                                        TreeMap::new)));
            }
        }
        Dashboards.Query containers = monthlyBoard().stream()
                .filter(query -> query.text().contains("container_no, trip_id")
                        && !query.variables().contains("department"))
                .findFirst().orElseThrow();
        assertThat(monthlyRows(containers, Map.of()).stream().map(row -> row.getString("container_no")).sorted()
                .toList()).isEqualTo(violating);
    }

    /** The trip summary, the shift's journal and the camera quarter read from Cassandra say what the replay's files do. */
    @Test
    void shouldWriteTheTripSummaryTheShiftAndTheCameraQuarterFromCassandraAsFromTheReplay() throws Exception {
        String[] files = {"--input", input.toString(), "--output", work.resolve("out").toString()};
        String[] cassandraConfig = {"--config", work.resolve("replay.yaml").toString()};
        String trip = foundViolating.tripId();
        List<Map<String, String>> summary = reportCsv("trip", concat(new String[] {trip}, files));
        assertThat(summary).anySatisfy(row -> assertThat(row.get("finding")).isEqualTo("VIOLATION"));
        assertThat(reportCsv("trip", concat(new String[] {trip}, cassandraConfig))).isEqualTo(summary);

        String[] shift = {"--unit", foundViolating.branchCode(), "--at",
            DAY_START.plus(Duration.ofHours(15)).toString()};
        List<Map<String, String>> journal = reportCsv("shift", concat(shift, files));
        assertThat(journal).isNotEmpty();
        List<Map<String, String>> journalFromCassandra = reportCsv("shift", concat(shift, cassandraConfig));
        assertThat(journalFromCassandra).filteredOn(row -> row.get("section").startsWith("PIPELINE"))
                .as("Prometheus, which began today, knows no minute of that day's shift: neither up nor down")
                .singleElement().satisfies(row -> assertThat(row.get("type") + "/" + row.get("count")).isEqualTo("0/0"));
        assertThat(journalFromCassandra).filteredOn(row -> !row.get("section").startsWith("PIPELINE"))
                .isEqualTo(journal);

        // the shift under way now: whether the pipeline ran, as the real Prometheus saw the running job
        List<Map<String, String>> now = reportCsv("shift", concat(new String[] {"--unit", foundViolating.branchCode(),
            "--at", Instant.now().toString()}, cassandraConfig));
        assertThat(now).filteredOn(row -> row.get("section").equals("PIPELINE")).singleElement().satisfies(row -> {
            assertThat(Long.parseLong(row.get("type"))).as("minutes Prometheus knows").isPositive();
            assertThat(Long.parseLong(row.get("count"))).as("minutes up").isBetween(0L, Long.parseLong(row.get("type")));
        });

        // the camera quarter's period ends where the data does: the replay's last event, production's now; so its
        // uptime differs, and what was counted does not
        Set<String> counted = Set.of("quarter", "department_code", "branch_code", "icd_code", "camera_id", "gate_id",
                "recognitions", "complete", "completeness_pct", "incidents");
        List<Map<String, String>> cameras = columns(reportCsv("quarterly-cameras", "--quarter", "2026-Q4", files[0],
                files[1], files[2], files[3]), counted);
        assertThat(cameras).anySatisfy(row -> assertThat(Integer.parseInt(row.get("recognitions"))).isPositive());
        assertThat(columns(reportCsv("quarterly-cameras", "--quarter", "2026-Q4", cassandraConfig[0],
                cassandraConfig[1]), counted)).isEqualTo(cameras);
    }

    private static void assertColumnsFit(JsonNode panel, ColumnDefinitions columns, String what) {
        String panelType = panel == null ? "variable" : panel.path("type").asText();
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        columns.forEach(column -> {
            names.add(column.getName().asInternal());
            types.add(column.getType());
        });
        Set<DataType> numbers = Set.of(DataTypes.INT, DataTypes.BIGINT, DataTypes.DOUBLE, DataTypes.FLOAT,
                DataTypes.COUNTER, DataTypes.DECIMAL, DataTypes.VARINT, DataTypes.SMALLINT, DataTypes.TINYINT);
        switch (panelType) {
            case "variable" -> assertThat(types.get(0)).as(what + " — a variable's values are text")
                    .isEqualTo(DataTypes.TEXT);
            case "geomap" -> assertThat(names).as(what + " — a map needs lat and lon")
                    .anyMatch(name -> name.contains("lat")).anyMatch(name -> name.contains("lon"));
            case "timeseries" -> {
                assertThat(types.get(0)).as(what + " — the plugin splits series by a text id first")
                        .isEqualTo(DataTypes.TEXT);
                assertThat(types).as(what + " — a time and a number").contains(DataTypes.TIMESTAMP)
                        .anyMatch(numbers::contains);
            }
            case "state-timeline" -> {
                assertThat(types.get(0)).as(what + " — a text id first").isEqualTo(DataTypes.TEXT);
                assertThat(types).as(what + " — a time").contains(DataTypes.TIMESTAMP);
            }
            case "stat", "bargauge", "barchart" -> {
                // A number to show, or rows the panel counts (a count reduction, a group-by transformation).
                String counting = panel.path("options").path("reduceOptions").path("calcs").toString()
                        + panel.path("transformations").toString();
                if (!counting.contains("\"count\"") && !counting.contains("groupBy")
                        && !counting.contains("groupingToMatrix")) {
                    assertThat(types).as(what + " — a number to show").anyMatch(numbers::contains);
                }
                String fields = panel.path("options").path("reduceOptions").path("fields").asText();
                if (fields.startsWith("/^")) {
                    Pattern selected = Pattern.compile(fields.substring(1, fields.length() - 1));
                    assertThat(names).as(what + " — the fields the panel shows: " + fields)
                            .anyMatch(name -> selected.matcher(name).matches());
                }
            }
            default -> assertThat(names).as(what).isNotEmpty();
        }
    }

    /** The panel a query belongs to; null for a variable's query. */
    private static JsonNode panelOf(Dashboards.Query query) {
        if (query.panelTitle().startsWith("$")) {
            return null;
        }
        Dashboards.Board board = Dashboards.load().stream().filter(b -> b.uid().equals(query.dashboardUid()))
                .findFirst().orElseThrow();
        return Dashboards.panels(board.json()).stream()
                .filter(panel -> panel.path("title").asText().equals(query.panelTitle())).findFirst().orElseThrow();
    }

    private static List<String> values(String cql) {
        return session.execute(cql).all().stream().map(row -> row.getString(0)).toList();
    }

    private static String tripWithMostAlerts() {
        return session.execute("SELECT trip_id, alert_count FROM cargowatch.trip_status").all().stream()
                .max(Comparator.comparingInt(row -> row.getInt("alert_count")))
                .map(row -> row.getString("trip_id")).orElseThrow();
    }

    // ---- the reports ----

    /**
     * Picks from a first replay of the day an awaiting trip's seal alert and the one seal alert of a closed trip, and
     * records on the desk's topic (the input's alerts.actions) each acknowledged and verified by its Branch: VIOLATION,
     * NO_VIOLATION. Each within the day, so that the input ends where it did.
     */
    private static void verifyTwoSealAlertsOnTheDesksTopic(Path input) throws Exception {
        Path firstLook = work.resolve("first-look");
        assertThat(Cargowatch.run("replay", "--input", input.toString(), "--output", firstLook.toString())).isZero();
        OutputFolder out = new OutputFolder(firstLook);
        Map<String, TripClosing> closings = new HashMap<>();
        out.records(Topic.TRIPS_CLOSINGS).forEach(closing -> closings.put(closing.tripId(), closing));
        Map<String, Alert> alerts = new TreeMap<>();
        out.records(Topic.ALERTS).forEach(alert -> alerts.put(alert.alertId(), alert));
        Map<String, List<Alert>> sealAlertsByTrip = alerts.values().stream()
                .filter(alert -> alert.tripId() != null && !alert.type().ofGate() && alert.branchCode() != null
                        && alert.detectedAt() != null
                        && alert.detectedAt().isBefore(DAY_START.plus(Duration.ofHours(18))))
                .collect(Collectors.groupingBy(Alert::tripId, TreeMap::new, Collectors.toList()));
        foundViolating = sealAlertsByTrip.entrySet().stream()
                .filter(trip -> closings.containsKey(trip.getKey())
                        && closings.get(trip.getKey()).state() == TripClosing.State.AWAITING)
                .map(trip -> trip.getValue().get(0)).findFirst().orElseThrow();
        foundClean = sealAlertsByTrip.entrySet().stream()
                .filter(trip -> trip.getValue().size() == 1 && closings.containsKey(trip.getKey())
                        && closings.get(trip.getKey()).state() == TripClosing.State.CLOSED)
                .map(trip -> trip.getValue().get(0)).findFirst().orElseThrow();
        List<AlertAction> actions = new ArrayList<>();
        for (Alert alert : List.of(foundViolating, foundClean)) {
            Instant at = alert.detectedAt().plus(Duration.ofMinutes(5));
            actions.add(new AlertAction(alert.alertId(), AlertAction.Action.ACK, "Nguyễn Văn An", alert.branchCode(),
                    at, "đã tiếp nhận", null));
            actions.add(new AlertAction(alert.alertId(), AlertAction.Action.VERIFY, "Nguyễn Văn An",
                    alert.branchCode(), at.plusSeconds(60), "xác minh tại hiện trường", null,
                    alert == foundViolating ? AlertAction.Finding.VIOLATION : AlertAction.Finding.NO_VIOLATION, null));
        }
        actions.sort(Comparator.comparing(AlertAction::ts));
        Files.writeString(input.resolve(Topic.ALERTS_ACTIONS.fileName()), actions.stream().map(Json::write)
                .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
    }

    /** The report as CSV rows, written by ./cargowatch report KIND ARGS. */
    private static List<Map<String, String>> reportCsv(String kind, String... args) throws Exception {
        Path out = Files.createTempFile(work, kind, ".csv");
        List<String> command = new ArrayList<>(List.of("report", kind));
        command.addAll(List.of(args));
        command.addAll(List.of("--format", "csv", "--out", out.toString()));
        StringWriter err = new StringWriter();
        assertThat(Cargowatch.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                command.toArray(String[]::new))).as(err.toString()).isZero();
        return ReportFiles.csv(out);
    }

    private static List<Dashboards.Query> monthlyBoard() {
        return Dashboards.queries().stream().filter(query -> query.dashboardUid().equals("cargowatch-monthly"))
                .toList();
    }

    /** A count query's rows, as the Phụ lục IV lines they count. */
    private static Map<String, Long> boardCounts(Dashboards.Query query, Map<String, ?> variables) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row row : monthlyRows(query, variables)) {
            counts.put(row.getString("kind") + " " + row.getString("department_code") + " "
                    + row.getString("branch_code") + " " + row.getString("regime_column"), row.getLong("seals"));
        }
        return counts;
    }

    /** A monthly board query's rows with November 2026 picked, as Grafana's time picker in Vietnam gives it. */
    private static List<Row> monthlyRows(Dashboards.Query query, Map<String, ?> variables) {
        return session.execute(Dashboards.cql(query.text(), variables, Instant.parse("2026-10-31T17:00:00Z"),
                Instant.parse("2026-11-30T16:59:59Z"))).all();
    }

    private static List<Map<String, String>> columns(List<Map<String, String>> rows, Set<String> kept) {
        List<Map<String, String>> some = new ArrayList<>();
        for (Map<String, String> row : rows) {
            Map<String, String> part = new TreeMap<>(row);
            part.keySet().retainAll(kept);
            some.add(part);
        }
        return some;
    }

    private static String[] concat(String[] first, String[] second) {
        String[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    // ---- helpers ----

    /** The series an instant query returns at {@code time}; fails if Prometheus rejects the expression. */
    static JsonNode seriesAt(String expression, Instant time) throws Exception {
        JsonNode answer = prometheusGet("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8)
                + "&time=" + time.getEpochSecond());
        assertThat(answer.path("status").asText()).as(expression + ": " + answer).isEqualTo("success");
        return answer.path("data").path("result");
    }

    static JsonNode prometheusGet(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(prometheus.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** promtool's lint findings for a scrape (one per line); empty when it passes. */
    private static List<String> promtoolCheckMetrics(String metrics) throws Exception {
        Path promtool = PrometheusServer.promtool();
        Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
                .start();
        process.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> findings = output.lines().filter(line -> !line.isBlank()).toList();
        assertThat(process.exitValue() == 0).as(output).isEqualTo(findings.isEmpty());
        return findings;
    }
}
