package vn.customs.cargowatch.jobs.common;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * The end of a key's state when nothing more is expected of it: kept until event time passes the latest instant asked
 * for, with one timer per key. The timer may share its instant with an {@link EventTimeBuffer}'s, which must then keep
 * it; the owner clears its own state when {@link #endsAt} says so.
 */
public final class Retention {

    private final ValueState<Long> forgetAt;
    private final EventTimeBuffer<?> sharing;

    public Retention(RuntimeContext context, EventTimeBuffer<?> sharing) {
        this.forgetAt = context.getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
        this.sharing = sharing;
    }

    /** Keeps the key's state at least until {@code until} (event time, epoch ms). */
    public void keepUntil(long until, TimerService timers) throws Exception {
        Long due = forgetAt.value();
        if (due == null || until > due) {
            deleteTimer(due, timers);
            timers.registerEventTimeTimer(until);
            forgetAt.update(until);
        }
    }

    /** Whether the timer firing at {@code timestamp} is the end: the owner then forgets the key. */
    public boolean endsAt(long timestamp) throws Exception {
        Long due = forgetAt.value();
        return due != null && due == timestamp;
    }

    /** Ends the key now: its timer is deleted; the owner clears its own state. */
    public void endNow(TimerService timers) throws Exception {
        deleteTimer(forgetAt.value(), timers);
        forgetAt.clear();
    }

    public void clear() {
        forgetAt.clear();
    }

    private void deleteTimer(Long due, TimerService timers) throws Exception {
        if (due != null && !sharing.holds(due)) {
            timers.deleteEventTimeTimer(due);
        }
    }
}
