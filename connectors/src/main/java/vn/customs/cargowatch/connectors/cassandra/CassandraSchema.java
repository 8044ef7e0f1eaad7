package vn.customs.cargowatch.connectors.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a CQL script such as {@code ops/src/main/resources/cql/cargowatch.cql}: its statements one by one,
 * {@code ${name}} placeholders filled, comments dropped. The driver waits for schema agreement after each.
 */
public final class CassandraSchema {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.]*)}");
    private static final Pattern CREATE_IF_NOT_EXISTS = Pattern.compile(
            "^CREATE\\s+(KEYSPACE|TABLE|TYPE)\\s+IF\\s+NOT\\s+EXISTS\\s+([A-Za-z0-9_\".]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ADD_IF_NOT_EXISTS = Pattern.compile(
            "^ALTER\\s+TABLE\\s+([A-Za-z0-9_\".]+)\\s+ADD\\s+IF\\s+NOT\\s+EXISTS\\s+([A-Za-z0-9_\"]+)",
            Pattern.CASE_INSENSITIVE);

    private CassandraSchema() {}

    /** The replication of a keyspace on one datacenter with {@code factor} copies of each row. */
    public static String simpleReplication(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("a replication factor is at least 1, not " + factor);
        }
        return "{'class': 'SimpleStrategy', 'replication_factor': " + factor + "}";
    }

    /** The placeholders of cargowatch.cql. */
    public static Map<String, String> placeholders(String keyspace, int replicationFactor) {
        return Map.of("keyspace", keyspace, "replication", simpleReplication(replicationFactor));
    }

    /**
     * The statements of {@code script}, without comments and the terminating {@code ;}, placeholders filled.
     *
     * @throws IllegalArgumentException for a placeholder {@code values} does not fill, or an unterminated quote
     */
    public static List<String> statements(String script, Map<String, String> values) {
        List<String> statements = new ArrayList<>();
        for (String statement : split(script)) {
            Matcher matcher = PLACEHOLDER.matcher(statement);
            StringBuilder filled = new StringBuilder();
            while (matcher.find()) {
                String value = values.get(matcher.group(1));
                if (value == null) {
                    throw new IllegalArgumentException("the CQL script has a placeholder ${" + matcher.group(1)
                            + "} with no value");
                }
                matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(filled);
            statements.add(filled.toString());
        }
        return statements;
    }

    /**
     * Runs each statement, reporting one line per statement: what it created, or that it existed already
     * ({@code CREATE ... IF NOT EXISTS} leaves an existing keyspace or table as it is, options included; {@code
     * ALTER TABLE ... ADD IF NOT EXISTS} a column the table has).
     *
     * @return how many keyspaces, tables, types and columns it created
     */
    public static int apply(CqlSession session, List<String> statements, Consumer<String> report) {
        int created = 0;
        for (String statement : statements) {
            Matcher create = CREATE_IF_NOT_EXISTS.matcher(statement);
            Matcher add = ADD_IF_NOT_EXISTS.matcher(statement);
            if (add.find()) {
                String table = add.group(1);
                String column = add.group(2);
                boolean existed = columnExists(session.getMetadata(), table, column);
                session.execute(statement);
                if (existed) {
                    report.accept("column " + column + " of table " + table + " exists already (left as it is)");
                } else {
                    created++;
                    report.accept("added column " + column + " to table " + table);
                }
            } else if (create.find()) {
                String kind = create.group(1).toLowerCase();
                String name = create.group(2);
                boolean existed = exists(session.getMetadata(), kind, name);
                session.execute(statement);
                if (existed) {
                    report.accept(kind + " " + name + " exists already (left as it is)");
                } else {
                    created++;
                    report.accept("created " + kind + " " + name);
                }
            } else {
                session.execute(statement);
                report.accept("applied: " + statement.lines().findFirst().orElse(statement));
            }
        }
        return created;
    }

    private static boolean exists(Metadata metadata, String kind, String name) {
        if (kind.equals("keyspace")) {
            return metadata.getKeyspace(CqlIdentifier.fromCql(name)).isPresent();
        }
        int dot = name.indexOf('.');
        if (dot < 0) {
            return false; // unqualified: said as created, CREATE ... IF NOT EXISTS decides
        }
        Optional<KeyspaceMetadata> keyspace = metadata.getKeyspace(CqlIdentifier.fromCql(name.substring(0, dot)));
        CqlIdentifier element = CqlIdentifier.fromCql(name.substring(dot + 1));
        return keyspace.map(k -> kind.equals("table") ? k.getTable(element).isPresent()
                : k.getUserDefinedType(element).isPresent()).orElse(false);
    }

    private static boolean columnExists(Metadata metadata, String table, String column) {
        int dot = table.indexOf('.');
        if (dot < 0) {
            return false; // unqualified: said as added, ADD IF NOT EXISTS decides
        }
        return metadata.getKeyspace(CqlIdentifier.fromCql(table.substring(0, dot)))
                .flatMap(keyspace -> keyspace.getTable(CqlIdentifier.fromCql(table.substring(dot + 1))))
                .flatMap(found -> found.getColumn(CqlIdentifier.fromCql(column))).isPresent();
    }

    /** Splits on {@code ;} outside quotes, dropping {@code --}, {@code //} and block comments. */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            char next = i + 1 < n ? script.charAt(i + 1) : '\0';
            if (c == '\'' || c == '"' || c == '$' && next == '$') {
                String quote = c == '$' ? "$$" : String.valueOf(c);
                int end = closingQuote(script, i + quote.length(), quote);
                if (end < 0) {
                    throw new IllegalArgumentException("the CQL script has an unterminated " + quote + " quote");
                }
                current.append(script, i, end + quote.length());
                i = end + quote.length();
            } else if (c == '-' && next == '-' || c == '/' && next == '/') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && next == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                current.append(' ');
            } else if (c == ';') {
                add(statements, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    /** Where {@code quote} closes, a doubled single or double quote being an escaped one. */
    private static int closingQuote(String script, int from, String quote) {
        int i = from;
        while (true) {
            int end = script.indexOf(quote, i);
            if (end < 0 || quote.equals("$$")) {
                return end;
            }
            if (end + 1 < script.length() && script.charAt(end + 1) == quote.charAt(0)) {
                i = end + 2;
            } else {
                return end;
            }
        }
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement.replaceAll("[ \\t]+\\n", "\n"));
        }
        current.setLength(0);
    }
}
