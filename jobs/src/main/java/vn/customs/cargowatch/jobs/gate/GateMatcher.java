package vn.customs.cargowatch.jobs.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
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
 * <p>State ends: a recognition when decided; a declaration {@code gate.declarationRetention} after its last
 * update; a yard entry when the container leaves; a trip when it arrives or stops being headed here.
 * Cameras and containers in the yard are bounded by the ICD itself.
 */
public class GateMatcher extends KeyedProcessFunction<String, GateInput, GateMatch> {

    public static final OutputTag<Alert> ALERTS = new OutputTag<>("gate-alerts") {};
    public static final OutputTag<YardEntry> YARD = new OutputTag<>("yard-inventory") {};
    public static final OutputTag<ReviewItem> REVIEW = new OutputTag<>("gate-review") {};
    public static final OutputTag<TripEvent> ARRIVALS = new OutputTag<>("camera-arrivals") {};

    private final GateSettings settings;

    private transient EventTimeBuffer<GateInput> pending;
    private transient MapState<String, Declaration> declarations;
    private transient MapState<String, String> declarationOfContainer;
    private transient MapState<Long, List<String>> declarationsExpiring;
    private transient MapState<String, TripDestination> tripsHeadedHere;
    private transient MapState<String, Recognition> waitingForDeclaration;
    private transient MapState<String, YardEntry> yard;
    private transient MapState<String, CameraWatch> cameras;
    private transient EventTimeLag lag;
    private transient UnusedInputs unused;

    public GateMatcher(GateSettings settings) {
        this.settings = settings;
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
        lag = EventTimeLag.register(context.getMetricGroup(), "gate");
        unused = new UnusedInputs(context);
    }

    @Override
    public void processElement(GateInput input, Context ctx, Collector<GateMatch> out) throws Exception {
        lag.observe(ctx.timerService().currentWatermark());
        pending.add(input.ts().toEpochMilli(), input, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<GateMatch> out) throws Exception {
        lag.observe(ctx.timerService().currentWatermark());
        for (GateInput input : pending.release(timestamp)) {
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
                publish(waiting, decision, declaration.ts(), ctx, out);
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

    // ---- trucks at the gate ----

    private void onRecognition(Recognition recognition, Context ctx, Collector<GateMatch> out) throws Exception {
        watchCamera(recognition, ctx);
        GateRules.Decision decision = GateRules.decide(recognition, this::declarationOf);
        if (recognition.direction() == Direction.IN) {
            reportArrivals(recognition, decision, ctx);
        }
        if (decision.waitsForDeclaration()) {
            waitingForDeclaration.put(recognition.eventId(), recognition);
            ctx.timerService().registerEventTimeTimer(waitDeadline(recognition));
        } else {
            publish(recognition, decision, recognition.ts(), ctx, out);
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
                    : Instant.ofEpochMilli(waitDeadline(recognition)), ctx, out);
        }
    }

    /** Writes a decided recognition everywhere it belongs: matches, alerts, review list, yard. */
    private void publish(Recognition recognition, GateRules.Decision decision, Instant decidedAt, Context ctx,
            Collector<GateMatch> out) throws Exception {
        decision.matches().forEach(out::collect);
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
                Map<String, Object> details = new TreeMap<>();
                details.put("icdCode", ctx.getCurrentKey());
                details.put("gateId", watch.gateId());
                details.put("cameraId", camera.getKey());
                details.put("silentMinutes", settings.cameraSilence().toMinutes());
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
        Map<String, Object> details = new TreeMap<>();
        details.put("icdCode", recognition.icdCode());
        details.put("gateId", recognition.gateId());
        details.put("cameraId", recognition.cameraId());
        details.put("direction", recognition.direction().name());
        details.put("eventId", recognition.eventId());
        details.put("reason", finding.reason());
        if (recognition.plate() != null) {
            details.put("plate", recognition.plate());
        }
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
