package vn.customs.cargowatch.connectors.cassandra;

import java.util.List;

/**
 * How the records of one topic are stored: the statements to prepare, and the writes of one record — one
 * record may write several tables (the same alert by id, by day, by trip, under its units).
 */
public interface TableMapping<T> {

    /** Every statement {@link #writes} may use, prepared once per writer. */
    List<CqlStatement> statements();

    /**
     * The writes of one record, all idempotent (upserts and deletes by natural keys).
     *
     * @throws UnstorableRecordException if the record lacks a field its rows are keyed by
     */
    List<CqlWrite> writes(T record);

    /**
     * The record's natural id. Versions of one record (an alert raised, then ended) go to the same sink writer
     * in the order they were emitted, so the last version is the one that stays.
     */
    String key(T record);

    /** A record whose rows cannot be keyed (a required field is missing): it is counted and skipped. */
    final class UnstorableRecordException extends IllegalArgumentException {
        public UnstorableRecordException(String message) {
            super(message);
        }
    }
}
