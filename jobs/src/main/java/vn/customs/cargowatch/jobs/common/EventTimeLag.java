package vn.customs.cargowatch.jobs.common;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import vn.customs.cargowatch.connectors.JobMetrics;

/**
 * How far an operator's event time is behind the wall clock: now − its last seen watermark, in seconds
 * ({@code event_time_lag_seconds}, labelled by stream). Live, it grows when input stops or stalls, which is
 * what an operator must see before deadlines (a stop, a lost signal) fire late. In a replay of old data it is
 * the data's age. NaN until the first watermark.
 */
public final class EventTimeLag implements Gauge<Double> {

    private volatile long watermark = Long.MIN_VALUE;

    private EventTimeLag() {}

    public static EventTimeLag register(MetricGroup operator, String stream) {
        return JobMetrics.of(operator, "stream", stream).gauge("event_time_lag_seconds", new EventTimeLag());
    }

    /** Called with the operator's current watermark as it handles a record. */
    public void observe(long currentWatermark) {
        watermark = currentWatermark;
    }

    @Override
    public Double getValue() {
        long seen = watermark;
        if (seen == Long.MIN_VALUE || seen == Long.MAX_VALUE) {
            return Double.NaN;
        }
        return (System.currentTimeMillis() - seen) / 1000.0;
    }
}
