package vn.customs.cargowatch.jobs.common;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import vn.customs.cargowatch.connectors.JobMetrics;
import vn.customs.cargowatch.model.Topic;

/**
 * Input records that were read, valid, and yet used by no rule — each counted by topic and reason, so that every
 * record read is accounted for: used, dead-lettered, or counted here. Counted twice over: as the metric {@code
 * inputs_unused{topic, reason}} of a running job, and as an accumulator the replay's summary reads at its end
 * ({@link #ACCUMULATOR} {@code |topic|reason}).
 */
public final class UnusedInputs {

    /** The accumulators' names begin with this, then {@code |topic|reason}. */
    public static final String ACCUMULATOR = "inputs-unused";

    /** Why a valid record was not used. */
    public enum Reason {
        /** A seal's report while the seal is registered to no trip (idle seals report too). */
        NO_TRIP("no trip"),
        /** A seal's report while its trip is registered but not yet activated (3740 §II.2). */
        BEFORE_ACTIVATION("before activation"),
        /** A seal's report after its trip ended (arrival confirmed or seen at the gate, or cancelled). */
        AFTER_TRIP_END("after the trip ended"),
        /** The same as one already used: a fix no newer than the trip's last, a second activation or arrival. */
        DUPLICATE("duplicate"),
        /** An older version of a declaration that arrived after a newer one. */
        SUPERSEDED("superseded by a newer version"),
        /** A kind of event no rule reads. */
        NO_RULE_READS_IT("no rule reads it");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    private final RuntimeContext context;
    private final Map<String, Map<Reason, Counted>> counted = new HashMap<>();

    private record Counted(Counter metric, LongCounter accumulator) {}

    public UnusedInputs(RuntimeContext context) {
        this.context = context;
    }

    public void count(Topic<?> topic, Reason reason) {
        Counted counters = counted.computeIfAbsent(topic.name(), name -> new EnumMap<>(Reason.class))
                .computeIfAbsent(reason, ignored -> register(topic.name(), reason));
        counters.metric().inc();
        counters.accumulator().add(1);
    }

    private Counted register(String topic, Reason reason) {
        Counter metric = JobMetrics.of(context.getMetricGroup(), "topic", topic).addGroup("reason", reason.name())
                .counter("inputs_unused");
        return new Counted(metric, context.getLongCounter(ACCUMULATOR + "|" + topic + "|" + reason.name()));
    }
}
