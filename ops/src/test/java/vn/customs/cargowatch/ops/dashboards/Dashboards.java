package vn.customs.cargowatch.ops.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Grafana boards of {@code dashboards/} as the tests see them: every board, every query in it, and the query
 * text as the datasource will finally receive it. The offline tests use it to check the boards' files; the
 * integration tests use it to run every CQL query against a real Cassandra and every PromQL expression against a
 * real Prometheus, so that a board can never ask for a table, a column or a metric the job does not write.
 *
 * <p>{@link #cql} and {@link #promql} substitute variables the way Grafana's template service does
 * ({@link GrafanaTemplate}), then — for CQL — the time macros the way the Cassandra plugin's backend does. Values
 * are {@code String} for a single-valued variable and {@code List<String>} for a multi-value one (pass "All" as
 * the list of every value).
 */
public final class Dashboards {

    public static final String CASSANDRA = "hadesarchitect-cassandra-datasource";
    public static final String PROMETHEUS = "prometheus";

    /**
     * The zone {@code ${__from:date:YYYY-MM-DD}} is formatted in. Grafana formats it with moment in the browser's
     * zone (not the dashboard's), so the boards' day and month partitions assume a browser set to Vietnam time, as
     * the day buckets are Vietnam days (docs/cassandra.md).
     */
    public static final ZoneId BROWSER_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /** The Prometheus datasource's minimum interval (its jsonData.timeInterval): the compose scrape interval. */
    public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(15);

    /** How many points Grafana asks for when it computes $__interval (about a panel's width in pixels). */
    static final int MAX_DATA_POINTS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Dashboards() {
    }

    /** One board file. */
    public record Board(String uid, String title, Path file, JsonNode json) {
    }

    /**
     * One query of a board, as its datasource sees it.
     *
     * @param dashboardUid the board
     * @param panelTitle the panel's title; for a variable's query {@code "$name"}
     * @param refId the query's refId; {@code "variable"} for a variable's query
     * @param datasourceType {@link #CASSANDRA} or {@link #PROMETHEUS}
     * @param datasourceUid the provisioned datasource's uid
     * @param text the CQL or PromQL, with Grafana's variables and macros still in it
     * @param queryType Cassandra: the plugin's queryType ({@code query}), or {@code variable} for a variable's
     *     query (the plugin's /variables resource, which substitutes no time macro); Prometheus: {@code range} or
     *     {@code instant}
     * @param format Cassandra: {@code raw} (rawQuery: the CQL is run as written; the plugin returns one frame per
     *     distinct value of the first column); Prometheus: {@code time_series} or {@code table}
     */
    public record Query(String dashboardUid, String panelTitle, String refId, String datasourceType,
            String datasourceUid, String text, String queryType, String format) {

        /** The names of the variables the text uses, Grafana's built-ins and the plugin's macros included. */
        public Set<String> variables() {
            Set<String> names = new LinkedHashSet<>();
            Matcher m = NAME.matcher(text);
            while (m.find()) {
                names.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
            }
            return names;
        }
    }

    private static final Pattern NAME = Pattern.compile("\\$(\\w+)|\\[\\[(\\w+)|\\$\\{(\\w+)");

    // ---- loading ----

    /** The repository's dashboards/ folder, found from the working folder (a module or the repository). */
    public static Path folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("dashboards");
            if (Files.isDirectory(candidate.resolve("provisioning"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no dashboards/provisioning above " + Path.of("").toAbsolutePath());
    }

    /** Every board file under dashboards/ (the schema folder aside), sorted by path. */
    public static List<Board> load() {
        Path root = folder();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> boards = files.filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> !root.relativize(f).startsWith("schema"))
                    .sorted().toList();
            List<Board> out = new ArrayList<>();
            for (Path file : boards) {
                JsonNode json = JSON.readTree(file.toFile());
                out.add(new Board(json.path("uid").asText(null), json.path("title").asText(), file, json));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every query of every board: the panels' queries in panel order, then the variables' queries. */
    public static List<Query> queries() {
        return load().stream().flatMap(b -> queries(b).stream()).toList();
    }

    /** Every query of one board. */
    public static List<Query> queries(Board board) {
        List<Query> out = new ArrayList<>();
        for (JsonNode panel : panels(board.json())) {
            for (JsonNode target : panel.path("targets")) {
                JsonNode ds = target.has("datasource") ? target.get("datasource") : panel.path("datasource");
                String type = ds.path("type").asText();
                String title = panel.path("title").asText();
                String refId = target.path("refId").asText();
                if (CASSANDRA.equals(type)) {
                    out.add(new Query(board.uid(), title, refId, type, ds.path("uid").asText(),
                            target.path("target").asText(), target.path("queryType").asText(),
                            target.path("rawQuery").asBoolean() ? "raw" : "configurator"));
                } else {
                    out.add(new Query(board.uid(), title, refId, type, ds.path("uid").asText(),
                            target.path("expr").asText(), target.path("instant").asBoolean() ? "instant" : "range",
                            target.path("format").asText("time_series")));
                }
            }
        }
        for (JsonNode variable : board.json().path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                continue;
            }
            JsonNode ds = variable.path("datasource");
            JsonNode query = variable.path("query");
            String text = query.isTextual() ? query.asText() : query.path("query").asText();
            out.add(new Query(board.uid(), "$" + variable.path("name").asText(), "variable", ds.path("type").asText(),
                    ds.path("uid").asText(), text, "variable", "raw"));
        }
        return out;
    }

    /** A board's panels, those inside rows included (a collapsed row keeps its panels inside it). */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            out.add(panel);
            panel.path("panels").forEach(out::add);
        }
        return out;
    }

    // ---- substitution ----

    /**
     * A board's CQL as the Cassandra plugin runs it: Grafana's variables first (the plugin's frontend passes the
     * query through Grafana's template service, which leaves unknown names alone), then the plugin backend's time
     * macros — {@code $__timeFrom}/{@code $__timeTo} as epoch milliseconds, {@code $__unixEpochFrom}/
     * {@code $__unixEpochTo} as epoch seconds — replaced in that order by regular expression
     * (HadesArchitect/GrafanaCassandraDatasource, pkg/handler/data_query.go, dataQuery.applyTimeRange; only for
     * rawQuery). {@code $__from}/{@code $__to} and their {@code :date} formats are Grafana's, from the same range.
     *
     * @param variables the dashboard variables' values: {@code String} or {@code List<String>}
     */
    public static String cql(String query, Map<String, ?> variables, Instant from, Instant to) {
        Map<String, Object> values = new HashMap<>(variables);
        values.put("__from", Long.toString(from.toEpochMilli()));
        values.put("__to", Long.toString(to.toEpochMilli()));
        String text = GrafanaTemplate.replace(query, values, GrafanaTemplate::glob, BROWSER_ZONE);
        text = text.replaceAll("\\$__timeFrom", Long.toString(from.toEpochMilli()));
        text = text.replaceAll("\\$__timeTo", Long.toString(to.toEpochMilli()));
        text = text.replaceAll("\\$__unixEpochFrom", Long.toString(from.getEpochSecond()));
        text = text.replaceAll("\\$__unixEpochTo", Long.toString(to.getEpochSecond()));
        return text;
    }

    /**
     * A board's PromQL as the Prometheus datasource sends it for a time range of length {@code range} ending now:
     * {@code $__range} (whole seconds, "86400s"), {@code $__range_s}, {@code $__range_ms}, {@code $__interval}
     * (the range over {@value #MAX_DATA_POINTS} points, rounded like Grafana's kbn.roundInterval, never under
     * {@link #SCRAPE_INTERVAL}), {@code $__interval_ms}, {@code $__rate_interval} (max($__interval + scrape
     * interval, 4 × scrape interval), as the Prometheus datasource computes it), and the variables: one without a
     * format is escaped as the datasource does (a multi-value one becomes {@code (a|b)} for {@code =~}).
     */
    public static String promql(String expr, Map<String, ?> variables, Duration range) {
        Duration interval = interval(range);
        Duration rate = max(interval.plus(SCRAPE_INTERVAL), SCRAPE_INTERVAL.multipliedBy(4));
        long rangeSeconds = Math.round(range.toMillis() / 1000.0);
        Map<String, Object> values = new HashMap<>(variables);
        values.put("__range", rangeSeconds + "s");
        values.put("__range_s", Long.toString(rangeSeconds));
        values.put("__range_ms", Long.toString(range.toMillis()));
        values.put("__interval", promDuration(interval));
        values.put("__interval_ms", Long.toString(interval.toMillis()));
        values.put("__rate_interval", promDuration(rate));
        Instant to = Instant.now();
        values.put("__from", Long.toString(to.minus(range).toEpochMilli()));
        values.put("__to", Long.toString(to.toEpochMilli()));
        return GrafanaTemplate.replace(expr, values, GrafanaTemplate::prometheus, BROWSER_ZONE);
    }

    /** $__interval for a range: Grafana's steps, at least the scrape interval. */
    static Duration interval(Duration range) {
        long raw = range.toMillis() / MAX_DATA_POINTS;
        long[] steps = {1_000, 2_000, 5_000, 10_000, 15_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000,
            900_000, 1_200_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000};
        long rounded = steps[steps.length - 1];
        for (long step : steps) {
            if (raw <= step) {
                rounded = step;
                break;
            }
        }
        return max(Duration.ofMillis(rounded), SCRAPE_INTERVAL);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A duration as Prometheus writes it: the largest whole unit. */
    static String promDuration(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
