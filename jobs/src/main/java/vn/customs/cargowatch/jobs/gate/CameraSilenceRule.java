package vn.customs.cargowatch.jobs.gate;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Topic;

/**
 * CAMERA_SILENT (1572 §I.3.4, §II.1.8), keyed by ICD and camera ({@link #keyOf}): a camera that was sending
 * recognitions and sends none for {@code gate.cameraSilence} of event time raises the alert, stamped with its last
 * recognition; its next recognition ends it. Recognitions are taken in event-time order (held until the watermark
 * passes them), so a replay raises the same alerts whatever order they arrived in. No alert is raised for a silence
 * that outlasts a finite input (the end of a replay is no camera fault).
 *
 * <p>State: one watch per camera, bounded by the ICDs' cameras; the recognitions held for the watermark.
 */
public class CameraSilenceRule extends KeyedProcessFunction<String, Recognition, Alert> {

    private final GateSettings settings;

    private transient EventTimeBuffer<Recognition> pending;
    private transient ValueState<CameraWatch> watch;

    public CameraSilenceRule(GateSettings settings) {
        this.settings = settings;
    }

    /** A camera at an ICD. */
    public static String keyOf(Recognition recognition) {
        return recognition.icdCode() + "/" + recognition.cameraId();
    }

    @Override
    public void open(OpenContext openContext) {
        pending = new EventTimeBuffer<>(getRuntimeContext(), "pending", Recognition.class,
                Comparator.comparing(Recognition::eventId));
        watch = getRuntimeContext().getState(
                new ValueStateDescriptor<>("camera", TypeInformation.of(CameraWatch.class)));
    }

    @Override
    public void processElement(Recognition recognition, Context ctx, Collector<Alert> out) throws Exception {
        pending.add(recognition.ts().toEpochMilli(), recognition, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        for (Recognition recognition : pending.release(timestamp)) {
            InternalErrors.guard("camera silence", Topic.CAMERA_RECOGNITIONS.name(), recognition,
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> seen(recognition, ctx, out));
        }
        if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            InternalErrors.guard("camera silence", Topic.CAMERA_RECOGNITIONS.name(),
                    Map.of("camera", ctx.getCurrentKey(), "deadline", Instant.ofEpochMilli(timestamp)),
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> raiseIfSilent(timestamp, out));
        }
    }

    private void seen(Recognition recognition, Context ctx, Collector<Alert> out) throws Exception {
        CameraWatch known = watch.value();
        if (known != null && known.silentAlert() != null) {
            out.collect(known.silentAlert().withEnd(recognition.ts()));
        }
        if (known != null && known.lastSeen().isAfter(recognition.ts())) {
            return;
        }
        watch.update(new CameraWatch(recognition.icdCode(), recognition.gateId(), recognition.cameraId(),
                recognition.ts(), null));
        long silentFrom = recognition.ts().toEpochMilli() + settings.cameraSilence().toMillis();
        ctx.timerService().registerEventTimeTimer(silentFrom);
    }

    private void raiseIfSilent(long timestamp, Collector<Alert> out) throws Exception {
        CameraWatch known = watch.value();
        if (known == null || known.silentAlert() != null
                || known.lastSeen().toEpochMilli() + settings.cameraSilence().toMillis() != timestamp) {
            return;
        }
        String cameraId = known.cameraId();
        AlertDetails details = AlertDetails.builder().icdCode(known.icdCode()).gateId(known.gateId())
                .cameraId(cameraId).silentMinutes(settings.cameraSilence().toMinutes()).build();
        Alert alert = new Alert(Alert.idOf(AlertType.CAMERA_SILENT, known.icdCode() + "/" + cameraId,
                known.lastSeen()), AlertType.CAMERA_SILENT, AlertType.CAMERA_SILENT.severity(), null, null, null,
                known.lastSeen(), Instant.ofEpochMilli(timestamp), null, null, null, null, null, null, details,
                AlertState.OPEN);
        watch.update(new CameraWatch(known.icdCode(), known.gateId(), cameraId, known.lastSeen(), alert));
        out.collect(alert);
    }
}
