package vn.customs.cargowatch.jobs.seal;

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
public class TripStatusCounter extends KeyedCoProcessFunction<String, TripStatus, Alert, TripStatus> {

    private transient ValueState<TripStatus> latest;
    private transient MapState<String, Boolean> alertIds;

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-status", TripStatus.class));
        alertIds = getRuntimeContext().getMapState(new MapStateDescriptor<>("alert-ids", Types.STRING, Types.BOOLEAN));
    }

    @Override
    public void processElement1(TripStatus status, Context ctx, Collector<TripStatus> out) throws Exception {
        latest.update(status);
        if (status.state() == TripStatus.State.ARRIVED || status.state() == TripStatus.State.CANCELLED) {
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
        return new TripStatus(status.tripId(), status.imei(), status.containerNo(), status.state(),
                status.lastTs(), status.lastLat(), status.lastLon(), status.distanceKm(), count, status.arrivedBy());
    }
}
