package vn.customs.cargowatch.jobs.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.EventTimeLag;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.common.UnusedInputs;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.jobs.gate.GateRules.ContainerRead;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.YardEntry;

/**
 * One container at one ICD's gates (1572/QĐ-TCHQ), keyed by ICD and container number ({@link GateInput#keyOf}):
 * the versions of the declarations that list it, the sealed trip bringing it, its yard entry and its reads by the
 * gate cameras live together, and every read becomes a {@link ContainerDecision} by {@link GateRules} in event-time
 * order — so a truck is judged by the declarations as of its time. {@link TruckBarrier} joins a truck's containers
 * into its {@code gate.matches} and barrier; {@link CameraSilenceRule} watches the cameras.
 *
 * <p>An IN container that no declaration lists yet waits up to {@code gate.declarationWait} (event time) for one,
 * since the documents may reach the system a little after the truck; OUT decisions are made at the recognition's
 * time. Besides the decisions: gate alerts ({@link #ALERTS}), the yard inventory, in minus out ({@link #YARD}), the
 * shift review list of incomplete and corrected reads ({@link #REVIEW}), and arrivals of sealed trips seen at the
 * gate ({@link #ARRIVALS}, 3740 §II.3).
 *
 * <p><b>Live</b> ({@code liveWithin}: records arrive as they happen), the barrier does not wait for the watermark
 * (1572 §II.3.2.d: it opens as the container leaves): an OUT read is decided as soon as it arrives, from the
 * declarations known at that moment up to its time — those event time has applied and those received but still held
 * for the watermark — if the truck can still be at the barrier: its recognition is stamped no more than {@code
 * liveWithin} ({@code events.outOfOrderness}) before the wall clock. When the watermark passes the truck, event time
 * decides it as a replay would, naming the declarations stamped no later than the truck that reached the gate after
 * it ({@link ContainerDecision#lateDeclarations}), for {@link TruckBarrier} to say why it corrects the barrier. A
 * replay ({@code liveWithin} null) decides everything in event time.
 *
 * <p>State ends: a read when decided; a declaration {@code gate.declarationRetention} after its last update; the yard
 * entry when the container leaves; the trip when it arrives or stops being headed here; live, a decision made on
 * arrival and a declaration held for the watermark when the watermark passes them.
 */
public class GateMatcher extends KeyedProcessFunction<String, GateInput, ContainerDecision> {

    public static final OutputTag<Alert> ALERTS = new OutputTag<>("gate-alerts") {};
    public static final OutputTag<YardEntry> YARD = new OutputTag<>("yard-inventory") {};
    public static final OutputTag<ReviewItem> REVIEW = new OutputTag<>("gate-review") {};
    public static final OutputTag<TripEvent> ARRIVALS = new OutputTag<>("camera-arrivals") {};

    private final GateSettings settings;
    private final long liveWithinMillis;

    private transient EventTimeBuffer<GateInput> pending;
    private transient MapState<String, Declaration> declarations;
    private transient ValueState<String> listedBy;
    private transient MapState<Long, List<String>> declarationsExpiring;
    private transient ValueState<TripDestination> tripHeadedHere;
    private transient MapState<String, ContainerRead> waitingForDeclaration;
    private transient ValueState<YardEntry> inYard;
    private transient ListState<Declaration> declarationsHeld;
    private transient MapState<String, DecidedOnArrival> decidedOnArrival;
    private transient EventTimeLag lag;
    private transient UnusedInputs unused;

    /** A replay's: everything in event time. */
    public GateMatcher(GateSettings settings) {
        this(settings, null);
    }

    /**
     * @param liveWithin live: the barrier of a truck leaving is decided as its recognition arrives, if stamped no more
     *     than this before the wall clock ({@code events.outOfOrderness}); null for a replay
     */
    public GateMatcher(GateSettings settings, Duration liveWithin) {
        this.settings = settings;
        this.liveWithinMillis = liveWithin == null ? -1 : liveWithin.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        var context = getRuntimeContext();
        pending = new EventTimeBuffer<>(context, "pending", GateInput.class, Comparator.comparingInt(GateInput::order));
        declarations = context.getMapState(new MapStateDescriptor<>("declarations", Types.STRING,
                TypeInformation.of(Declaration.class)));
        listedBy = context.getState(new ValueStateDescriptor<>("listed-by", Types.STRING));
        declarationsExpiring = context.getMapState(
                new MapStateDescriptor<>("declarations-expiring", Types.LONG, Types.LIST(Types.STRING)));
        tripHeadedHere = context.getState(new ValueStateDescriptor<>("trip-headed-here",
                TypeInformation.of(TripDestination.class)));
        waitingForDeclaration = context.getMapState(new MapStateDescriptor<>("waiting-for-declaration", Types.STRING,
                TypeInformation.of(ContainerRead.class)));
        inYard = context.getState(new ValueStateDescriptor<>("in-yard", TypeInformation.of(YardEntry.class)));
        declarationsHeld = context.getListState(new ListStateDescriptor<>("declarations-held",
                TypeInformation.of(Declaration.class)));
        decidedOnArrival = context.getMapState(new MapStateDescriptor<>("decided-on-arrival", Types.STRING,
                TypeInformation.of(DecidedOnArrival.class)));
        lag = EventTimeLag.register(context.getMetricGroup(), "gate");
        unused = new UnusedInputs(context);
    }

    @Override
    public void processElement(GateInput input, Context ctx, Collector<ContainerDecision> out) throws Exception {
        lag.observe(ctx.timerService().currentWatermark());
        if (decidesOnArrival()) {
            long now = ctx.timerService().currentProcessingTime();
            InternalErrors.guard("ICD gates", input.topic().name(), input.record(),
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter),
                    () -> onArrival(input, now, ctx.getCurrentKey(), out));
        }
        pending.add(input.ts().toEpochMilli(), input, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ContainerDecision> out) throws Exception {
        lag.observe(ctx.timerService().currentWatermark());
        boolean declarationsReleased = false;
        for (GateInput input : pending.release(timestamp)) {
            declarationsReleased |= input.declaration() != null;
            InternalErrors.guard("ICD gates", input.topic().name(), input.record(),
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> {
                        if (input.declaration() != null) {
                            onDeclaration(input.declaration(), input.counted(), ctx, out);
                        } else if (input.trip() != null) {
                            onTrip(input.trip());
                        } else {
                            onRead(input.container(), ctx, out);
                        }
                    });
        }
        if (decidesOnArrival() && declarationsReleased) {
            forgetDeclarationsHeldUpTo(timestamp);
        }
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        InternalErrors.guard("ICD gates", Topic.CAMERA_RECOGNITIONS.name(),
                Map.of("container", ctx.getCurrentKey(), "deadline", Instant.ofEpochMilli(timestamp)),
                letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> {
                    decideWaitingDueBy(timestamp, endOfInput, ctx, out);
                    forgetDeclarationsExpiringAt(timestamp, ctx);
                });
    }

    // ---- documents and trips ----

    private void onDeclaration(Declaration declaration, boolean counted, Context ctx,
            Collector<ContainerDecision> out) throws Exception {
        Declaration known = declarations.get(declaration.declarationNo());
        if (known != null && known.ts().isAfter(declaration.ts())) {
            if (counted) {
                unused.count(Topic.CUSTOMS_DECLARATIONS, UnusedInputs.Reason.SUPERSEDED); // the newer one stands
            }
            return;
        }
        String key = ctx.getCurrentKey();
        if (known != null && declaration.declarationNo().equals(listedBy.value()) && lists(known, key)) {
            listedBy.clear();
        }
        declarations.put(declaration.declarationNo(), declaration);
        if (lists(declaration, key)) {
            listedBy.update(declaration.declarationNo());
        }
        long expiry = declaration.ts().toEpochMilli() + settings.declarationRetention().toMillis();
        List<String> expiring = declarationsExpiring.get(expiry);
        expiring = expiring == null ? new ArrayList<>() : new ArrayList<>(expiring);
        if (!expiring.contains(declaration.declarationNo())) {
            expiring.add(declaration.declarationNo()); // an exact duplicate expires once
        }
        declarationsExpiring.put(expiry, expiring);
        ctx.timerService().registerEventTimeTimer(expiry);
        // A truck waiting at the IN gate for exactly this document is decided now.
        for (ContainerRead waiting : copyOf(waitingForDeclaration.values())) {
            List<GateRules.Finding> findings = new ArrayList<>();
            GateMatch match = GateRules.decideContainer(waiting, this::declarationOf, findings);
            if (!GateRules.waitsForDeclaration(match)) {
                waitingForDeclaration.remove(waiting.eventId());
                publish(waiting, match, findings, declaration.ts(), null, ctx, out);
            }
        }
    }

    private void onTrip(TripDestination trip) throws Exception {
        if (trip.active()) {
            tripHeadedHere.update(trip);
        } else {
            TripDestination known = tripHeadedHere.value();
            if (known != null && known.tripId().equals(trip.tripId())) {
                tripHeadedHere.clear();
            }
        }
    }

    /** The declaration listing this key's container, not cancelled, as event time has applied them; or null. */
    private Declaration declarationOf(String containerNo) {
        try {
            String declarationNo = listedBy.value();
            Declaration declaration = declarationNo == null ? null : declarations.get(declarationNo);
            return declaration == null || declaration.status() == Declaration.Status.CANCELLED ? null : declaration;
        } catch (Exception e) {
            throw new IllegalStateException("reading the declarations of " + getClass().getSimpleName(), e);
        }
    }

    private void forgetDeclarationsExpiringAt(long timestamp, Context ctx) throws Exception {
        List<String> expiring = declarationsExpiring.get(timestamp);
        if (expiring == null) {
            return;
        }
        declarationsExpiring.remove(timestamp);
        for (String declarationNo : expiring) {
            Declaration declaration = declarations.get(declarationNo);
            if (declaration == null) {
                continue; // forgotten already
            }
            if (declaration.ts().toEpochMilli() + settings.declarationRetention().toMillis() <= timestamp) {
                declarations.remove(declarationNo);
                if (declarationNo.equals(listedBy.value())) {
                    listedBy.clear();
                }
            }
        }
    }

    /** Whether {@code declaration} lists the container of {@code key} at its ICD. */
    private static boolean lists(Declaration declaration, String key) {
        return GateInput.keysListedBy(declaration).contains(key);
    }

    // ---- live: the barrier on arrival (1572 §II.3.2.d) ----

    /** A decision made on a truck's arrival, and the declarations stamped no later than it that arrived after it. */
    public record DecidedOnArrival(GateMatch match, List<String> lateDeclarations) {}

    private boolean decidesOnArrival() {
        return liveWithinMillis >= 0;
    }

    private void onArrival(GateInput input, long now, String key, Collector<ContainerDecision> out)
            throws Exception {
        if (input.declaration() != null) {
            declarationsHeld.add(input.declaration());
            noteLateDeclaration(input.declaration());
        } else if (input.container() != null && input.container().recognition().direction() == Direction.OUT
                && now <= input.ts().toEpochMilli() + liveWithinMillis) {
            ContainerRead container = input.container();
            GateMatch match = GateRules.decideContainer(container, declarationsAsOf(input.ts(), key),
                    new ArrayList<>());
            out.collect(ContainerDecision.onArrival(container, match));
            decidedOnArrival.put(container.eventId(), new DecidedOnArrival(match, List.of()));
        }
    }

    /**
     * The declaration listing this key's container, as event time will know it at {@code time}: the declarations
     * applied so far, then those received but still held for the watermark, stamped up to {@code time}, applied in
     * the order event time will apply them ({@link #onDeclaration}); none once forgotten ({@code
     * gate.declarationRetention}) or cancelled.
     */
    private Function<String, Declaration> declarationsAsOf(Instant time, String key) throws Exception {
        List<Declaration> held = new ArrayList<>();
        for (Declaration declaration : declarationsHeld.get()) {
            if (!declaration.ts().isAfter(time)) {
                held.add(declaration);
            }
        }
        held.sort(Comparator.comparing(Declaration::ts)); // stable: at one instant, in the order they came
        return containerNo -> {
            try {
                String listing = listedBy.value();
                Map<String, Declaration> updated = new HashMap<>();
                for (Declaration next : held) {
                    String number = next.declarationNo();
                    Declaration known = updated.containsKey(number) ? updated.get(number) : declarations.get(number);
                    if (known != null && known.ts().isAfter(next.ts())) {
                        continue; // the newer one stands
                    }
                    if (known != null && number.equals(listing) && lists(known, key)) {
                        listing = null;
                    }
                    updated.put(number, next);
                    if (lists(next, key)) {
                        listing = number;
                    }
                }
                Declaration declaration = listing == null ? null
                        : updated.containsKey(listing) ? updated.get(listing) : declarations.get(listing);
                boolean forgotten = declaration != null
                        && declaration.ts().plus(settings.declarationRetention()).isBefore(time);
                return declaration == null || forgotten || declaration.status() == Declaration.Status.CANCELLED
                        ? null : declaration;
            } catch (Exception e) {
                throw new IllegalStateException("reading the declarations of " + getClass().getSimpleName(), e);
            }
        };
    }

    /** A declaration reaching the gate after a truck decided on arrival, stamped no later than it. */
    private void noteLateDeclaration(Declaration declaration) throws Exception {
        for (Map.Entry<String, DecidedOnArrival> decided : copyOf(decidedOnArrival.entries())) {
            DecidedOnArrival before = decided.getValue();
            if (!declaration.ts().isAfter(before.match().ts())
                    && !before.lateDeclarations().contains(declaration.declarationNo())) {
                List<String> late = new ArrayList<>(before.lateDeclarations());
                late.add(declaration.declarationNo());
                decidedOnArrival.put(decided.getKey(), new DecidedOnArrival(before.match(), List.copyOf(late)));
            }
        }
    }

    private void forgetDeclarationsHeldUpTo(long timestamp) throws Exception {
        List<Declaration> stillHeld = new ArrayList<>();
        for (Declaration declaration : declarationsHeld.get()) {
            if (declaration.ts().toEpochMilli() > timestamp) {
                stillHeld.add(declaration);
            }
        }
        declarationsHeld.update(stillHeld);
    }

    /**
     * The late declarations that concern the container (the one either decision rests on, or one listing it), for
     * {@link TruckBarrier} to say why event time's decision replaces the one made on arrival.
     */
    private List<String> lateDeclarationsConcerning(DecidedOnArrival onArrival, GateMatch decided, String key)
            throws Exception {
        List<String> concerned = new ArrayList<>();
        for (String number : onArrival.lateDeclarations()) {
            Declaration declaration = declarations.get(number);
            if ((declaration != null && lists(declaration, key)) || number.equals(onArrival.match().declarationNo())
                    || number.equals(decided.declarationNo())) {
                concerned.add(number);
            }
        }
        return List.copyOf(concerned);
    }

    // ---- trucks at the gate ----

    private void onRead(ContainerRead container, Context ctx, Collector<ContainerDecision> out) throws Exception {
        List<GateRules.Finding> findings = new ArrayList<>();
        GateMatch match = GateRules.decideContainer(container, this::declarationOf, findings);
        Recognition recognition = container.recognition();
        if (recognition.direction() == Direction.IN) {
            reportArrival(recognition, match, ctx);
        }
        DecidedOnArrival onArrival = null;
        if (decidesOnArrival() && recognition.direction() == Direction.OUT) {
            onArrival = decidedOnArrival.get(container.eventId());
            decidedOnArrival.remove(container.eventId());
        }
        if (GateRules.waitsForDeclaration(match)) {
            waitingForDeclaration.put(container.eventId(), container);
            ctx.timerService().registerEventTimeTimer(waitDeadline(recognition));
        } else {
            publish(container, match, findings, recognition.ts(), onArrival, ctx, out);
        }
    }

    private long waitDeadline(Recognition recognition) {
        return recognition.ts().toEpochMilli() + settings.declarationWait().toMillis();
    }

    private void decideWaitingDueBy(long timestamp, boolean endOfInput, Context ctx, Collector<ContainerDecision> out)
            throws Exception {
        List<ContainerRead> due = new ArrayList<>();
        for (ContainerRead waiting : waitingForDeclaration.values()) {
            if (endOfInput || waitDeadline(waiting.recognition()) <= timestamp) {
                due.add(waiting);
            }
        }
        due.sort(Comparator.comparing((ContainerRead waiting) -> waiting.recognition().ts())
                .thenComparing(ContainerRead::eventId));
        for (ContainerRead container : due) {
            waitingForDeclaration.remove(container.eventId());
            List<GateRules.Finding> findings = new ArrayList<>();
            GateMatch match = GateRules.decideContainer(container, this::declarationOf, findings);
            if (endOfInput) {
                match = withReason(match, "the input ended before the declaration wait was over");
            }
            publish(container, match, findings, endOfInput ? container.recognition().ts()
                    : Instant.ofEpochMilli(waitDeadline(container.recognition())), null, ctx, out);
        }
    }

    /**
     * Writes a decided container everywhere it belongs: its decision for the truck's barrier, alerts, review list,
     * yard.
     */
    private void publish(ContainerRead container, GateMatch match, List<GateRules.Finding> findings,
            Instant decidedAt, DecidedOnArrival onArrival, Context ctx, Collector<ContainerDecision> out)
            throws Exception {
        Recognition recognition = container.recognition();
        out.collect(ContainerDecision.inEventTime(container, match, onArrival == null ? List.of()
                : lateDeclarationsConcerning(onArrival, match, ctx.getCurrentKey())));
        for (GateRules.Finding finding : findings) {
            ctx.output(ALERTS, gateAlert(recognition, finding, decidedAt));
        }
        Instant shiftEnd = GateRules.shiftEnd(recognition.ts(), settings.shiftChanges());
        if (match.result() == GateMatch.Result.INCOMPLETE) {
            ctx.output(REVIEW, review(recognition, match, ReviewItem.Kind.INCOMPLETE, shiftEnd));
        } else if (GateRules.corrected(match)) {
            ctx.output(REVIEW, review(recognition, match, ReviewItem.Kind.CORRECTED, shiftEnd));
        }
        if (match.containerNo() != null) {
            updateYard(recognition, match, ctx);
        }
    }

    private void updateYard(Recognition recognition, GateMatch match, Context ctx) throws Exception {
        String containerNo = match.containerNo();
        if (recognition.direction() == Direction.IN) {
            YardEntry entry = new YardEntry(recognition.icdCode(), containerNo, recognition.ts(), match.declarationNo(),
                    YardEntry.Op.UPSERT, recognition.ts());
            inYard.update(entry);
            ctx.output(YARD, entry);
        } else {
            YardEntry entry = inYard.value();
            if (entry != null) {
                inYard.clear();
                ctx.output(YARD, new YardEntry(entry.icdCode(), containerNo, entry.inSince(), entry.declarationNo(),
                        YardEntry.Op.REMOVE, recognition.ts()));
            }
        }
    }

    /** A sealed trip's container entering its destination ICD has arrived (3740 §II.3, 1572 §II.2.2). */
    private void reportArrival(Recognition recognition, GateMatch match, Context ctx) throws Exception {
        TripDestination trip = match.containerNo() == null ? null : tripHeadedHere.value();
        if (trip != null) {
            tripHeadedHere.clear();
            ctx.output(ARRIVALS, new TripEvent(trip.tripId(), TripEvent.Type.ARRIVED, recognition.ts(), trip.imei(),
                    trip.containerNo(), null, null, null, null, null, null, null, null, null, null, null, null, null));
        }
    }

    // ---- records ----

    private Alert gateAlert(Recognition recognition, GateRules.Finding finding, Instant decidedAt) throws Exception {
        TripDestination trip = finding.containerNo() == null ? null : tripHeadedHere.value();
        AlertDetails details = AlertDetails.builder()
                .icdCode(recognition.icdCode())
                .gateId(recognition.gateId())
                .cameraId(recognition.cameraId())
                .direction(recognition.direction().name())
                .eventId(recognition.eventId())
                .reason(finding.reason())
                .plate(recognition.plate())
                .imageUri(recognition.imageUri())
                .build();
        String subject = recognition.eventId() + "/" + finding.containerNo();
        return new Alert(Alert.idOf(finding.type(), subject, recognition.ts()), finding.type(), finding.type().severity(),
                trip == null ? null : trip.tripId(), trip == null ? null : trip.imei(), finding.containerNo(),
                recognition.ts(), decidedAt, null, null, null, null, null, null, details, AlertState.OPEN);
    }

    private static ReviewItem review(Recognition recognition, GateMatch match, ReviewItem.Kind kind, Instant shiftEnd) {
        return ReviewItem.open(match.eventId(), recognition.icdCode(), recognition.gateId(), recognition.cameraId(),
                recognition.ts(), kind, match.containerNoRead(), match.containerNo(), recognition.plate(),
                String.join("; ", match.reasons()), shiftEnd, recognition.direction(), recognition.lane());
    }

    private static GateMatch withReason(GateMatch match, String reason) {
        List<String> reasons = new ArrayList<>(match.reasons());
        reasons.add(reason);
        return new GateMatch(match.eventId(), match.icdCode(), match.gateId(), match.direction(), match.ts(),
                match.containerNo(), match.containerNoRead(), match.plate(), match.result(), match.declarationNo(),
                match.barrier(), List.copyOf(reasons), null, match.cameraId());
    }

    /** A copy of a state view, so the state can be changed while going through it. */
    private static <T> List<T> copyOf(Iterable<T> stateView) {
        List<T> copy = new ArrayList<>();
        stateView.forEach(copy::add);
        return copy;
    }
}
