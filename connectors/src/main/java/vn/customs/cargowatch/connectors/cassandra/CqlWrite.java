package vn.customs.cargowatch.connectors.cassandra;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One write of one record: a statement and the values of its markers. A {@code null} value is left unset
 * when bound, so it neither writes a tombstone nor clears what an earlier version of the record wrote.
 * Values are of the Java types the driver maps to the columns: String (text), Instant (timestamp),
 * LocalDate (date), Double (double), Integer (int), UUID (uuid), List of String (list&lt;text&gt;).
 */
public final class CqlWrite {

    private final CqlStatement statement;
    private final List<Object> values;

    CqlWrite(CqlStatement statement, Object... values) {
        if (values.length != statement.columns().size()) {
            throw new IllegalArgumentException(statement.cql() + " takes " + statement.columns().size()
                    + " values, not " + values.length);
        }
        this.statement = statement;
        this.values = Collections.unmodifiableList(Arrays.asList(values.clone()));
    }

    public CqlStatement statement() {
        return statement;
    }

    /** The values in the order of the statement's columns; {@code null} for unset. */
    public List<Object> values() {
        return values;
    }

    /** Column → value, for tests and logs. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            map.put(statement.columns().get(i), values.get(i));
        }
        return map;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CqlWrite write && write.statement.equals(statement) && write.values.equals(values);
    }

    @Override
    public int hashCode() {
        return statement.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        return statement.kind() + " " + statement.table() + " " + asMap();
    }
}
