package vn.customs.cargowatch.jobs.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Keyed records held until the watermark passes them, then handed back in event-time order (ties in the
 * order {@code tieBreak} says). With it a keyed function sees its inputs as they happened, whatever order
 * they arrived in within the out-of-order bound — the same order in every replay. A record's entry ends
 * when it is released.
 */
public final class EventTimeBuffer<T> {

    private final MapState<Long, List<T>> pending;
    private final Comparator<T> tieBreak;

    public EventTimeBuffer(RuntimeContext context, String name, Class<T> type, Comparator<T> tieBreak) {
        this.pending = context.getMapState(
                new MapStateDescriptor<>(name, Types.LONG, Types.LIST(TypeInformation.of(type))));
        this.tieBreak = tieBreak;
    }

    /** Holds {@code record} until the watermark reaches {@code timestamp}. */
    public void add(long timestamp, T record, TimerService timers) throws Exception {
        List<T> atTimestamp = pending.get(timestamp);
        if (atTimestamp == null) {
            atTimestamp = new ArrayList<>(1);
            timers.registerEventTimeTimer(timestamp);
        }
        atTimestamp.add(record);
        pending.put(timestamp, atTimestamp);
    }

    /** Whether records are held for {@code timestamp}, and so need its timer. */
    public boolean holds(long timestamp) throws Exception {
        return pending.contains(timestamp);
    }

    /** The records held for {@code timestamp}, in order; empty when the timer was for something else. */
    public List<T> release(long timestamp) throws Exception {
        List<T> records = pending.get(timestamp);
        if (records == null) {
            return List.of();
        }
        pending.remove(timestamp);
        records.sort(tieBreak);
        return records;
    }
}
