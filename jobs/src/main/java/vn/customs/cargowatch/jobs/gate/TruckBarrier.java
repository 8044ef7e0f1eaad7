package vn.customs.cargowatch.jobs.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Topic;

/**
 * A truck's barrier (1572 §II.3.2.d), keyed by its recognition's {@code eventId}: joins the decisions of its
 * containers, made apart by {@link GateMatcher}, and writes its {@code gate.matches} with the barrier that takes them
 * all ({@link GateRules#withBarrier}: a two-container truck leaves only when both may).
 *
 * <p>A one-container truck decided in event time passes straight through, keeping nothing. Live, the containers'
 * decisions on arrival make the first answer; event time's decisions then make the truck's final one, and a match
 * that differs from the answer on arrival is written again under the same {@code eventId} with a {@code correction}
 * saying what it corrects and why — its own container's late declarations, or the other container's decision that
 * changed the barrier. So the last record of every {@code eventId} is the event-time decision. A container decided
 * again (the camera's record sent twice) decides the truck again with the newest decision of each container.
 *
 * <p>State: the truck's decisions so far, until event time passes its containers' declaration wait
 * ({@code gate.declarationWait}) after the truck, or after the watermark when the truck came late: by then every
 * container has been decided. A truck still missing a container then is an internal error on {@code deadletter}.
 */
public class TruckBarrier extends KeyedProcessFunction<String, ContainerDecision, GateMatch> {

    /** A truck's container decisions so far, and the matches written for it on arrival. */
    public record Truck(List<ContainerDecision> onArrival, List<ContainerDecision> inEventTime,
            List<GateMatch> writtenOnArrival, long forgetAt) {}

    private final GateSettings settings;

    private transient ValueState<Truck> truck;

    public TruckBarrier(GateSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        truck = getRuntimeContext().getState(new ValueStateDescriptor<>("truck", TypeInformation.of(Truck.class)));
    }

    @Override
    public void processElement(ContainerDecision decision, Context ctx, Collector<GateMatch> out) throws Exception {
        InternalErrors.guard("truck barrier", Topic.CAMERA_RECOGNITIONS.name(), decision.match(),
                letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> join(decision, ctx, out));
    }

    private void join(ContainerDecision decision, Context ctx, Collector<GateMatch> out) throws Exception {
        Truck known = truck.value();
        if (known == null && decision.parts() == 1 && !decision.onArrival()) {
            GateRules.withBarrier(decision.direction(), List.of(decision.match())).forEach(out::collect);
            return;
        }
        if (known == null) {
            long after = Math.max(decision.match().ts().toEpochMilli(), ctx.timerService().currentWatermark());
            known = new Truck(List.of(), List.of(), List.of(), after + settings.declarationWait().toMillis() + 1);
            ctx.timerService().registerEventTimeTimer(known.forgetAt());
        }
        if (decision.onArrival()) {
            List<ContainerDecision> onArrival = replacing(known.onArrival(), decision);
            List<GateMatch> written = known.writtenOnArrival();
            if (onArrival.size() == decision.parts()) {
                written = barrier(onArrival);
                written.forEach(out::collect);
            }
            truck.update(new Truck(onArrival, known.inEventTime(), written, known.forgetAt()));
            return;
        }
        List<ContainerDecision> inEventTime = replacing(known.inEventTime(), decision);
        if (inEventTime.size() == decision.parts()) {
            for (GateMatch match : barrier(inEventTime)) {
                GateMatch before = known.writtenOnArrival().stream()
                        .filter(earlier -> earlier.eventId().equals(match.eventId())).findFirst().orElse(null);
                if (before == null) {
                    out.collect(match);
                } else if (!before.equals(match)) {
                    out.collect(match.correcting(correction(before, match, inEventTime)));
                }
            }
        }
        truck.update(new Truck(known.onArrival(), inEventTime, known.writtenOnArrival(), known.forgetAt()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<GateMatch> out) throws Exception {
        Truck known = truck.value();
        if (known == null || known.forgetAt() != timestamp) {
            return;
        }
        truck.clear();
        int parts = known.inEventTime().isEmpty() ? 0 : known.inEventTime().get(0).parts();
        if (known.inEventTime().isEmpty() || known.inEventTime().size() < parts) {
            InternalErrors.guard("truck barrier", Topic.CAMERA_RECOGNITIONS.name(),
                    Map.of("eventId", ctx.getCurrentKey(), "decided", known.inEventTime().size(), "of", parts),
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> {
                        throw new IllegalStateException("a truck's containers were not all decided in event time");
                    });
        }
    }

    /** The truck's matches, in the order its containers were read, with the barrier they make together. */
    private static List<GateMatch> barrier(List<ContainerDecision> decisions) {
        return GateRules.withBarrier(decisions.get(0).direction(),
                decisions.stream().sorted(Comparator.comparingInt(ContainerDecision::part))
                        .map(ContainerDecision::match).toList());
    }

    /** The decisions with {@code decision} in place of an earlier one of its container. */
    private static List<ContainerDecision> replacing(List<ContainerDecision> decisions, ContainerDecision decision) {
        List<ContainerDecision> replaced = new ArrayList<>(decisions);
        replaced.removeIf(earlier -> earlier.part() == decision.part());
        replaced.add(decision);
        return List.copyOf(replaced);
    }

    /**
     * Why event time's decision replaces the one made on arrival: the late declarations that concern the container
     * (the one either decision rests on, or one listing it), else what event time decided.
     */
    private static String correction(GateMatch onArrival, GateMatch decided, List<ContainerDecision> decisions) {
        List<String> concerned = decisions.stream()
                .filter(decision -> decision.match().eventId().equals(decided.eventId()))
                .flatMap(decision -> decision.lateDeclarations().stream()).toList();
        String before = "corrects the decision made on the truck's arrival (" + onArrival.result() + ", barrier "
                + onArrival.barrier() + (onArrival.declarationNo() == null ? "" : ", declaration "
                + onArrival.declarationNo()) + "): ";
        if (concerned.isEmpty()) {
            return before + "event time, with every record stamped no later than the truck, decides otherwise";
        }
        return before + (concerned.size() == 1 ? "declaration " : "declarations ")
                + String.join(", ", concerned) + ", stamped no later than the truck, reached the gate after it";
    }
}
