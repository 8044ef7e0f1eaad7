package vn.customs.cargowatch.ops.dashboards;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Grafana's own variable substitution (its template service), so that a query taken from a board's JSON can be
 * run outside Grafana exactly as Grafana would send it. It follows Grafana's code, not its documentation:
 * <ul>
 *   <li>the variable syntax is Grafana's {@code variableRegex} ({@code public/app/features/variables/utils.ts}):
 *       {@code $name}, {@code [[name]]}, {@code [[name:format]]}, {@code ${name}}, {@code ${name:format}},
 *       {@code ${name:format:args}};</li>
 *   <li>the formats are those of the scenes format registry ({@code @grafana/scenes},
 *       {@code variables/interpolation/formatRegistry.ts}): sqlstring doubles quotes, singlequote escapes them with
 *       a backslash, regex escapes regex characters and groups several values as {@code (a|b)}, glob is the
 *       default for several values, {@code date:FORMAT} formats a time with moment-style tokens in the
 *       <em>browser's</em> time zone;</li>
 *   <li>a name Grafana does not know is left as it is: the Cassandra plugin's backend replaces its own macros
 *       ({@code $__timeFrom}…) afterwards. Here an unknown name that is not such a macro is an error instead,
 *       so that a misspelt variable in a board fails a test rather than reaching Cassandra.</li>
 * </ul>
 * A value is a {@code String} (a single-valued variable) or a {@code List<String>} (a multi-value variable,
 * even with one value selected: Prometheus escapes those as regexes).
 */
final class GrafanaTemplate {

    /** Grafana's variableRegex, verbatim. */
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?\\]\\]|\\$\\{(\\w+)(?:\\.([^:^\\}]+))?(?::([^\\}]+))?\\}");

    /** The Cassandra plugin's macros, which Grafana leaves for the plugin's backend. */
    static final List<String> PLUGIN_MACROS = List.of("__timeFrom", "__timeTo", "__unixEpochFrom", "__unixEpochTo");

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private GrafanaTemplate() {
    }

    /**
     * Replaces every variable of {@code text}.
     *
     * @param values the variables' values: {@code String} or {@code List<String>}
     * @param defaultFormat how a variable written without a format is formatted (the datasource decides:
     *     Prometheus escapes for regexes, others use Grafana's glob)
     * @param zone the time zone {@code ${__from:date:…}} formats in (Grafana uses the browser's)
     */
    static String replace(String text, Map<String, ?> values, BiFunction<String, Object, String> defaultFormat,
            ZoneId zone) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = first(m.group(1), m.group(2), m.group(4));
            String format = first(m.group(3), m.group(6));
            if (m.group(5) != null) {
                throw new IllegalArgumentException("field paths (${" + name + "." + m.group(5) + "}) are not "
                        + "supported here: " + text);
            }
            String replacement;
            if (values.containsKey(name)) {
                Object value = values.get(name);
                replacement = format == null ? defaultFormat.apply(name, value) : format(value, format, zone);
            } else if (PLUGIN_MACROS.contains(name)) {
                replacement = m.group();
            } else {
                throw new IllegalArgumentException("no value for $" + name + " in: " + text);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** Grafana's glob format, its default for a variable written without a format outside Prometheus. */
    static String glob(String name, Object value) {
        List<String> values = values(value);
        return values.size() > 1 ? "{" + String.join(",", values) + "}" : String.join(",", values);
    }

    /** What the Prometheus datasource does with a variable written without a format (interpolateQueryExpr). */
    static String prometheus(String name, Object value) {
        if (value instanceof String single) {
            return prometheusRegularEscape(single);
        }
        List<String> escaped = values(value).stream().map(GrafanaTemplate::prometheusSpecialRegexEscape).toList();
        return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
    }

    /** The Prometheus datasource's prometheusRegularEscape: a backslash and a single quote get a backslash. */
    static String prometheusRegularEscape(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\\\'");
    }

    /** The Prometheus datasource's prometheusSpecialRegexEscape, for the values of a multi-value variable. */
    static String prometheusSpecialRegexEscape(String value) {
        return value.replace("\\", "\\\\\\\\").replaceAll("[$^*{}\\[\\]'+?.()|]", "\\\\\\\\$0");
    }

    private static String format(Object value, String format, ZoneId zone) {
        String[] parts = format.split(":", 2);
        String id = parts[0];
        String args = parts.length > 1 ? parts[1] : null;
        List<String> values = values(value);
        switch (id) {
            case "raw", "text", "csv":
                return String.join(",", values);
            case "pipe":
                return String.join("|", values);
            case "glob":
                return glob(null, value);
            case "sqlstring":
                return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(","));
            case "singlequote":
                return values.stream().map(v -> "'" + v.replace("'", "\\'") + "'").collect(Collectors.joining(","));
            case "doublequote":
                return values.stream().map(v -> "\"" + v.replace("\"", "\\\"") + "\"")
                        .collect(Collectors.joining(","));
            case "regex": {
                List<String> escaped = values.stream().map(GrafanaTemplate::escapeStringForRegex).toList();
                return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
            }
            case "date":
                return date(values, args, zone);
            default:
                throw new IllegalArgumentException("format :" + id + " is not supported here");
        }
    }

    /** Grafana's escapeStringForRegex (grafana-data, text/string.ts): / . * + ? | ( ) [ ] { } and the backslash. */
    private static String escapeStringForRegex(String value) {
        return value.replaceAll("[/.*+?|()\\[\\]{}\\\\]", "\\\\$0");
    }

    private static String date(List<String> values, String args, ZoneId zone) {
        if (values.size() != 1) {
            throw new IllegalArgumentException(":date formats one time, not " + values);
        }
        long millis = Long.parseLong(values.get(0));
        String pattern = args == null ? "iso" : args;
        return switch (pattern) {
            case "ms" -> Long.toString(millis);
            case "seconds" -> Long.toString(Math.round(millis / 1000.0));
            // moment's toISOString: UTC, always with milliseconds
            case "iso" -> ISO_MILLIS.format(Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC));
            default -> DateTimeFormatter.ofPattern(javaPattern(pattern))
                    .format(Instant.ofEpochMilli(millis).atZone(zone));
        };
    }

    /** The moment.js tokens the boards use, in java.time's spelling; anything else is refused rather than guessed. */
    private static String javaPattern(String moment) {
        StringBuilder java = new StringBuilder();
        Matcher token = Pattern.compile("YYYY|MM|DD|HH|mm|ss|[^A-Za-z]+|[A-Za-z]+").matcher(moment);
        while (token.find()) {
            String t = token.group();
            switch (t) {
                case "YYYY" -> java.append("yyyy");
                case "MM", "HH", "mm", "ss" -> java.append(t);
                case "DD" -> java.append("dd");
                default -> {
                    if (Character.isLetter(t.charAt(0))) {
                        throw new IllegalArgumentException("date token " + t + " is not supported here: " + moment);
                    }
                    java.append('\'').append(t.replace("'", "''")).append('\'');
                }
            }
        }
        return java.toString();
    }

    @SuppressWarnings("unchecked")
    static List<String> values(Object value) {
        if (value instanceof String single) {
            return List.of(single);
        }
        if (value instanceof List<?> list) {
            return (List<String>) list;
        }
        throw new IllegalArgumentException("a variable's value is a String or a List<String>, not " + value);
    }
}
