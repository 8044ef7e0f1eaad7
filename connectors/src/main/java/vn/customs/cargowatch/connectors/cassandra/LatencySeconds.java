package vn.customs.cargowatch.connectors.cassandra;

import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * A latency histogram fed in nanoseconds whose quantiles and mean read in seconds: Prometheus's base unit, so
 * the exported summary is {@code ..._latency_seconds} as its naming rules (and {@code promtool}) ask, and a
 * 3 ms write is 0.003 rather than a rounded 0. The long-valued statistics (min, max, values) stay nanoseconds.
 */
final class LatencySeconds implements Histogram {

    private static final double NANOS_PER_SECOND = 1e9;
    private final DescriptiveStatisticsHistogram nanos;

    LatencySeconds(int windowSize) {
        this.nanos = new DescriptiveStatisticsHistogram(windowSize);
    }

    @Override
    public void update(long latencyNanos) {
        nanos.update(latencyNanos);
    }

    @Override
    public long getCount() {
        return nanos.getCount();
    }

    @Override
    public HistogramStatistics getStatistics() {
        HistogramStatistics statistics = nanos.getStatistics();
        return new HistogramStatistics() {
            @Override
            public double getQuantile(double quantile) {
                return statistics.getQuantile(quantile) / NANOS_PER_SECOND;
            }

            @Override
            public long[] getValues() {
                return statistics.getValues();
            }

            @Override
            public int size() {
                return statistics.size();
            }

            @Override
            public double getMean() {
                return statistics.getMean() / NANOS_PER_SECOND;
            }

            @Override
            public double getStdDev() {
                return statistics.getStdDev() / NANOS_PER_SECOND;
            }

            @Override
            public long getMax() {
                return statistics.getMax();
            }

            @Override
            public long getMin() {
                return statistics.getMin();
            }
        };
    }
}
