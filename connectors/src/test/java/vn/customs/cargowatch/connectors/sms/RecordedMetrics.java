package vn.customs.cargowatch.connectors.sms;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * A metric group that keeps what is registered in it, named as the Prometheus reporter would name it below the
 * operator: {@code cargowatch_kind_sms_failed{kind=permanent}} is {@code "cargowatch.kind=permanent.sms_failed"}.
 */
final class RecordedMetrics extends UnregisteredMetricsGroup {

    private final String path;
    private final Map<String, Counter> counters;
    private final Map<String, Gauge<?>> gauges;

    RecordedMetrics() {
        this("", new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    private RecordedMetrics(String path, Map<String, Counter> counters, Map<String, Gauge<?>> gauges) {
        this.path = path;
        this.counters = counters;
        this.gauges = gauges;
    }

    long count(String name) {
        Counter counter = counters.get(name);
        if (counter == null) {
            throw new AssertionError("no counter " + name + " among " + counters.keySet());
        }
        return counter.getCount();
    }

    Object gauge(String name) {
        Gauge<?> gauge = gauges.get(name);
        if (gauge == null) {
            throw new AssertionError("no gauge " + name + " among " + gauges.keySet());
        }
        return gauge.getValue();
    }

    @Override
    public Counter counter(String name) {
        return counter(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
        counters.put(path + name, counter);
        return counter;
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
        gauges.put(path + name, gauge);
        return gauge;
    }

    @Override
    public MetricGroup addGroup(String name) {
        return new RecordedMetrics(path + name + ".", counters, gauges);
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
        return new RecordedMetrics(path + key + "=" + value + ".", counters, gauges);
    }
}
