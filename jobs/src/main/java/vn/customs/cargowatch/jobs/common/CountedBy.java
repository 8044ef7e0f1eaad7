package vn.customs.cargowatch.jobs.common;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import vn.customs.cargowatch.connectors.JobMetrics;

/**
 * Passes a stream on unchanged and counts its records in a counter per combination of label values, for the
 * operators' boards (alerts raised per type, gate matches per ICD and result, dead letters per topic and kind).
 * The label values must come from a small fixed set; a record whose {@link Labels} are null is not counted.
 */
public final class CountedBy<T> extends RichMapFunction<T, T> {

    /** The label values of a record, in the order of the label names; null for a record not to count. */
    @FunctionalInterface
    public interface Labels<T> extends Serializable {
        List<String> of(T record);
    }

    private final String name;
    private final List<String> labelNames;
    private final Labels<T> labels;
    private transient Map<List<String>, Counter> counters;

    private CountedBy(String name, List<String> labelNames, Labels<T> labels) {
        this.name = name;
        this.labelNames = List.copyOf(labelNames);
        this.labels = labels;
    }

    /** {@code stream}, counted as {@code name} by {@code labelNames}; the operator gets {@code uid}. */
    public static <T> SingleOutputStreamOperator<T> count(DataStream<T> stream, String name, List<String> labelNames,
            Labels<T> labels, String uid) {
        return stream.map(new CountedBy<>(name, labelNames, labels)).returns(stream.getType())
                .name("count " + name).uid(uid);
    }

    @Override
    public void open(OpenContext openContext) {
        counters = new HashMap<>();
    }

    @Override
    public T map(T record) {
        List<String> values = labels.of(record);
        if (values != null) {
            counters.computeIfAbsent(values, this::register).inc();
        }
        return record;
    }

    private Counter register(List<String> values) {
        MetricGroup group = JobMetrics.of(getRuntimeContext().getMetricGroup());
        for (int i = 0; i < labelNames.size(); i++) {
            group = group.addGroup(labelNames.get(i), values.get(i));
        }
        return group.counter(name);
    }
}
