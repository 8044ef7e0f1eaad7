package vn.customs.cargowatch.ops.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CameraIncident;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.ops.dashboards.Dashboards.Board;
import vn.customs.cargowatch.ops.dashboards.Dashboards.Query;

/**
 * The boards under dashboards/ are files Grafana will load without a person checking them in a browser first (no
 * Grafana runs on the build machines), so everything Grafana would otherwise show as a broken panel is checked
 * here: each board is a valid Grafana dashboard and each panel's options are valid for its panel type (the
 * schemas generated from the Grafana Foundation SDK, dashboards/schema), the uids are the stable ones other
 * boards and bookmarks link to, panel ids are unique, every datasource a board names is one the provisioning
 * creates, every variable a query uses is defined, the provisioning puts each board in an audience folder that
 * the compose stack mounts, and links between boards name an existing board and its variables.
 */
class DashboardFilesTest {

    /** The stable uids: URLs, links between the boards and supervisors' bookmarks depend on them. */
    private static final List<String> UIDS = List.of("cargowatch-health", "cargowatch-icd", "cargowatch-live",
            "cargowatch-monthly", "cargowatch-trip");

    /** 3740 §I.7: the General Department, the Departments, the Branches. */
    private static final List<String> AUDIENCE_FOLDERS = List.of("Tổng cục – General Department",
            "Cục – Department", "Chi cục – Branch");

    /** Grafana's own variables a query may use besides the board's. */
    private static final Set<String> GRAFANA_BUILT_INS = Set.of("__from", "__to", "__interval", "__interval_ms",
            "__rate_interval", "__range", "__range_s", "__range_ms");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final Map<Path, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private static final Path DASHBOARDS = Dashboards.folder();
    private static final Path SCHEMA = DASHBOARDS.resolve("schema");
    private static final Path REPOSITORY = DASHBOARDS.getParent();

    static List<Board> boards() {
        return Dashboards.load();
    }

    // ---- the schema ----

    @ParameterizedTest
    @MethodSource("boards")
    void shouldBeAValidGrafanaDashboard(Board board) {
        assertThat(errors("dashboard.schema.json", board.json())).as(board.file().toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("boards")
    void shouldGiveEveryPanelOptionsAndFieldConfigValidForItsType(Board board) {
        for (JsonNode panel : Dashboards.panels(board.json())) {
            String type = panel.path("type").asText();
            if (type.equals("row")) {
                continue;
            }
            String where = board.uid() + " / " + panel.path("title").asText();
            Path options = SCHEMA.resolve("panels/" + type + ".options.schema.json");
            assertThat(options).as(where + ": no schema for panel type " + type + " (add it to generate.mjs)")
                    .exists();
            assertThat(errors(SCHEMA.relativize(options).toString(), panel.path("options"))).as(where).isEmpty();

            JsonNode custom = panel.path("fieldConfig").path("defaults").path("custom");
            Path fieldConfig = SCHEMA.resolve("panels/" + type + ".fieldconfig.schema.json");
            if (Files.exists(fieldConfig)) {
                if (!custom.isMissingNode()) {
                    assertThat(errors(SCHEMA.relativize(fieldConfig).toString(), custom)).as(where).isEmpty();
                }
            } else {
                assertThat(custom.isMissingNode() || custom.isEmpty())
                        .as(where + ": a " + type + " panel has no custom field config").isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("boards")
    void shouldGiveEveryQueryTheFieldsOfItsDatasource(Board board) {
        for (JsonNode panel : Dashboards.panels(board.json())) {
            for (JsonNode target : panel.path("targets")) {
                String where = board.uid() + " / " + panel.path("title").asText() + " / " + target.path("refId");
                String type = target.path("datasource").path("type").asText();
                assertThat(SCHEMA.resolve("targets/" + type + ".schema.json")).as(where).exists();
                assertThat(errors("targets/" + type + ".schema.json", target)).as(where).isEmpty();
            }
        }
    }

    /**
     * A value mapping of alert types (one naming a type no gate result shares) names them all: a type it misses shows
     * as its raw code.
     */
    @ParameterizedTest
    @MethodSource("boards")
    void shouldNameEveryAlertTypeInEachMappingOfAlertTypes(Board board) {
        Set<String> types = Stream.of(AlertType.values()).map(Enum::name).collect(Collectors.toSet());
        Set<String> alertsOnly = new HashSet<>(types);
        Stream.of(GateMatch.Result.values()).map(Enum::name).forEach(alertsOnly::remove);
        for (JsonNode options : board.json().findValues("options")) {
            Set<String> keys = new HashSet<>();
            options.fieldNames().forEachRemaining(keys::add);
            if (keys.stream().anyMatch(alertsOnly::contains)) {
                assertThat(keys).as(board.uid() + ": a mapping of alert types").containsAll(types);
            }
        }
    }

    @Test
    void shouldRejectAMisspeltField() {
        JsonNode live = board("cargowatch-live").json();
        assertThat(errors("dashboard.schema.json", live)).isEmpty();

        ObjectNode dashboard = live.deepCopy();
        dashboard.put("refersh", "1m");
        assertThat(errors("dashboard.schema.json", dashboard)).isNotEmpty();

        ObjectNode panel = live.deepCopy();
        ((ObjectNode) panel.get("panels").get(0)).set("gridPoss", panel.get("panels").get(0).get("gridPos"));
        assertThat(errors("dashboard.schema.json", panel)).isNotEmpty();

        ObjectNode variable = live.deepCopy();
        ((ObjectNode) variable.get("templating").get("list").get(0)).put("inlcudeAll", true);
        assertThat(errors("dashboard.schema.json", variable)).isNotEmpty();

        ObjectNode tableOptions = table(live).get("options").deepCopy();
        tableOptions.put("showHeaders", true);
        assertThat(errors("panels/table.options.schema.json", tableOptions)).isNotEmpty();

        ObjectNode cassandra = table(live).get("targets").get(0).deepCopy();
        assertThat(errors("targets/" + Dashboards.CASSANDRA + ".schema.json", cassandra)).isEmpty();
        cassandra.put("rawquery", true);
        assertThat(errors("targets/" + Dashboards.CASSANDRA + ".schema.json", cassandra)).isNotEmpty();

        ObjectNode prometheus = board("cargowatch-health").json().get("panels").get(0).get("targets").get(0)
                .deepCopy();
        assertThat(errors("targets/prometheus.schema.json", prometheus)).isEmpty();
        prometheus.put("legendFromat", "{{topic}}");
        assertThat(errors("targets/prometheus.schema.json", prometheus)).isNotEmpty();
    }

    // ---- identity ----

    @Test
    void shouldKeepTheStableUids() {
        List<String> uids = boards().stream().map(Board::uid).sorted().toList();

        assertThat(uids).isEqualTo(UIDS);
    }

    @ParameterizedTest
    @MethodSource("boards")
    void shouldNotRepeatAPanelId(Board board) {
        List<Integer> ids = Dashboards.panels(board.json()).stream().map(p -> p.path("id"))
                .peek(id -> assertThat(id.isInt()).as(board.uid() + ": every panel has an id").isTrue())
                .map(JsonNode::asInt).toList();

        assertThat(ids).as(board.uid()).doesNotHaveDuplicates();
    }

    // ---- datasources and variables ----

    @ParameterizedTest
    @MethodSource("boards")
    void shouldReferOnlyToProvisionedDatasources(Board board) {
        Map<String, String> provisioned = provisionedDatasources();
        List<String> refs = new ArrayList<>();
        walk(board.json(), "", (path, node) -> {
            JsonNode ds = node.get("datasource");
            if (ds != null) {
                refs.add(path);
                assertThat(ds.isObject()).as(board.uid() + path + ": a datasource is referred to by uid").isTrue();
                String uid = ds.path("uid").asText();
                assertThat(provisioned).as(board.uid() + path).containsKey(uid);
                assertThat(ds.path("type").asText()).as(board.uid() + path).isEqualTo(provisioned.get(uid));
            }
        });
        for (JsonNode panel : Dashboards.panels(board.json())) {
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.has("datasource")).as(board.uid() + " / " + panel.path("title").asText()
                        + ": every query names its datasource").isTrue();
            }
        }
        for (JsonNode variable : board.json().path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                assertThat(variable.has("datasource")).as(board.uid() + " $" + variable.path("name")).isTrue();
            }
        }
        assertThat(refs).as(board.uid()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("boards")
    void shouldUseOnlyVariablesTheBoardDefinesAboveThem(Board board) {
        List<String> defined = new ArrayList<>();
        for (JsonNode variable : board.json().path("templating").path("list")) {
            defined.add(variable.path("name").asText());
        }
        for (Query q : Dashboards.queries(board)) {
            String where = board.uid() + " / " + q.panelTitle() + " / " + q.refId();
            Set<String> allowed = new HashSet<>(GRAFANA_BUILT_INS);
            if (q.refId().equals("variable")) {
                // Grafana resolves variables in order, and the plugin's /variables resource gets no time range.
                allowed.addAll(defined.subList(0, defined.indexOf(q.panelTitle().substring(1))));
                allowed.removeAll(Set.of("__interval", "__interval_ms", "__rate_interval"));
            } else {
                allowed.addAll(defined);
                if (q.datasourceType().equals(Dashboards.CASSANDRA)) {
                    allowed.addAll(GrafanaTemplate.PLUGIN_MACROS);
                }
            }
            assertThat(q.variables()).as(where).isSubsetOf(allowed);
        }
    }

    @ParameterizedTest
    @MethodSource("boards")
    void shouldGiveEveryQueryRunnableTextOnceSubstituted(Board board) {
        Map<String, Object> sample = new HashMap<>();
        for (JsonNode variable : board.json().path("templating").path("list")) {
            String name = variable.path("name").asText();
            sample.put(name, variable.path("multi").asBoolean() ? List.of("X1", "X2") : "X1");
        }
        Instant to = Instant.parse("2026-11-22T09:00:00Z");
        for (Query q : Dashboards.queries(board)) {
            String text = q.datasourceType().equals(Dashboards.CASSANDRA)
                    ? Dashboards.cql(q.text(), sample, to.minus(Duration.ofHours(6)), to)
                    : Dashboards.promql(q.text(), sample, Duration.ofHours(6));
            assertThat(text).as(q.dashboardUid() + " / " + q.panelTitle()).doesNotContain("$").doesNotContain("[[");
            if (q.datasourceType().equals(Dashboards.CASSANDRA)) {
                // The plugin groups rows into frames by the first column; it cannot convert a collection column.
                assertThat(text).as(q.panelTitle()).startsWith("SELECT ").doesNotContain("reasons");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("boards")
    void shouldReadTheKeyspaceTheDatasourceIsConfiguredWith(Board board) {
        // The plugin opens its session in the datasource's keyspace (CARGOWATCH_CASSANDRA_KEYSPACE): a query that
        // names one would read cargowatch whatever the deployment chose.
        Pattern qualified = Pattern.compile("(?i)\\bFROM\\s+\\w+\\.");
        for (Query q : Dashboards.queries(board)) {
            if (q.datasourceType().equals(Dashboards.CASSANDRA)) {
                assertThat(qualified.matcher(q.text()).find()).as(q.dashboardUid() + " / " + q.panelTitle()
                        + ": " + q.text()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("boards")
    void shouldShowInSecondsWhatIsMeasuredInSeconds(Board board) {
        for (JsonNode panel : Dashboards.panels(board.json())) {
            List<String> exprs = stream(panel.path("targets")).map(t -> t.path("expr").asText("")).toList();
            if (!exprs.isEmpty() && exprs.stream().allMatch(e -> e.matches("[^*/]*_seconds\\b[^*/]*"))) {
                assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText())
                        .as(board.uid() + " / " + panel.path("title").asText()).isEqualTo("s");
            }
        }
    }

    // ---- provisioning ----

    @Test
    void shouldProvisionTheDatasourcesWithCredentialsFromTheEnvironment() {
        JsonNode datasources = yaml(DASHBOARDS.resolve("provisioning/datasources/cargowatch.yaml"));
        JsonNode cassandra = datasource(datasources, "cargowatch-cassandra");

        assertThat(provisionedDatasources()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cargowatch-prometheus", "prometheus", "cargowatch-cassandra", Dashboards.CASSANDRA));
        assertThat(cassandra.path("url").asText()).isEqualTo("${CARGOWATCH_CASSANDRA_HOST}");
        assertThat(cassandra.path("jsonData").path("user").asText()).isEqualTo("${CARGOWATCH_CASSANDRA_USER}");
        assertThat(cassandra.path("secureJsonData").path("password").asText())
                .isEqualTo("${CARGOWATCH_CASSANDRA_PASSWORD}");
        assertThat(cassandra.path("jsonData").has("password")).as("a password is secure data only").isFalse();
        assertThat(datasource(datasources, "cargowatch-prometheus").path("url").asText())
                .isEqualTo("${CARGOWATCH_PROMETHEUS_URL}");
    }

    @Test
    void shouldPassEveryVariableTheProvisioningReadsToGrafanaInTheComposeStack() throws IOException {
        String provisioning = Files.readString(DASHBOARDS.resolve("provisioning/datasources/cargowatch.yaml"))
                .replaceAll("(?m)^\\s*#.*$", "");
        Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(provisioning);
        Set<String> used = new HashSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> passed = new HashSet<>();
        grafanaService().path("environment").fieldNames().forEachRemaining(passed::add);

        assertThat(used).isNotEmpty();
        assertThat(passed).containsAll(used);
    }

    @Test
    void shouldProvisionOneFolderPerAudienceFromAPathTheComposeStackMounts() {
        Map<String, Path> providers = providers();

        assertThat(providers.keySet()).containsExactlyInAnyOrderElementsOf(AUDIENCE_FOLDERS);
        providers.forEach((folder, path) -> assertThat(path).as(folder).isDirectory());
        JsonNode list = yaml(DASHBOARDS.resolve("provisioning/dashboards/cargowatch.yaml")).path("providers");
        assertThat(stream(list).map(p -> p.path("folderUid").asText()))
                .doesNotHaveDuplicates().doesNotContain("");
        assertThat(stream(list).map(p -> p.path("type").asText()))
                .containsOnly("file");
    }

    @ParameterizedTest
    @MethodSource("boards")
    void shouldBeInExactlyOneAudienceFolder(Board board) {
        // One folder only: a second provider loading the same uid would make Grafana keep one copy and log errors.
        List<String> folders = providers().entrySet().stream()
                .filter(e -> board.file().getParent().equals(e.getValue())).map(Map.Entry::getKey).toList();

        assertThat(folders).as(board.file().toString()).hasSize(1);
    }

    // ---- links ----

    @ParameterizedTest
    @MethodSource("boards")
    void shouldLinkOnlyToExistingBoardsAndTheirVariables(Board board) {
        Map<String, Set<String>> variables = boards().stream().collect(Collectors.toMap(Board::uid,
                b -> stream(b.json().path("templating").path("list"))
                        .map(v -> v.path("name").asText()).collect(Collectors.toSet())));
        walk(board.json(), "", (path, node) -> {
            JsonNode url = node.get("url");
            if (url == null || !url.isTextual() || !url.asText().startsWith("/d/")) {
                return;
            }
            Matcher target = Pattern.compile("^/d/([\\w-]+)").matcher(url.asText());
            assertThat(target.find()).as(board.uid() + path).isTrue();
            String uid = target.group(1);
            assertThat(variables).as(board.uid() + path + ": " + url.asText()).containsKey(uid);
            Matcher var = Pattern.compile("[?&]var-(\\w+)=").matcher(url.asText());
            while (var.find()) {
                assertThat(variables.get(uid)).as(board.uid() + path + ": " + url.asText()).contains(var.group(1));
            }
        });
    }

    @Test
    void shouldOpenTheTripBoardFromTheOpenAlertsTable() {
        JsonNode table = table(board("cargowatch-live").json());

        assertThat(table.toString()).contains("/d/cargowatch-trip/trip?var-trip=${__data.fields.trip_id}");
    }

    @Test
    void shouldLinkEveryAlertIdOfTheLiveAndIcdBoardsToItsPageOnTheAlertDesk() {
        for (String uid : List.of("cargowatch-live", "cargowatch-icd")) {
            JsonNode board = board(uid).json();
            JsonNode deskUrl = stream(board.path("templating").path("list"))
                    .filter(v -> v.path("name").asText().equals("desk_url")).findFirst().orElseThrow();
            assertThat(deskUrl.path("query").asText()).as(uid).isEqualTo("http://127.0.0.1:8088");
            List<JsonNode> tables = Dashboards.panels(board).stream()
                    .filter(p -> p.path("type").asText().equals("table") && p.toString().contains("alert_id"))
                    .toList();

            assertThat(tables).as(uid).isNotEmpty().allSatisfy(table -> {
                assertThat(table.toString()).as("shown").doesNotContain("\"alert_id\":true")
                        .contains("\"url\":\"${desk_url}/alerts/${__data.fields.alert_id}\"");
            });
        }
    }

    /**
     * The ICD board's camera incident log (1572 §II.1.8) and the cameras officers check by hand while an incident is
     * open (§I.3.4): each reads its table's partitions of the chosen ICDs, as the board's other Cassandra panels do,
     * merges them into one table, names every kind and reason, and links an incident to its alert on the desk.
     */
    @Test
    void shouldListAnIcdsCameraIncidentsAndTheCamerasToCheckByHand() {
        List<JsonNode> panels = Dashboards.panels(board("cargowatch-icd").json());
        JsonNode log = panel(panels, "Sự cố camera / Camera incidents");
        JsonNode byHand = panel(panels, "Kiểm tra thủ công / Check by hand");

        assertThat(log.path("targets").get(0).path("target").asText()).isEqualTo("SELECT icd_code, start_ts, end_ts, "
                + "duration_minutes, kind, reason, gate_id, camera_id, incident_id FROM camera_incidents_by_icd WHERE "
                + "icd_code IN (${icd:sqlstring}) AND start_ts >= $__timeFrom AND start_ts <= $__timeTo");
        assertThat(byHand.path("targets").get(0).path("target").asText()).isEqualTo("SELECT icd_code, camera_id, "
                + "gate_id, kind, reason, start_ts, start_ts AS age, incident_id FROM open_camera_incidents_by_icd "
                + "WHERE icd_code IN (${icd:sqlstring})");
        for (JsonNode panel : List.of(log, byHand)) {
            String where = panel.path("title").asText();
            assertThat(panel.path("type").asText()).as(where).isEqualTo("table");
            assertThat(panel.path("transformations").get(0).path("id").asText()).as(where + ": one table of the ICDs")
                    .isEqualTo("merge");
            assertThat(mappedValues(panel, "kind")).as(where).containsExactlyInAnyOrderElementsOf(
                    Stream.of(CameraIncident.Kind.values()).map(Enum::name).toList());
            assertThat(mappedValues(panel, "reason")).as(where)
                    .containsExactlyInAnyOrder("BLACK", "OVEREXPOSED", "BLURRED", "FROZEN", "LOW_CONTRAST");
            assertThat(panel.toString()).as(where + ": the incident's id is its alert's")
                    .contains("\"url\":\"${desk_url}/alerts/${__data.fields.incident_id}\"");
        }
    }

    @Test
    void shouldSayOnTheJobTileWhetherTheJobIsRunning() {
        JsonNode tile = Dashboards.panels(board("cargowatch-health").json()).stream()
                .filter(p -> p.path("title").asText().equals("Job")).findFirst().orElseThrow();

        assertThat(tile.path("targets").get(0).path("expr").asText()).contains("flink_jobmanager_job_runningTime");
        assertThat(tile.path("fieldConfig").path("defaults").path("mappings").toString())
                .contains("RUNNING").contains("NOT RUNNING");
    }

    // ---- helpers ----

    private static Set<ValidationMessage> errors(String schema, JsonNode node) {
        JsonSchema loaded = LOADED.computeIfAbsent(SCHEMA.resolve(schema), file -> {
            try {
                return SCHEMAS.getSchema(JSON.readTree(file.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return loaded.validate(node);
    }

    private static Board board(String uid) {
        return boards().stream().filter(b -> uid.equals(b.uid())).findFirst().orElseThrow();
    }

    private static JsonNode panel(List<JsonNode> panels, String title) {
        return panels.stream().filter(p -> p.path("title").asText().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no panel " + title));
    }

    /** The values a panel's value mappings of {@code field} name. */
    private static List<String> mappedValues(JsonNode panel, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
            if (!override.path("matcher").path("options").asText().equals(field)) {
                continue;
            }
            for (JsonNode property : override.path("properties")) {
                if (property.path("id").asText().equals("mappings")) {
                    property.path("value").forEach(mapping -> mapping.path("options").fieldNames()
                            .forEachRemaining(values::add));
                }
            }
        }
        return values;
    }

    private static JsonNode table(JsonNode dashboard) {
        return Dashboards.panels(dashboard).stream().filter(p -> p.path("type").asText().equals("table"))
                .findFirst().orElseThrow();
    }

    /** Calls {@code visit} with every object of the tree and its JSON path. */
    private static void walk(JsonNode node, String path, BiConsumer<String, JsonNode> visit) {
        if (node.isObject()) {
            visit.accept(path, node);
            node.fields().forEachRemaining(e -> walk(e.getValue(), path + "/" + e.getKey(), visit));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, visit);
            }
        }
    }

    private static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode datasource(JsonNode provisioning, String uid) {
        return stream(provisioning.path("datasources"))
                .filter(d -> uid.equals(d.path("uid").asText())).findFirst().orElseThrow();
    }

    /** uid → type of every provisioned datasource. */
    private static Map<String, String> provisionedDatasources() {
        JsonNode list = yaml(DASHBOARDS.resolve("provisioning/datasources/cargowatch.yaml")).path("datasources");
        Map<String, String> out = new LinkedHashMap<>();
        list.forEach(d -> out.put(d.path("uid").asText(), d.path("type").asText()));
        return out;
    }

    private static JsonNode grafanaService() {
        return yaml(REPOSITORY.resolve("docker/docker-compose.yml")).path("services").path("grafana");
    }

    /**
     * Folder → the repository folder its provider reads: the provider's path is a path in the Grafana container,
     * which the compose stack's volumes map to a folder of the repository.
     */
    private static Map<String, Path> providers() {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (JsonNode volume : grafanaService().path("volumes")) {
            String[] parts = volume.asText().split(":");
            mounts.put(parts[1], REPOSITORY.resolve("docker").resolve(parts[0]).normalize());
        }
        assertThat(mounts).as("the provisioning is mounted where Grafana reads it")
                .containsKeys("/etc/grafana/provisioning/datasources", "/etc/grafana/provisioning/dashboards");
        assertThat(mounts.get("/etc/grafana/provisioning/dashboards"))
                .isEqualTo(DASHBOARDS.resolve("provisioning/dashboards"));
        assertThat(mounts.get("/etc/grafana/provisioning/datasources"))
                .isEqualTo(DASHBOARDS.resolve("provisioning/datasources"));

        Map<String, Path> out = new LinkedHashMap<>();
        for (JsonNode provider : yaml(DASHBOARDS.resolve("provisioning/dashboards/cargowatch.yaml")).path("providers")) {
            String inContainer = provider.path("options").path("path").asText();
            Path local = mounts.entrySet().stream().filter(m -> inContainer.startsWith(m.getKey() + "/"))
                    .map(m -> m.getValue().resolve(inContainer.substring(m.getKey().length() + 1)))
                    .findFirst().orElseThrow(() -> new AssertionError(inContainer + " is not mounted"));
            out.put(provider.path("folder").asText(), local);
        }
        return out;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
