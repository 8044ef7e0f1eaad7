package vn.customs.cargowatch.jobs.seal.rules;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;

/**
 * A seal's keyed rules (stop, signal lost, not arrived, the seal's own alerts) run together behind the trip timeline,
 * keyed by IMEI: one operator, one buffer of signals and one timer service for all, instead of one each.
 *
 * <p>Signals are held until the watermark passes them and then handed to every rule that reads them, in event-time
 * order (at one instant in the order of their kinds: activation first, the trip's end last); a rule's deadline is met
 * after the signals of its instant and before those after it, also when the watermark jumps far ahead at once (a Kafka
 * partition falling idle) — the ordering bug each timer rule once had, and the reason for the buffer.
 *
 * <p>Each rule's deadline is kept with the timer that will wake it ({@code armed}): a deadline moved later (a silence's
 * every fix) keeps its earlier timer, which, when it fires, arms the timer of the deadline then in force — one timer
 * per timeout instead of one per fix. A cleared deadline deletes its timer, unless the buffer or another rule still
 * needs that instant. A fault of a rule's code on one signal sends the signal to deadletter as INTERNAL.
 */
public class SealRules extends KeyedProcessFunction<String, TripSignal, Alert> {

    private final List<SealRule> rules;
    private transient EventTimeBuffer<TripSignal> signals;
    private transient List<ValueState<Long>> deadlines;
    private transient List<ValueState<Long>> armed;

    public SealRules(List<SealRule> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public void open(OpenContext openContext) {
        signals = TripAlerts.signalBuffer(getRuntimeContext());
        deadlines = new ArrayList<>();
        armed = new ArrayList<>();
        for (SealRule rule : rules) {
            rule.open(getRuntimeContext());
            deadlines.add(getRuntimeContext().getState(new ValueStateDescriptor<>(rule.name() + "-deadline",
                    Types.LONG)));
            armed.add(getRuntimeContext().getState(new ValueStateDescriptor<>(rule.name() + "-timer", Types.LONG)));
        }
    }

    @Override
    public void processElement(TripSignal signal, Context ctx, Collector<Alert> out) throws Exception {
        signals.add(signal.millis(), signal, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        TimerService timers = ctx.timerService();
        for (TripSignal signal : signals.release(timestamp)) {
            for (int i = 0; i < rules.size(); i++) {
                SealRule rule = rules.get(i);
                if (rule.reads(signal)) {
                    int index = i;
                    InternalErrors.guard(rule.name(), signal.topic().name(), signal,
                            letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter),
                            () -> rule.onSignal(signal, deadlines(index, timers), out::collect));
                }
            }
        }
        boolean endOfInput = TripAlerts.isEndOfInput(timers.currentWatermark());
        for (int i = 0; i < rules.size(); i++) {
            Long timer = armed.get(i).value();
            if (timer == null || timer != timestamp) {
                continue;
            }
            armed.get(i).clear();
            Long due = deadlines.get(i).value();
            if (due != null && due > timestamp) {
                arm(i, due, timers); // the deadline moved on since this timer was set
            } else if (due != null && due == timestamp) {
                deadlines.get(i).clear();
                if (!endOfInput) {
                    SealRule rule = rules.get(i);
                    int index = i;
                    InternalErrors.guard(rule.name(), "seal.trips", ctx.getCurrentKey(),
                            letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter),
                            () -> rule.onDeadline(timestamp, deadlines(index, timers), out::collect));
                }
            }
        }
    }

    private SealRule.Deadlines deadlines(int rule, TimerService timers) {
        return new SealRule.Deadlines() {
            @Override
            public void set(long at) throws Exception {
                deadlines.get(rule).update(at);
                Long timer = armed.get(rule).value();
                if (timer != null && at < timer) {
                    armed.get(rule).clear(); // moved earlier: the later timer goes, unless still needed
                    if (!neededAt(timer)) {
                        timers.deleteEventTimeTimer(timer);
                    }
                    timer = null;
                }
                if (timer == null) {
                    arm(rule, at, timers);
                }
            }

            @Override
            public void clear() throws Exception {
                deadlines.get(rule).clear();
                Long timer = armed.get(rule).value();
                if (timer != null) {
                    armed.get(rule).clear();
                    if (!neededAt(timer)) {
                        timers.deleteEventTimeTimer(timer);
                    }
                }
            }
        };
    }

    private void arm(int rule, long at, TimerService timers) throws Exception {
        armed.get(rule).update(at);
        timers.registerEventTimeTimer(at);
    }

    /** Whether the buffer or a rule still needs the timer at {@code timestamp}. */
    private boolean neededAt(long timestamp) throws Exception {
        if (signals.holds(timestamp)) {
            return true;
        }
        for (ValueState<Long> timer : armed) {
            Long at = timer.value();
            if (at != null && at == timestamp) {
                return true;
            }
        }
        return false;
    }
}
