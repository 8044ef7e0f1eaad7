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
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.ContainerNumber;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.YardEntry;

/**
 * One ICD's gates (1572/QĐ-TCHQ), keyed by ICD code: its declarations, its yard, its cameras and the sealed
 * trips headed to it live together, and every recognition becomes {@code gate.matches} by
 * {@link GateRules}, in event-time order — so a recognition is judged by the declarations as of its time.
 *
 * <p>An IN truck whose container no declaration lists yet waits up to {@code gate.declarationWait} (event
 * time) for one, since the documents may reach the system a little after the truck; OUT decisions are made
 * at the recognition's time. Besides the matches: gate alerts ({@link #ALERTS}), the yard inventory, in
 * minus out ({@link #YARD}), the shift review list of incomplete and corrected reads ({@link #REVIEW}),
 * arrivals of sealed trips seen at the gate ({@link #ARRIVALS}), and CAMERA_SILENT when a camera that was
 * sending falls silent for {@code gate.cameraSilence} (§II.1.8).
 *
 * <p><b>Live</b> ({@code liveWithin}: records arrive as they happen), the barrier does not wait for the watermark
 * (1572 §II.3.2.d: it opens as the container leaves): an OUT recognition's {@code gate.matches} is made as soon as it
 * arrives, from the declarations known at that moment up to its time — those event time has applied and those
 * received but still held for the watermark — if the truck can still be at the barrier: its recognition is stamped
 * no more than {@code liveWithin} ({@code events.outOfOrderness}) before the wall clock. A backlog read after an
 * outage, or history fed through Kafka, is decided in event time only. Everything else stays in event time. When the watermark passes
 * the truck, event time decides it as a replay would; if that decision differs (a declaration stamped before the
 * truck reached the gate after it, within {@code events.outOfOrderness}), the same {@code eventId} is emitted again
 * with it and a {@code correction} saying what it corrects and why. So the last record of every {@code eventId} is
 * the event-time decision. A replay ({@code liveWithin} null) decides everything in event time.
 *
 * <p>State ends: a recognition when decided; a declaration {@code gate.declarationRetention} after its last
 * update; a yard entry when the container leaves; a trip when it arrives or stops being headed here; live, a
 * decision made on arrival and a declaration held for the watermark when the watermark passes them.
 * Cameras and containers in the yard are bounded by the ICD itself.
 */
public class GateMatcher extends KeyedProcessFunction<String, GateInput, GateMatch> {

    public static final OutputTag<Alert> ALERTS = new OutputTag<>("gate-alerts") {};
    public static final OutputTag<YardEntry> YARD = new OutputTag<>("yard-inventory") {};
    public static final OutputTag<ReviewItem> REVIEW = new OutputTag<>("gate-review") {};
    public static final OutputTag<TripEvent> ARRIVALS = new OutputTag<>("camera-arrivals") {};

    private final GateSettings settings;
    private final long liveWithinMillis;

    private transient EventTimeBuffer<GateInput> pending;
    private transient MapState<String, Declaration> declarations;
    private transient MapState<String, String> declarationOfContainer;
    private transient MapState<Long, List<String>> declarationsExpiring;
    private transient MapState<String, TripDestination> tripsHeadedHere;
    private transient MapState<String, Recognition> waitingForDeclaration;
    private transient MapState<String, YardEntry> yard;
    private transient MapState<String, CameraWatch> cameras;
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
        declarationOfContainer = context.getMapState(
                new MapStateDescriptor<>("declaration-of-container", Types.STRING, Types.STRING));
        declarationsExpiring = context.getMapState(
                new MapStateDescriptor<>("declarations-expiring", Types.LONG, Types.LIST(Types.STRING)));
        tripsHeadedHere = context.getMapState(new MapStateDescriptor<>("trips-headed-here", Types.STRING,
                TypeInformation.of(TripDestination.class)));
        waitingForDeclaration = context.getMapState(new MapStateDescriptor<>("waiting-for-declaration", Types.STRING,
                TypeInformation.of(Recognition.class)));
        yard = context.getMapState(new MapStateDescriptor<>("yard", Types.STRING, TypeInformation.of(YardEntry.class)));
        cameras = context.getMapState(new MapStateDescriptor<>("cameras", Types.STRING,
                TypeInformation.of(CameraWatch.class)));
        declarationsHeld = context.getListState(new ListStateDescriptor<>("declarations-held",
                TypeInformation.of(Declaration.class)));
        decidedOnArrival = context.getMapState(new MapStateDescriptor<>("decided-on-arrival", Types.STRING,
                TypeInformation.of(DecidedOnArrival.class)));
        lag = EventTimeLag.register(context.getMetricGroup(), "gate");
        unused = new UnusedInputs(context);
    }

    @Override
    public void processElement(GateInput input, Context ctx, Collector<GateMatch> out) throws Exception {
        lag.observe(ctx.timerService().currentWatermark());
        if (decidesOnArrival()) {
            long now = ctx.timerService().currentProcessingTime();
            InternalErrors.guard("ICD gates", input.topic().name(), input.record(),
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> onArrival(input, now, out));
        }
        pending.add(input.ts().toEpochMilli(), input, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<GateMatch> out) throws Exception {
        lag.observe(ctx.timerService().currentWatermark());
        boolean declarationsReleased = false;
        for (GateInput input : pending.release(timestamp)) {
            declarationsReleased |= input.declaration() != null;
            InternalErrors.guard("ICD gates", input.topic().name(), input.record(),
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> {
                        if (input.declaration() != null) {
                            onDeclaration(input.declaration(), ctx, out);
                        } else if (input.trip() != null) {
                            onTrip(input.trip());
                        } else {
                            onRecognition(input.recognition(), ctx, out);
                        }
                    });
        }
        if (decidesOnArrival() && declarationsReleased) {
            forgetDeclarationsHeldUpTo(timestamp);
        }
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        InternalErrors.guard("ICD gates", Topic.CAMERA_RECOGNITIONS.name(),
                Map.of("icdCode", ctx.getCurrentKey(), "deadline", Instant.ofEpochMilli(timestamp)),
                letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> {
                    decideWaitingDueBy(timestamp, endOfInput, ctx, out);
                    if (!endOfInput) {
                        raiseSilentCameras(timestamp, ctx);
                    }
                    forgetDeclarationsExpiringAt(timestamp);
                });
    }

    // ---- documents and trips ----

    private void onDeclaration(Declaration declaration, Context ctx, Collector<GateMatch> out) throws Exception {
        Declaration known = declarations.get(declaration.declarationNo());
        if (known != null && known.ts().isAfter(declaration.ts())) {
            unused.count(Topic.CUSTOMS_DECLARATIONS, UnusedInputs.Reason.SUPERSEDED); // the newer one stands
            return;
        }
        if (known != null) {
            for (String container : known.containers()) {
                String normalized = ContainerNumber.normalize(container);
                if (declaration.declarationNo().equals(declarationOfContainer.get(normalized))) {
                    declarationOfContainer.remove(normalized);
                }
            }
        }
        declarations.put(declaration.declarationNo(), declaration);
        for (String container : declaration.containers()) {
            declarationOfContainer.put(ContainerNumber.normalize(container), declaration.declarationNo());
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
        for (Recognition waiting : copyOf(waitingForDeclaration.values())) {
            GateRules.Decision decision = GateRules.decide(waiting, this::declarationOf);
            if (!decision.waitsForDeclaration()) {
                waitingForDeclaration.remove(waiting.eventId());
                publish(waiting, decision, declaration.ts(), null, ctx, out);
            }
        }
    }

    private void onTrip(TripDestination trip) throws Exception {
        if (trip.active()) {
            tripsHeadedHere.put(ContainerNumber.normalize(trip.containerNo()), trip);
        } else {
            TripDestination known = tripsHeadedHere.get(ContainerNumber.normalize(trip.containerNo()));
            if (known != null && known.tripId().equals(trip.tripId())) {
                tripsHeadedHere.remove(ContainerNumber.normalize(trip.containerNo()));
            }
        }
    }

    private Declaration declarationOf(String containerNo) {
        try {
            String declarationNo = declarationOfContainer.get(containerNo);
            Declaration declaration = declarationNo == null ? null : declarations.get(declarationNo);
            return declaration == null || declaration.status() == Declaration.Status.CANCELLED ? null : declaration;
        } catch (Exception e) {
            throw new IllegalStateException("reading the declarations of " + getClass().getSimpleName(), e);
        }
    }

    private void forgetDeclarationsExpiringAt(long timestamp) throws Exception {
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
                for (String container : declaration.containers()) {
                    String normalized = ContainerNumber.normalize(container);
                    if (declarationNo.equals(declarationOfContainer.get(normalized))) {
                        declarationOfContainer.remove(normalized);
                    }
                }
            }
        }
    }

    // ---- live: the barrier on arrival (1572 §II.3.2.d) ----

    /** A decision made on a truck's arrival, and the declarations stamped no later than it that arrived after it. */
    public record DecidedOnArrival(List<GateMatch> matches, List<String> lateDeclarations) {}

    private boolean decidesOnArrival() {
        return liveWithinMillis >= 0;
    }

    private void onArrival(GateInput input, long now, Collector<GateMatch> out) throws Exception {
        if (input.declaration() != null) {
            declarationsHeld.add(input.declaration());
            noteLateDeclaration(input.declaration());
        } else if (input.recognition() != null && input.recognition().direction() == Direction.OUT
                && now <= input.recognition().ts().toEpochMilli() + liveWithinMillis) {
            Recognition recognition = input.recognition();
            GateRules.Decision decision = GateRules.decide(recognition, declarationsAsOf(recognition.ts()));
            decision.matches().forEach(out::collect);
            decidedOnArrival.put(recognition.eventId(), new DecidedOnArrival(decision.matches(), List.of()));
        }
    }

    /**
     * The declaration listing a container, as event time will know it at {@code time}: the declarations applied so
     * far, then those received but still held for the watermark, stamped up to {@code time}, applied in the order
     * event time will apply them ({@link #onDeclaration}); none once forgotten ({@code gate.declarationRetention})
     * or cancelled.
     */
    private Function<String, Declaration> declarationsAsOf(Instant time) throws Exception {
        List<Declaration> held = new ArrayList<>();
        for (Declaration declaration : declarationsHeld.get()) {
            if (!declaration.ts().isAfter(time)) {
                held.add(declaration);
            }
        }
        held.sort(Comparator.comparing(Declaration::ts)); // stable: at one instant, in the order they came
        return containerNo -> {
            try {
                String listing = declarationOfContainer.get(containerNo);
                Map<String, Declaration> updated = new HashMap<>();
                for (Declaration next : held) {
                    String number = next.declarationNo();
                    Declaration known = updated.containsKey(number) ? updated.get(number) : declarations.get(number);
                    if (known != null && known.ts().isAfter(next.ts())) {
                        continue; // the newer one stands
                    }
                    if (known != null && number.equals(listing) && lists(known, containerNo)) {
                        listing = null;
                    }
                    updated.put(number, next);
                    if (lists(next, containerNo)) {
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

    private static boolean lists(Declaration declaration, String containerNo) {
        return declaration.containers().stream()
                .anyMatch(listed -> containerNo.equals(ContainerNumber.normalize(listed)));
    }

    /** A declaration reaching the gate after a truck decided on arrival, stamped no later than it. */
    private void noteLateDeclaration(Declaration declaration) throws Exception {
        for (Map.Entry<String, DecidedOnArrival> decided : copyOf(decidedOnArrival.entries())) {
            DecidedOnArrival before = decided.getValue();
            if (!declaration.ts().isAfter(before.matches().get(0).ts())
                    && !before.lateDeclarations().contains(declaration.declarationNo())) {
                List<String> late = new ArrayList<>(before.lateDeclarations());
                late.add(declaration.declarationNo());
                decidedOnArrival.put(decided.getKey(), new DecidedOnArrival(before.matches(), List.copyOf(late)));
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
     * Why event time's decision replaces the one made on arrival: the late declarations that concern the container
     * (the one either decision rests on, or one listing its number).
     */
    private String correctionOf(GateMatch onArrival, GateMatch decided, List<String> lateDeclarations)
            throws Exception {
        List<String> concerned = new ArrayList<>();
        for (String number : lateDeclarations) {
            Declaration declaration = declarations.get(number);
            boolean listsTheContainer = declaration != null && ((onArrival.containerNo() != null
                    && lists(declaration, onArrival.containerNo()))
                    || (decided.containerNo() != null && lists(declaration, decided.containerNo())));
            if (listsTheContainer || number.equals(onArrival.declarationNo())
                    || number.equals(decided.declarationNo())) {
                concerned.add(number);
            }
        }
        String before = "corrects the decision made on the truck's arrival (" + onArrival.result() + ", barrier "
                + onArrival.barrier() + (onArrival.declarationNo() == null ? "" : ", declaration "
                + onArrival.declarationNo()) + "): ";
        if (concerned.isEmpty()) {
            return before + "event time, with every record stamped no later than the truck, decides otherwise";
        }
        return before + (concerned.size() == 1 ? "declaration " : "declarations ")
                + String.join(", ", concerned) + ", stamped no later than the truck, reached the gate after it";
    }

    // ---- trucks at the gate ----

    private void onRecognition(Recognition recognition, Context ctx, Collector<GateMatch> out) throws Exception {
        watchCamera(recognition, ctx);
        GateRules.Decision decision = GateRules.decide(recognition, this::declarationOf);
        if (recognition.direction() == Direction.IN) {
            reportArrivals(recognition, decision, ctx);
        }
        DecidedOnArrival onArrival = null;
        if (decidesOnArrival() && recognition.direction() == Direction.OUT) {
            onArrival = decidedOnArrival.get(recognition.eventId());
            decidedOnArrival.remove(recognition.eventId());
        }
        if (decision.waitsForDeclaration()) {
            waitingForDeclaration.put(recognition.eventId(), recognition);
            ctx.timerService().registerEventTimeTimer(waitDeadline(recognition));
        } else {
            publish(recognition, decision, recognition.ts(), onArrival, ctx, out);
        }
    }

    private long waitDeadline(Recognition recognition) {
        return recognition.ts().toEpochMilli() + settings.declarationWait().toMillis();
    }

    private void decideWaitingDueBy(long timestamp, boolean endOfInput, Context ctx, Collector<GateMatch> out)
            throws Exception {
        List<Recognition> due = new ArrayList<>();
        for (Recognition waiting : waitingForDeclaration.values()) {
            if (endOfInput || waitDeadline(waiting) <= timestamp) {
                due.add(waiting);
            }
        }
        due.sort(Comparator.comparing(Recognition::ts).thenComparing(Recognition::eventId));
        for (Recognition recognition : due) {
            waitingForDeclaration.remove(recognition.eventId());
            GateRules.Decision decision = GateRules.decide(recognition, this::declarationOf);
            if (endOfInput) {
                decision = new GateRules.Decision(decision.matches().stream().map(match -> withReason(match,
                        "the input ended before the declaration wait was over")).toList(), decision.findings());
            }
            publish(recognition, decision, endOfInput ? recognition.ts()
                    : Instant.ofEpochMilli(waitDeadline(recognition)), null, ctx, out);
        }
    }

    /**
     * Writes a decided recognition everywhere it belongs: matches, alerts, review list, yard. A match already
     * emitted on arrival ({@code onArrival}, live) is emitted again only when event time decides otherwise.
     */
    private void publish(Recognition recognition, GateRules.Decision decision, Instant decidedAt,
            DecidedOnArrival onArrival, Context ctx, Collector<GateMatch> out) throws Exception {
        for (GateMatch match : decision.matches()) {
            GateMatch before = onArrival == null ? null : onArrival.matches().stream()
                    .filter(earlier -> earlier.eventId().equals(match.eventId())).findFirst().orElse(null);
            if (before == null) {
                out.collect(match);
            } else if (!before.equals(match)) {
                out.collect(match.correcting(correctionOf(before, match, onArrival.lateDeclarations())));
            }
        }
        for (GateRules.Finding finding : decision.findings()) {
            ctx.output(ALERTS, gateAlert(recognition, finding, decidedAt));
        }
        Instant shiftEnd = GateRules.shiftEnd(recognition.ts(), settings.shiftChanges());
        for (GateMatch match : decision.matches()) {
            if (match.result() == GateMatch.Result.INCOMPLETE) {
                ctx.output(REVIEW, review(recognition, match, ReviewItem.Kind.INCOMPLETE, shiftEnd));
            } else if (decision.corrected().contains(match)) {
                ctx.output(REVIEW, review(recognition, match, ReviewItem.Kind.CORRECTED, shiftEnd));
            }
            if (match.containerNo() != null) {
                updateYard(recognition, match, ctx);
            }
        }
    }

    private void updateYard(Recognition recognition, GateMatch match, Context ctx) throws Exception {
        String containerNo = match.containerNo();
        if (recognition.direction() == Direction.IN) {
            YardEntry entry = new YardEntry(recognition.icdCode(), containerNo, recognition.ts(), match.declarationNo(),
                    YardEntry.Op.UPSERT, recognition.ts());
            yard.put(containerNo, entry);
            ctx.output(YARD, entry);
        } else {
            YardEntry entry = yard.get(containerNo);
            if (entry != null) {
                yard.remove(containerNo);
                ctx.output(YARD, new YardEntry(entry.icdCode(), containerNo, entry.inSince(), entry.declarationNo(),
                        YardEntry.Op.REMOVE, recognition.ts()));
            }
        }
    }

    /** A sealed trip's container entering its destination ICD has arrived (3740 §II.3, 1572 §II.2.2). */
    private void reportArrivals(Recognition recognition, GateRules.Decision decision, Context ctx) throws Exception {
        for (GateMatch match : decision.matches()) {
            TripDestination trip = match.containerNo() == null ? null : tripsHeadedHere.get(match.containerNo());
            if (trip != null) {
                tripsHeadedHere.remove(match.containerNo());
                ctx.output(ARRIVALS, new TripEvent(trip.tripId(), TripEvent.Type.ARRIVED, recognition.ts(), trip.imei(),
                        trip.containerNo(), null, null, null, null, null, null, null, null, null, null, null, null,
                        null));
            }
        }
    }

    // ---- cameras (1572 §I.3.4, §II.1.8) ----

    private void watchCamera(Recognition recognition, Context ctx) throws Exception {
        CameraWatch watch = cameras.get(recognition.cameraId());
        if (watch != null && watch.silentAlert() != null) {
            ctx.output(ALERTS, watch.silentAlert().withEnd(recognition.ts()));
        }
        if (watch != null && watch.lastSeen().isAfter(recognition.ts())) {
            return;
        }
        cameras.put(recognition.cameraId(), new CameraWatch(recognition.gateId(), recognition.ts(), null));
        ctx.timerService().registerEventTimeTimer(recognition.ts().toEpochMilli() + settings.cameraSilence().toMillis());
    }

    private void raiseSilentCameras(long timestamp, Context ctx) throws Exception {
        long silence = settings.cameraSilence().toMillis();
        for (Map.Entry<String, CameraWatch> camera : copyOf(cameras.entries())) {
            CameraWatch watch = camera.getValue();
            if (watch.silentAlert() == null && watch.lastSeen().toEpochMilli() + silence == timestamp) {
                AlertDetails details = AlertDetails.builder().icdCode(ctx.getCurrentKey()).gateId(watch.gateId())
                        .cameraId(camera.getKey()).silentMinutes(settings.cameraSilence().toMinutes()).build();
                Alert alert = new Alert(Alert.idOf(AlertType.CAMERA_SILENT, ctx.getCurrentKey() + "/" + camera.getKey(),
                        watch.lastSeen()), AlertType.CAMERA_SILENT, AlertType.CAMERA_SILENT.severity(), null, null, null,
                        watch.lastSeen(), Instant.ofEpochMilli(timestamp), null, null, null, null, null, null, details,
                        AlertState.OPEN);
                cameras.put(camera.getKey(), new CameraWatch(watch.gateId(), watch.lastSeen(), alert));
                ctx.output(ALERTS, alert);
            }
        }
    }

    // ---- records ----

    private Alert gateAlert(Recognition recognition, GateRules.Finding finding, Instant decidedAt) throws Exception {
        TripDestination trip = finding.containerNo() == null ? null : tripsHeadedHere.get(finding.containerNo());
        AlertDetails details = AlertDetails.builder()
                .icdCode(recognition.icdCode())
                .gateId(recognition.gateId())
                .cameraId(recognition.cameraId())
                .direction(recognition.direction().name())
                .eventId(recognition.eventId())
                .reason(finding.reason())
                .plate(recognition.plate())
                .build();
        String subject = recognition.eventId() + "/" + finding.containerNo();
        return new Alert(Alert.idOf(finding.type(), subject, recognition.ts()), finding.type(), finding.type().severity(),
                trip == null ? null : trip.tripId(), trip == null ? null : trip.imei(), finding.containerNo(),
                recognition.ts(), decidedAt, null, null, null, null, null, null, details, AlertState.OPEN);
    }

    private static ReviewItem review(Recognition recognition, GateMatch match, ReviewItem.Kind kind, Instant shiftEnd) {
        return new ReviewItem(match.eventId(), recognition.icdCode(), recognition.gateId(), recognition.cameraId(),
                recognition.ts(), kind, match.containerNoRead(), match.containerNo(), recognition.plate(),
                String.join("; ", match.reasons()), shiftEnd);
    }

    private static GateMatch withReason(GateMatch match, String reason) {
        List<String> reasons = new ArrayList<>(match.reasons());
        reasons.add(reason);
        return new GateMatch(match.eventId(), match.icdCode(), match.gateId(), match.direction(), match.ts(),
                match.containerNo(), match.containerNoRead(), match.plate(), match.result(), match.declarationNo(),
                match.barrier(), List.copyOf(reasons));
    }

    /** A copy of a state view, so the state can be changed while going through it. */
    private static <T> List<T> copyOf(Iterable<T> stateView) {
        List<T> copy = new ArrayList<>();
        stateView.forEach(copy::add);
        return copy;
    }
}
