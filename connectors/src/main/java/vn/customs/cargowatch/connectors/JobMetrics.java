package vn.customs.cargowatch.connectors;

import org.apache.flink.metrics.MetricGroup;

/**
 * Where cargowatch's own metrics live in Flink's metric tree, so that every one of them is exported as
 * {@code flink_taskmanager_job_task_operator_cargowatch_<labels>_<name>}: a name a dashboard can select on,
 * apart from Flink's own metrics. Labels are added as key/value groups and must have a small, fixed set of
 * values (a topic, an alert type, an ICD) — never a container, seal or trip id, which would make one series
 * per container in Prometheus.
 */
public final class JobMetrics {

    public static final String GROUP = "cargowatch";

    private JobMetrics() {}

    /** The operator's cargowatch group. */
    public static MetricGroup of(MetricGroup operator) {
        return operator.addGroup(GROUP);
    }

    /** The operator's cargowatch group with one label. */
    public static MetricGroup of(MetricGroup operator, String label, String value) {
        return operator.addGroup(GROUP).addGroup(label, value);
    }
}
