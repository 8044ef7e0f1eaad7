package vn.customs.cargowatch.connectors.cassandra;

import java.util.List;

/**
 * One CQL statement the sink prepares: an upsert of some columns of a table, or the delete of a row by its
 * primary key. Its bind markers follow {@link #columns()} in order. Table names are unqualified: the session
 * is bound to the keyspace.
 */
public record CqlStatement(String table, Kind kind, List<String> columns) {

    public enum Kind { UPSERT, DELETE }

    public CqlStatement {
        columns = List.copyOf(columns);
    }

    /** {@code INSERT INTO table (c1, c2, ...) VALUES (?, ?, ...)}: an upsert of the whole row. */
    public static CqlStatement upsert(String table, String... columns) {
        return new CqlStatement(table, Kind.UPSERT, List.of(columns));
    }

    /** {@code DELETE FROM table WHERE k1 = ? AND k2 = ?}: {@code keyColumns} are the full primary key. */
    public static CqlStatement delete(String table, String... keyColumns) {
        return new CqlStatement(table, Kind.DELETE, List.of(keyColumns));
    }

    public String cql() {
        return switch (kind) {
            case UPSERT -> "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(column -> "?").toList()) + ")";
            case DELETE -> "DELETE FROM " + table + " WHERE "
                    + String.join(" AND ", columns.stream().map(column -> column + " = ?").toList());
        };
    }

    /** This statement with {@code values} for its markers, in the order of {@link #columns()}. */
    public CqlWrite with(Object... values) {
        return new CqlWrite(this, values);
    }
}
