package vn.customs.cargowatch.jobs.gate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.camera.CameraFrame;
import vn.customs.cargowatch.jobs.camera.CameraHealthRule;
import vn.customs.cargowatch.jobs.camera.CameraImageCheck;
import vn.customs.cargowatch.jobs.camera.EvidenceThumbnails;
import vn.customs.cargowatch.jobs.common.CountedBy;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.config.CameraSettings;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.YardEntry;

/**
 * Gate matching at inland container depots (1572/QĐ-TCHQ): camera recognitions × customs declarations →
 * gate matches and barrier decisions, gate alerts, the yard inventory, the shift review list, and the
 * arrivals of GPS-sealed trips seen at their destination's gate.
 *
 * <p>The work spreads by container, not by ICD ({@code docs/gates.md}, "Keys"):
 * <pre>
 * declarations  → keyBy(declaration number) → {@link DeclarationVersions}: each version to its containers ──────┐
 * seal.trips    → keyBy(trip) → {@link TripDirectory}: which trips are headed where ──────────────────────────────┤
 * recognitions  → each container read (check digit corrected) ───────────────────────────────────────────────────┤
 *               → keyBy(ICD, container) → {@link GateMatcher}: decisions, alerts, yard, review list, arrivals ◄───┘
 *               → keyBy(recognition eventId) → {@link TruckBarrier}: gate.matches with the truck's barrier
 *               → its alerts → {@link EvidenceThumbnails}: the recognition's photo (async, bounded)
 *   review list ─┐ (reads by hand that complete one, gate.review.actions, offices broadcast)
 *               → keyBy(listed read's eventId) → {@link ShiftReview}: gate.review, open and as reviewed
 * recognitions  → (not by hand) keyBy(ICD, camera) → {@link CameraSilenceRule}: CAMERA_SILENT
 *               → (with an image) {@link CameraImageCheck}, async → keyBy(ICD, camera) → {@link CameraHealthRule}:
 *                 CAMERA_DEGRADED
 * </pre>
 * Live, the barrier of a truck leaving is decided as its recognition arrives and corrected if event time decides
 * otherwise; a replay decides everything in event time.
 */
public final class GateMatchingJob {

    private final GateSettings settings;
    private final Duration liveWithin;
    private final ActionSignature.Key actionsKey;

    /** A replay's: everything in event time. */
    public GateMatchingJob(GateSettings settings) {
        this(settings, null);
    }

    /**
     * @param liveWithin records arrive as they happen: the barrier decides on arrival a truck whose recognition is
     *     stamped no more than this before the wall clock ({@link GateMatcher}); null for a replay
     */
    public GateMatchingJob(GateSettings settings, Duration liveWithin) {
        this(settings, liveWithin, null);
    }

    /** With {@code actionsKey} (null: none), the key every {@code gate.review.actions} record must be signed with. */
    public GateMatchingJob(GateSettings settings, Duration liveWithin, ActionSignature.Key actionsKey) {
        this.settings = settings;
        this.liveWithin = liveWithin;
        this.actionsKey = actionsKey;
    }

    public record Outputs(DataStream<GateMatch> matches, DataStream<Alert> alerts, DataStream<YardEntry> yard,
            DataStream<ReviewItem> review, DataStream<TripEvent> arrivals, DataStream<DeadLetter> deadLetters) {}

    public Outputs build(DataStream<Recognition> recognitions, DataStream<Declaration> declarations,
            DataStream<TripEvent> tripEvents, DataStream<ShiftReview.Input> reviewActions,
            BroadcastStream<CustomsOffice> offices) {
        SingleOutputStreamOperator<TripDestination> directory = tripEvents
                .keyBy(TripEvent::tripId)
                .process(new TripDirectory()).name("trips headed to ICDs").uid("trip-directory");
        SingleOutputStreamOperator<GateInput> declarationVersions = declarations
                .keyBy(Declaration::declarationNo)
                .process(new DeclarationVersions(settings)).name("declaration versions").uid("declaration-versions");
        SingleOutputStreamOperator<GateInput> containerReads = recognitions
                .flatMap((Recognition recognition, Collector<GateInput> out) ->
                        GateRules.containers(recognition).forEach(container -> out.collect(GateInput.of(container))))
                .returns(GateInput.class).name("container reads").uid("container-reads");
        SingleOutputStreamOperator<ContainerDecision> containers = declarationVersions
                .union(directory.map(GateInput::of).name("trip destination").uid("trip-destination-input"),
                        containerReads)
                .keyBy(GateInput::key)
                .process(new GateMatcher(settings, liveWithin)).name("containers at ICD gates")
                .uid("gate-container-matcher");
        // A truck waits at the barrier for what crosses this edge: each decision goes on at once, not when a network
        // buffer fills or its 100 ms timeout ends (a few thousand trucks a day: nothing to batch).
        containers.setBufferTimeout(0);
        SingleOutputStreamOperator<GateMatch> matches = containers
                .keyBy(ContainerDecision::truckEventId)
                .process(new TruckBarrier(settings)).name("truck barrier").uid("truck-barrier");
        SingleOutputStreamOperator<ReviewItem> review = containers.getSideOutput(GateMatcher.REVIEW)
                .map(ShiftReview.Input::of).returns(ShiftReview.Input.class).name("listed for review")
                .uid("review-listed")
                .union(recognitions.filter(read -> read.completes() != null).name("reads completing others")
                                .uid("review-completions")
                                .map(ShiftReview.Input::completing).returns(ShiftReview.Input.class)
                                .name("completing a listed read").uid("review-completion-input"),
                        reviewActions)
                .keyBy(ShiftReview.Input::eventId)
                .connect(offices)
                .process(new ShiftReview(actionsKey)).name("shift review").uid("shift-review");
        // a read by hand says nothing about the camera (1572 §I.3.4: it is what officers do while the camera is down)
        SingleOutputStreamOperator<Recognition> cameraReads = recognitions
                .filter(read -> !read.enteredByHand()).name("camera reads").uid("camera-reads");
        SingleOutputStreamOperator<Alert> silentCameras = cameraReads
                .keyBy(CameraSilenceRule::keyOf)
                .process(new CameraSilenceRule(settings)).name("silent cameras").uid("camera-silence");
        SingleOutputStreamOperator<Alert> degradedCameras = cameraHealth(cameraReads);
        // the photos go to the alerts only: a barrier never waits for an image (1572 §II.1.4)
        DataStream<Alert> gateAlerts = EvidenceThumbnails.of(containers.getSideOutput(GateMatcher.ALERTS),
                settings.camera());
        return new Outputs(matches, gateAlerts.union(silentCameras, degradedCameras),
                containers.getSideOutput(GateMatcher.YARD), review,
                containers.getSideOutput(GateMatcher.ARRIVALS),
                containers.getSideOutput(InternalErrors.DEAD_LETTERS)
                        .union(directory.getSideOutput(InternalErrors.DEAD_LETTERS),
                                declarationVersions.getSideOutput(InternalErrors.DEAD_LETTERS),
                                matches.getSideOutput(InternalErrors.DEAD_LETTERS),
                                review.getSideOutput(ShiftReview.REFUSED),
                                review.getSideOutput(InternalErrors.DEAD_LETTERS),
                                silentCameras.getSideOutput(InternalErrors.DEAD_LETTERS),
                                degradedCameras.getSideOutput(InternalErrors.DEAD_LETTERS)));
    }

    /**
     * CAMERA_DEGRADED: the cameras' images loaded and measured beside the gate, never before it ({@code
     * docs/cameras.md}). The branch shares only the recognitions with the decisions: no gate operator waits for an
     * image, and at most {@code camera.imageConcurrency} images per instance are loaded at once, each given up after
     * {@code camera.imageTimeout}.
     */
    private SingleOutputStreamOperator<Alert> cameraHealth(DataStream<Recognition> cameraReads) {
        CameraSettings camera = settings.camera();
        DataStream<CameraFrame> frames = AsyncDataStream.orderedWait(
                        cameraReads.filter(read -> read.imageUri() != null).name("camera reads with an image")
                                .uid("camera-images-read"),
                        new CameraImageCheck(camera), camera.imageTimeout().toMillis(), TimeUnit.MILLISECONDS,
                        camera.imageConcurrency())
                .name("camera images").uid("camera-image-check");
        return CountedBy.count(frames, "camera_images", List.of("result"),
                        frame -> List.of(frame.result().label()), "count-camera-images")
                .keyBy(CameraHealthRule::keyOf)
                .process(new CameraHealthRule(camera)).name("camera health").uid("camera-health");
    }
}
