package vn.customs.cargowatch.jobs.seal;

import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import vn.customs.cargowatch.connectors.JobMetrics;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;

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
 * <p>Both inputs are taken in event-time order ({@link EventTimeBuffer}), statuses before alerts at one instant: a
 * trip's statuses and its alerts reach this function from different upstream subtasks, whose buffers flush in no set
 * order, so taking them as they arrive would count an alert before or after the trip's end by chance. A trip's final
 * status (ARRIVED, CANCELLED) is published once the watermark passes the end, when every alert raised up to the end
 * has been counted; then its state is cleared. An alert raised on a trip after its end, or on none this function
 * follows, counts nowhere.
 */
public class TripStatusCounter extends KeyedCoProcessFunction<String, TripStatus, Alert, TripStatus>
        implements CheckpointedFunction {

    private transient ValueState<TripStatus> latest;
    private transient MapState<String, Boolean> alertIds;
    private transient EventTimeBuffer<TripStatus> pendingStatuses;
    private transient EventTimeBuffer<Alert> pendingAlerts;
    private transient ListState<Long> activeTripsState;
    private transient long activeTrips;

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-status", TripStatus.class));
        alertIds = getRuntimeContext().getMapState(new MapStateDescriptor<>("alert-ids", Types.STRING, Types.BOOLEAN));
        // a trip's statuses come from its seal's timeline, one channel, in order: kept in the order they arrived
        pendingStatuses = new EventTimeBuffer<>(getRuntimeContext(), "pending-statuses", TripStatus.class,
                (a, b) -> 0);
        pendingAlerts = new EventTimeBuffer<>(getRuntimeContext(), "pending-alerts", Alert.class,
                Comparator.comparing(Alert::alertId));
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
        pendingStatuses.add(timeOf(ctx), status, ctx.timerService());
    }

    @Override
    public void processElement2(Alert alert, Context ctx, Collector<TripStatus> out) throws Exception {
        // an episode's end changes no count: only its raise is held
        if (alert.endTs() == null) {
            pendingAlerts.add(timeOf(ctx), alert, ctx.timerService());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TripStatus> out) throws Exception {
        for (TripStatus status : pendingStatuses.release(timestamp)) {
            onStatus(status, out);
        }
        for (Alert alert : pendingAlerts.release(timestamp)) {
            onAlert(alert, out);
        }
        TripStatus status = latest.value();
        if (status != null && status.ended()) {
            out.collect(counted(status));
            latest.clear();
            alertIds.clear();
        }
    }

    private void onStatus(TripStatus status, Collector<TripStatus> out) throws Exception {
        TripStatus previous = latest.value();
        boolean wasActive = previous != null && previous.state() == TripStatus.State.ACTIVE;
        boolean isActive = status.state() == TripStatus.State.ACTIVE;
        if (isActive != wasActive) {
            activeTrips += isActive ? 1 : -1;
        }
        latest.update(status);
        if (!status.ended()) {
            out.collect(counted(status));
        }
    }

    private void onAlert(Alert alert, Collector<TripStatus> out) throws Exception {
        TripStatus status = latest.value();
        if (status == null || alertIds.contains(alert.alertId())) {
            return;
        }
        alertIds.put(alert.alertId(), true);
        if (status.state() == TripStatus.State.ACTIVE) {
            out.collect(counted(status));
        }
    }

    /** A record's event time; one without (none in this job) is taken at the next watermark. */
    private static long timeOf(Context ctx) {
        return ctx.timestamp() != null ? ctx.timestamp() : ctx.timerService().currentWatermark() + 1;
    }

    private TripStatus counted(TripStatus status) throws Exception {
        int count = 0;
        for (String ignored : alertIds.keys()) {
            count++;
        }
        return status.withAlertCount(count);
    }
}
