package vn.customs.cargowatch.jobs.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.customs.cargowatch.jobs.alerts.NearestOfficeEnricher;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.ReviewAction;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Topic;

/**
 * The shift's review list as the officers work through it (1572 §I.4.2, §II.1.5: incomplete reads are completed, and
 * corrected ones confirmed, before the end of the shift), keyed by the listed read's {@code eventId}. It passes each
 * item of {@link GateMatcher#REVIEW} on, open, and emits it again as the officers review it: COMPLETED by a read by
 * hand that names it in {@code completes} (the read itself is matched like any read, whatever happens here), or
 * CONFIRMED by a {@code gate.review.actions} record. {@link ReviewRules} says what is refused; a refusal goes to
 * {@link #REFUSED}, the item unchanged.
 *
 * <p>Items, reads and actions are held until the watermark passes them and taken in event-time order (an item before
 * a review of the same instant), as {@code AlertActions} takes alerts and actions, so every replay and every
 * parallelism reviews the same. With a signing key, a review action without a right signature is refused as it
 * arrives ({@link ActionSignature}); reads by hand are not signed (they come on the cameras' topic).
 *
 * <p>State: the item, until {@link #KEPT_AFTER_SHIFT} of event time after the end of the shift it is due by; a
 * review after that is refused as of an unlisted read.
 */
public class ShiftReview extends KeyedBroadcastProcessFunction<String, ShiftReview.Input, CustomsOffice, ReviewItem> {

    public static final OutputTag<DeadLetter> REFUSED = new OutputTag<>("refused-reviews") {};

    /** How long after its shift an item can still be reviewed: the next shift's officers finish what was left. */
    public static final Duration KEPT_AFTER_SHIFT = Duration.ofDays(1);

    /**
     * An item listed by the gate matcher, a read by hand completing one, or a review action with its line as
     * received: one keyed stream, so that the offices can be broadcast to it.
     */
    public record Input(ReviewItem item, Recognition completion, ReviewAction action, String line) {

        public static Input of(ReviewItem item) {
            return new Input(item, null, null, null);
        }

        public static Input completing(Recognition read) {
            return new Input(null, read, null, null);
        }

        public static Input of(ReviewAction action, String line) {
            return new Input(null, null, action, line);
        }

        public String eventId() {
            return item != null ? item.eventId() : completion != null ? completion.completes() : action.eventId();
        }

        Instant ts() {
            return item != null ? item.ts() : completion != null ? completion.ts() : action.ts();
        }

        int order() {
            return item != null ? 0 : completion != null ? 1 : 2;
        }

        String by() {
            return item != null ? "" : completion != null ? completion.enteredBy() : action.by();
        }
    }

    /** The key review actions must be signed with; null: signatures are not checked. */
    private final ActionSignature.Key signingKey;
    private transient EventTimeBuffer<Input> pending;
    private transient ValueState<ReviewItem> listed;
    private transient ValueState<Long> forgetAt;

    public ShiftReview(ActionSignature.Key signingKey) {
        this.signingKey = signingKey;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = new EventTimeBuffer<>(getRuntimeContext(), "pending-reviews", Input.class,
                Comparator.comparingInt(Input::order).thenComparing(Input::by));
        listed = getRuntimeContext().getState(new ValueStateDescriptor<>("review-item", ReviewItem.class));
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
    }

    @Override
    public void processElement(Input input, ReadOnlyContext ctx, Collector<ReviewItem> out) throws Exception {
        if (input.action() != null && signingKey != null) {
            String unsigned = ActionSignature.problem(input.action(), signingKey);
            if (unsigned != null) {
                refuse(Topic.GATE_REVIEW_ACTIONS, payload(input), unsigned, ctx);
                return;
            }
        }
        // an item is emitted once the watermark has passed its read: held to its own record's time, not the read's
        long at = input.item() != null && ctx.timestamp() != null
                ? Math.max(ctx.timestamp(), input.ts().toEpochMilli()) : input.ts().toEpochMilli();
        pending.add(at, input, ctx.timerService());
    }

    @Override
    public void processBroadcastElement(CustomsOffice office, Context ctx, Collector<ReviewItem> out) throws Exception {
        ctx.getBroadcastState(NearestOfficeEnricher.OFFICES).put(office.unitCode(), office);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ReviewItem> out) throws Exception {
        for (Input input : pending.release(timestamp)) {
            Topic<?> topic = input.item() != null ? Topic.GATE_REVIEW
                    : input.completion() != null ? Topic.CAMERA_RECOGNITIONS : Topic.GATE_REVIEW_ACTIONS;
            InternalErrors.guard("shift review", topic.name(), payload(input),
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> take(input, ctx, out));
        }
        Long due = forgetAt.value();
        if (due != null && due == timestamp) {
            listed.clear();
            forgetAt.clear();
        }
    }

    private void take(Input input, ReadOnlyContext ctx, Collector<ReviewItem> out) throws Exception {
        if (input.item() != null) {
            list(input.item(), ctx, out);
            return;
        }
        ReviewItem item = listed.value();
        List<CustomsOffice> offices =
                NearestOfficeEnricher.offices(ctx.getBroadcastState(NearestOfficeEnricher.OFFICES));
        if (input.completion() != null) {
            String refusal = ReviewRules.completionRefusal(item, input.completion(), offices);
            if (refusal != null) {
                refuse(Topic.CAMERA_RECOGNITIONS, payload(input),
                        "the read by hand was matched, but completes nothing on the review list: " + refusal, ctx);
            } else {
                review(item.completedBy(input.completion()), out);
            }
        } else {
            String refusal = ReviewRules.actionRefusal(item, input.action(), offices);
            if (refusal != null) {
                refuse(Topic.GATE_REVIEW_ACTIONS, payload(input), refusal, ctx);
            } else {
                review(item.confirmedBy(input.action()), out);
            }
        }
    }

    private void list(ReviewItem item, ReadOnlyContext ctx, Collector<ReviewItem> out) throws Exception {
        out.collect(item);
        listed.update(item);
        Long due = forgetAt.value();
        long forget = item.shiftEnd().plus(KEPT_AFTER_SHIFT).toEpochMilli();
        if (due == null || forget > due) {
            if (due != null && !pending.holds(due)) {
                ctx.timerService().deleteEventTimeTimer(due);
            }
            ctx.timerService().registerEventTimeTimer(forget);
            forgetAt.update(forget);
        }
    }

    private void review(ReviewItem reviewed, Collector<ReviewItem> out) throws Exception {
        out.collect(reviewed);
        listed.update(reviewed);
    }

    private static void refuse(Topic<?> topic, String payload, String reason, ReadOnlyContext ctx) {
        ctx.output(REFUSED, new DeadLetter(topic.name(), reason, payload,
                Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()), DeadLetter.Kind.REFUSED));
    }

    private static String payload(Input input) {
        return input.line() != null ? input.line()
                : Json.write(input.item() != null ? input.item() : input.completion() != null ? input.completion()
                        : input.action());
    }
}
