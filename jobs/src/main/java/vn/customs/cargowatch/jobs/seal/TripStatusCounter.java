package vn.customs.cargowatch.jobs.seal;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import vn.customs.cargowatch.connectors.JobMetrics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.TripStatus;

/**
 * {@code trips.status}: the timeline's status updates with {@code alertCount} — the number of distinct
 * alerts raised on the trip — filled in. Keyed by trip id.
 *
 * <p>A trip's final status (ARRIVED, CANCELLED) is published once the watermark passes the end, when every
 * alert raised before the end has been counted; then its state is cleared.
 */
public class TripStatusCounter extends KeyedCoProcessFunction<String, TripStatus, Alert, TripStatus>
        implements CheckpointedFunction {

    private transient ValueState<TripStatus> latest;
    private transient MapState<String, Boolean> alertIds;
    private transient ListState<Long> activeTripsState;
    private transient long activeTrips;

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-status", TripStatus.class));
        alertIds = getRuntimeContext().getMapState(new MapStateDescriptor<>("alert-ids", Types.STRING, Types.BOOLEAN));
        JobMetrics.of(getRuntimeContext().getMetricGroup()).gauge("trips_active", () -> activeTrips);
    }

    /**
     * The {@code trips_active} gauge: trips that became ACTIVE here and have not ended. Each subtask keeps its
     * count in operator state, so a restart resumes it; on rescaling the counts are dealt out to the new
     * subtasks as they are, so only the sum over subtasks — what the boards show — stays right.
     */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        activeTripsState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("active-trips", Types.LONG));
        activeTrips = 0;
        for (Long count : activeTripsState.get()) {
            activeTrips += count;
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        activeTripsState.update(List.of(activeTrips));
    }

    @Override
    public void processElement1(TripStatus status, Context ctx, Collector<TripStatus> out) throws Exception {
        TripStatus previous = latest.value();
        boolean wasActive = previous != null && previous.state() == TripStatus.State.ACTIVE;
        boolean isActive = status.state() == TripStatus.State.ACTIVE;
        if (isActive != wasActive) {
            activeTrips += isActive ? 1 : -1;
        }
        latest.update(status);
        if (status.ended()) {
            ctx.timerService().registerEventTimeTimer(ctx.timestamp());
        } else {
            out.collect(counted(status));
        }
    }

    @Override
    public void processElement2(Alert alert, Context ctx, Collector<TripStatus> out) throws Exception {
        // Only raises of a trip this function follows count: an episode's end, or a gate's alert, can come
        // after the trip's final status was published and its state cleared.
        TripStatus status = latest.value();
        if (status == null || alert.endTs() != null || alertIds.contains(alert.alertId())) {
            return;
        }
        alertIds.put(alert.alertId(), true);
        if (status.state() == TripStatus.State.ACTIVE) {
            out.collect(counted(status));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TripStatus> out) throws Exception {
        TripStatus status = latest.value();
        if (status != null) {
            out.collect(counted(status));
        }
        latest.clear();
        alertIds.clear();
    }

    private TripStatus counted(TripStatus status) throws Exception {
        int count = 0;
        for (String ignored : alertIds.keys()) {
            count++;
        }
        return status.withAlertCount(count);
    }
}
