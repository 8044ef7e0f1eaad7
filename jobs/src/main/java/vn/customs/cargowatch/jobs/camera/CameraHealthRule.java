package vn.customs.cargowatch.jobs.camera;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.camera.ImageChecks.Check;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.config.CameraSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.ContainerNumber;
import vn.customs.cargowatch.model.Topic;

/**
 * CAMERA_DEGRADED (1572 §I.4.1, §II.1.8; officers check by hand meanwhile, §I.3.4), keyed by ICD and camera
 * ({@link CameraFrame#camera()}): a camera that keeps sending images nobody can use.
 *
 * <p>Contract:
 * <ul>
 *   <li>Frames are taken in event-time order (held until the watermark passes them, ties by {@code eventId}), so every
 *       replay takes them in the same order. A frame without an image (its load did not end OK: missing, not an
 *       image, oversized, unreachable, timed out) is skipped: it neither counts toward a run of failing images nor
 *       breaks one. That is what makes the alerts depend on the images alone and not on how long a load took:
 *       the same images give the same alerts in every replay and at every parallelism. A frame not after the last
 *       one taken (a duplicate) is skipped too.</li>
 *   <li>It is raised when the camera's last {@code camera.degradedAfter} (K) images fail the same check of
 *       {@link ImageChecks} (BLACK, OVEREXPOSED, LOW_CONTRAST, BLURRED), or, failing none in common, stay within
 *       {@code camera.frozenWithin} bits of each other although their recognitions read at least two different
 *       containers (FROZEN: a video server repeating one frame). Start: the first of the K images; detected: the
 *       K-th; id from the camera and the start, so a replay raises the same alert.</li>
 *   <li>It ends — the same alert again, with its end — at the first good image: one that fails no check and, when the
 *       episode is FROZEN, is more than {@code camera.frozenWithin} bits from the image before it. Until then the
 *       camera is degraded whatever its images fail in between (black at dusk, then frozen): one episode per failure
 *       run, its reason the check that opened it. A new episode needs K failing images after the good one.</li>
 * </ul>
 *
 * <p>State: per camera, the verdicts of its last K images and its open alert ({@link CameraHealth}), bounded by the
 * ICDs' cameras and kept while the camera exists, like {@code CameraWatch}; the frames held for the watermark, each
 * entry removed on release.
 */
public class CameraHealthRule extends KeyedProcessFunction<String, CameraFrame, Alert> {

    /** One image as the rule remembers it: when, what it failed (null: nothing), its hash and the container read. */
    public record Verdict(String eventId, Instant ts, Check check, long hash, String containerNo) {}

    /** A camera's last K verdicts, oldest first, and its CAMERA_DEGRADED while it is open (else null). */
    public record CameraHealth(List<Verdict> recent, Alert degraded) {}

    private final CameraSettings settings;

    private transient EventTimeBuffer<CameraFrame> pending;
    private transient ValueState<CameraHealth> health;

    public CameraHealthRule(CameraSettings settings) {
        this.settings = settings;
    }

    /** A camera at an ICD. */
    public static String keyOf(CameraFrame frame) {
        return frame.camera();
    }

    @Override
    public void open(OpenContext openContext) {
        pending = new EventTimeBuffer<>(getRuntimeContext(), "pending", CameraFrame.class,
                Comparator.comparing(CameraFrame::eventId));
        health = getRuntimeContext().getState(
                new ValueStateDescriptor<>("health", TypeInformation.of(CameraHealth.class)));
    }

    @Override
    public void processElement(CameraFrame frame, Context ctx, Collector<Alert> out) throws Exception {
        pending.add(frame.ts().toEpochMilli(), frame, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        for (CameraFrame frame : pending.release(timestamp)) {
            InternalErrors.guard("camera health", Topic.CAMERA_RECOGNITIONS.name(), frame,
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> take(frame, out));
        }
    }

    private void take(CameraFrame frame, Collector<Alert> out) throws Exception {
        if (!frame.hasImage()) {
            return;
        }
        CameraHealth known = health.value();
        List<Verdict> recent = known == null ? List.of() : known.recent();
        Verdict last = recent.isEmpty() ? null : recent.get(recent.size() - 1);
        if (last != null && !after(frame, last)) {
            return;
        }
        Verdict verdict = new Verdict(frame.eventId(), frame.ts(),
                ImageChecks.failedCheck(frame.measures(), settings).orElse(null), frame.measures().hash(),
                ContainerNumber.normalize(frame.containerNo()));
        List<Verdict> now = new ArrayList<>(recent.subList(Math.max(0, recent.size() + 1 - settings.degradedAfter()),
                recent.size()));
        now.add(verdict);
        Alert degraded = known == null ? null : known.degraded();
        if (degraded != null && good(verdict, last, degraded)) {
            out.collect(degraded.withEnd(frame.ts()));
            degraded = null;
        } else if (degraded == null) {
            Optional<Check> failing = failing(now);
            if (failing.isPresent()) {
                degraded = raise(frame, now, failing.get());
                out.collect(degraded);
            }
        }
        health.update(new CameraHealth(now, degraded));
    }

    private static boolean after(CameraFrame frame, Verdict last) {
        int byTime = frame.ts().compareTo(last.ts());
        return byTime > 0 || byTime == 0 && frame.eventId().compareTo(last.eventId()) > 0;
    }

    /** The check the last K images all fail, if they are K; else FROZEN if they are one frame; else none. */
    private Optional<Check> failing(List<Verdict> lastImages) {
        if (lastImages.size() < settings.degradedAfter()) {
            return Optional.empty();
        }
        Check first = lastImages.get(0).check();
        if (first != null && lastImages.stream().allMatch(verdict -> verdict.check() == first)) {
            return Optional.of(first);
        }
        Set<String> containers = new HashSet<>();
        lastImages.forEach(verdict -> {
            if (verdict.containerNo() != null) {
                containers.add(verdict.containerNo());
            }
        });
        return containers.size() > 1 && largestHashDistance(lastImages) <= settings.frozenWithin()
                ? Optional.of(Check.FROZEN) : Optional.empty();
    }

    private boolean good(Verdict verdict, Verdict previous, Alert degraded) {
        if (verdict.check() != null) {
            return false;
        }
        return !Check.FROZEN.name().equals(degraded.details().reason()) || previous == null
                || ImageMeasures.hashDistance(verdict.hash(), previous.hash()) > settings.frozenWithin();
    }

    private Alert raise(CameraFrame frame, List<Verdict> lastImages, Check check) {
        Instant start = lastImages.get(0).ts();
        ImageMeasures measures = frame.measures();
        AlertDetails details = AlertDetails.builder().icdCode(frame.icdCode()).gateId(frame.gateId())
                .cameraId(frame.cameraId()).reason(check.name()).images((long) lastImages.size())
                .imageUri(frame.imageUri()).brightness(tenths(measures.brightness()))
                .contrast(tenths(measures.contrast())).sharpness(tenths(measures.sharpness()))
                .hashDistance(check == Check.FROZEN ? (long) largestHashDistance(lastImages) : null).build();
        return new Alert(Alert.idOf(AlertType.CAMERA_DEGRADED, frame.camera(), start), AlertType.CAMERA_DEGRADED,
                AlertType.CAMERA_DEGRADED.severity(), null, null, null, start, frame.ts(), null, null, null, null,
                null, null, details, AlertState.OPEN);
    }

    private static int largestHashDistance(List<Verdict> lastImages) {
        return ImageChecks.largestHashDistance(lastImages.stream().map(Verdict::hash).toList());
    }

    private static double tenths(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
