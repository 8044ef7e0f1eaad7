package vn.customs.cargowatch.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.Topic;

/** The CQL script splits as Cassandra reads it, and every statement the sink prepares fits its table. */
class CassandraSchemaTest {

    static final Path SCRIPT = Path.of("..", "ops", "src", "main", "resources", "cql", "cargowatch.cql");

    /** A column added to a table since its CREATE (so that an existing keyspace gets it too). */
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "^ALTER TABLE \\w+\\.(\\w+) ADD IF NOT EXISTS (\\w+) (\\w+)$");

    private static final Pattern TABLE = Pattern.compile("(?s)^CREATE TABLE IF NOT EXISTS \\w+\\.(\\w+) \\((.*)\\)"
            + "(?: WITH (.*))?$");

    @Test
    void shouldSplitOnSemicolonsOutsideQuotesAndDropComments() {
        String script = """
                -- a comment; with a semicolon and it's quote
                CREATE TABLE t (a text, b text) WITH comment = 'one; two ''quoted''';  // trailing
                /* block; comment */ INSERT INTO t (a) VALUES ('x -- not a comment');
                ;
                """;

        assertThat(CassandraSchema.split(script)).containsExactly(
                "CREATE TABLE t (a text, b text) WITH comment = 'one; two ''quoted'''",
                "INSERT INTO t (a) VALUES ('x -- not a comment')");
    }

    @Test
    void shouldFillPlaceholdersAndRefuseUnknownOnes() {
        assertThat(CassandraSchema.statements("CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = "
                + "${replication};", CassandraSchema.placeholders("cw", 3))).containsExactly(
                "CREATE KEYSPACE IF NOT EXISTS cw WITH replication = "
                        + "{'class': 'SimpleStrategy', 'replication_factor': 3}");
        assertThatThrownBy(() -> CassandraSchema.statements("USE ${space};", Map.of("keyspace", "cw")))
                .hasMessageContaining("${space}");
        assertThatThrownBy(() -> CassandraSchema.simpleReplication(0)).hasMessageContaining("at least 1");
    }

    @Test
    void shouldCreateTheKeyspaceAndEveryTableIdempotentlyWithTheirTtlAndCompaction() throws Exception {
        List<String> statements = cargowatchStatements();

        assertThat(statements.get(0)).startsWith("CREATE KEYSPACE IF NOT EXISTS cargowatch\n")
                .endsWith("{'class': 'SimpleStrategy', 'replication_factor': 1}");
        assertThat(statements).allMatch(statement -> statement.startsWith("CREATE ")
                && statement.contains(" IF NOT EXISTS ") || ADD_COLUMN.matcher(statement).matches());
        Map<String, Table> tables = tables(statements);
        assertThat(tables).containsOnlyKeys("alerts_by_id", "alerts_by_day", "alerts_by_trip", "open_alerts_by_unit",
                "trip_status", "trip_track", "gate_matches_by_icd_day", "yard_inventory_by_icd", "gate_review_by_shift",
                "deadletters_by_day", "active_trips_by_unit", "units_by_level", "trip_registration", "trips_by_month",
                "alerts_by_month", "gate_matches_by_month", "alert_history_by_alert", "desk_users", "trip_closing",
                "open_closings_by_unit", "seal_counts_by_month", "camera_incidents_by_icd",
                "open_camera_incidents_by_icd");
        for (Table table : tables.values()) {
            // the alert desk's users stay until disabled, and after: no TTL
            boolean currentState = List.of("open_alerts_by_unit", "yard_inventory_by_icd", "active_trips_by_unit",
                    "units_by_level", "desk_users", "open_closings_by_unit", "open_camera_incidents_by_icd")
                    .contains(table.name);
            boolean timeSeries = !currentState
                    && !List.of("trip_status", "trip_registration", "trip_closing").contains(table.name);
            assertThat(table.options.contains("default_time_to_live = 157680000")).as(table.name)
                    .isEqualTo(!currentState);
            assertThat(table.options.contains("'TimeWindowCompactionStrategy'")).as(table.name).isEqualTo(timeSeries);
        }
    }

    @Test
    void shouldAddEveryColumnAddedSinceAfterItsTableSoThatAnExistingKeyspaceGetsItToo() throws Exception {
        List<String> statements = cargowatchStatements();

        List<String> added = statements.stream().filter(statement -> ADD_COLUMN.matcher(statement).matches())
                .toList();
        assertThat(added).containsExactly(
                "ALTER TABLE cargowatch.alert_history_by_alert ADD IF NOT EXISTS finding text",
                "ALTER TABLE cargowatch.alert_history_by_alert ADD IF NOT EXISTS closing_reason text",
                "ALTER TABLE cargowatch.alert_history_by_alert ADD IF NOT EXISTS by_address text",
                "ALTER TABLE cargowatch.gate_matches_by_icd_day ADD IF NOT EXISTS camera_id text",
                "ALTER TABLE cargowatch.gate_review_by_shift ADD IF NOT EXISTS direction text",
                "ALTER TABLE cargowatch.gate_review_by_shift ADD IF NOT EXISTS lane text",
                "ALTER TABLE cargowatch.gate_review_by_shift ADD IF NOT EXISTS state text",
                "ALTER TABLE cargowatch.gate_review_by_shift ADD IF NOT EXISTS reviewed_by text",
                "ALTER TABLE cargowatch.gate_review_by_shift ADD IF NOT EXISTS reviewed_by_unit text",
                "ALTER TABLE cargowatch.gate_review_by_shift ADD IF NOT EXISTS reviewed_at timestamp",
                "ALTER TABLE cargowatch.gate_review_by_shift ADD IF NOT EXISTS completed_by text",
                "ALTER TABLE cargowatch.gate_review_by_shift ADD IF NOT EXISTS completed_container_no text",
                "ALTER TABLE cargowatch.gate_review_by_shift ADD IF NOT EXISTS completed_plate text",
                "ALTER TABLE cargowatch.gate_review_by_shift ADD IF NOT EXISTS review_note text");
        for (String table : List.of("alert_history_by_alert", "gate_matches_by_icd_day", "gate_review_by_shift")) {
            int created = statements.indexOf(statements.stream()
                    .filter(statement -> statement.contains("TABLE IF NOT EXISTS cargowatch." + table + " "))
                    .findFirst().orElseThrow());
            assertThat(added).filteredOn(statement -> statement.contains("." + table + " "))
                    .allSatisfy(statement -> assertThat(statements.indexOf(statement)).isGreaterThan(created));
        }
    }

    @Test
    void shouldPrepareOnlyColumnsTheTablesHaveWithTheirWholePrimaryKey() throws Exception {
        Map<String, Table> tables = tables(cargowatchStatements());

        for (Topic<?> topic : Topic.OUTPUTS) {
            for (CqlStatement statement : TopicMappings.of(topic).statements()) {
                Table table = tables.get(statement.table());
                assertThat(table).as(statement.table()).isNotNull();
                assertThat(table.columns.keySet()).as(statement.cql()).containsAll(statement.columns());
                if (statement.kind() == CqlStatement.Kind.DELETE) {
                    assertThat(statement.columns()).as(statement.cql()).containsExactlyElementsOf(table.primaryKey);
                } else {
                    assertThat(statement.columns()).as(statement.cql())
                            .containsAll(table.primaryKey).containsExactlyInAnyOrderElementsOf(table.columns.keySet());
                }
            }
        }
    }

    static List<String> cargowatchStatements() throws Exception {
        return CassandraSchema.statements(Files.readString(SCRIPT), CassandraSchema.placeholders("cargowatch", 1));
    }

    record Table(String name, Map<String, String> columns, List<String> primaryKey, String options) {}

    private static Map<String, Table> tables(List<String> statements) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String statement : statements) {
            Matcher added = ADD_COLUMN.matcher(statement);
            if (added.matches()) {
                tables.get(added.group(1)).columns.put(added.group(2), added.group(3));
                continue;
            }
            Matcher matcher = TABLE.matcher(statement);
            if (!matcher.matches()) {
                continue;
            }
            Map<String, String> columns = new LinkedHashMap<>();
            List<String> primaryKey = new ArrayList<>();
            for (String definition : topLevel(matcher.group(2))) {
                if (definition.startsWith("PRIMARY KEY")) {
                    for (String column : definition.substring("PRIMARY KEY".length()).replaceAll("[()\\s]", "")
                            .split(",")) {
                        primaryKey.add(column);
                    }
                } else {
                    String[] parts = definition.split("\\s+", 2);
                    columns.put(parts[0], parts[1]);
                }
            }
            tables.put(matcher.group(1), new Table(matcher.group(1), columns, primaryKey,
                    matcher.group(3) == null ? "" : matcher.group(3)));
        }
        return tables;
    }

    /** The comma-separated parts of a column list, commas inside (), <> left alone. */
    private static List<String> topLevel(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char c : body.toCharArray()) {
            if (c == '(' || c == '<') {
                depth++;
            } else if (c == ')' || c == '>') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(part.toString().strip());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (!part.toString().isBlank()) {
            parts.add(part.toString().strip());
        }
        return parts;
    }
}
