package vn.customs.cargowatch.connectors.cassandra;

import vn.customs.cargowatch.connectors.JobMetrics;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.customs.cargowatch.model.Topic;

/**
 * One sink subtask's writer: a lease on the JVM's shared session ({@link CassandraSessions#share}), the topic's
 * prepared statements, and the bounded, retried asynchronous writes ({@link AsyncWrites}). {@link #flush} — on every
 * checkpoint and at the end of input — returns only once everything written before it is in Cassandra.
 *
 * <p>Metrics, labelled by topic ({@link JobMetrics}): {@code cassandra_writes} (statements acknowledged),
 * {@code cassandra_retries}, {@code cassandra_in_flight}, {@code cassandra_write_latency_seconds} (from the first
 * attempt to the acknowledgement, retries included), {@code cassandra_records_skipped} (records that lack a key
 * field); and Flink's own {@code numRecordsSend}.
 */
final class CassandraSinkWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraSinkWriter.class);
    private static final long RETRY_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Topic<T> topic;
    private final TableMapping<T> mapping;
    private final CassandraSessions.Lease lease;
    private final CqlSession session;
    private final CodecRegistry codecs;
    private final Map<CqlStatement, PreparedStatement> prepared = new HashMap<>();
    private final AsyncWrites writes;

    private final Counter recordsSent;
    private final Counter recordsSkipped;
    private final Counter acknowledged = new ThreadSafeSimpleCounter();
    private final Counter retries = new ThreadSafeSimpleCounter();
    private final Histogram latency = new LatencySeconds(1000);
    private final AtomicLong lastRetryLog = new AtomicLong(System.nanoTime() - RETRY_LOG_INTERVAL_NANOS);

    private long lastTimestampMicros;

    CassandraSinkWriter(CassandraSettings settings, Topic<T> topic, SinkWriterMetricGroup metrics) throws IOException {
        this.topic = topic;
        this.mapping = TopicMappings.of(topic);
        try {
            this.lease = CassandraSessions.share(settings);
        } catch (DriverException e) {
            throw new IOException("cannot connect to Cassandra at " + settings.contactPoints() + " (keyspace "
                    + settings.keyspace() + "): " + e.getMessage(), e);
        }
        this.session = lease.session();
        try {
            for (CqlStatement statement : mapping.statements()) {
                prepared.put(statement, session.prepare(statement.cql()));
            }
        } catch (DriverException e) {
            closeSession();
            throw new IOException("cannot prepare the statements of " + topic + " (is the schema applied? "
                    + "./cargowatch schema apply): " + e.getMessage(), e);
        }
        this.codecs = session.getContext().getCodecRegistry();
        this.writes = new AsyncWrites(settings.maxInFlight(), settings.retryBackoff(), settings.maxRetryBackoff(),
                CassandraErrors::isTransient, new AsyncWrites.Listener() {
                    @Override
                    public void succeeded(long latencyNanos) {
                        acknowledged.inc();
                        latency.update(latencyNanos);
                    }

                    @Override
                    public void retrying(Throwable error, int attempt, Duration backoff) {
                        retries.inc();
                        logRetry(error, attempt, backoff);
                    }
                });
        this.recordsSent = metrics.getNumRecordsSendCounter();
        this.recordsSkipped = metrics.getNumRecordsOutErrorsCounter();
        MetricGroup group = JobMetrics.of(metrics, "topic", topic.name());
        group.counter("cassandra_writes", acknowledged);
        group.counter("cassandra_retries", retries);
        group.counter("cassandra_records_skipped", recordsSkipped);
        group.gauge("cassandra_in_flight", writes::inFlight);
        group.histogram("cassandra_write_latency_seconds", latency);
    }

    @Override
    public void write(T record, Context context) throws IOException, InterruptedException {
        List<CqlWrite> recordWrites;
        try {
            recordWrites = mapping.writes(record);
        } catch (TableMapping.UnstorableRecordException e) {
            recordsSkipped.inc();
            LOG.warn("Skipped a {} record: {}", topic, e.getMessage());
            return;
        }
        long timestamp = nextTimestampMicros();
        for (CqlWrite write : recordWrites) {
            BoundStatement statement = bind(write, timestamp);
            writes.submit(() -> session.executeAsync(statement));
        }
        recordsSent.inc();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writes.awaitAll();
    }

    @Override
    public void close() {
        writes.close();
        closeSession();
    }

    /**
     * A bound statement with the record's write timestamp: a retry keeps it, so a retried older version of a
     * row never overwrites a newer one, and a delete (an alert closed, a container gone) beats the upserts
     * before it.
     */
    private BoundStatement bind(CqlWrite write, long timestampMicros) {
        PreparedStatement statement = prepared.get(write.statement());
        ColumnDefinitions variables = statement.getVariableDefinitions();
        BoundStatementBuilder builder = statement.boundStatementBuilder();
        List<Object> values = write.values();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value != null) { // null stays unset: no tombstone, nothing an earlier version wrote is cleared
                builder = builder.set(i, value, codecs.codecFor(variables.get(i).getType(), value));
            }
        }
        return builder.setIdempotence(true).setQueryTimestamp(timestampMicros).build();
    }

    /** Wall-clock microseconds, strictly increasing within this writer. */
    private long nextTimestampMicros() {
        long now = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        lastTimestampMicros = Math.max(now, lastTimestampMicros + 1);
        return lastTimestampMicros;
    }

    private void logRetry(Throwable error, int attempt, Duration backoff) {
        long now = System.nanoTime();
        long last = lastRetryLog.get();
        if (now - last >= RETRY_LOG_INTERVAL_NANOS && lastRetryLog.compareAndSet(last, now)) {
            LOG.warn("Cassandra write of {} failed ({}); retrying in {} ms (attempt {}), {} writes in flight, "
                    + "{} retries so far", topic, error.toString(), backoff.toMillis(), attempt, writes.inFlight(),
                    retries.getCount());
        }
    }

    private void closeSession() {
        lease.close();
    }
}
