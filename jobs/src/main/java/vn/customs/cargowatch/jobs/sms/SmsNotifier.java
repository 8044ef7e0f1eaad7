package vn.customs.cargowatch.jobs.sms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.connectors.sms.SmsMessage;
import vn.customs.cargowatch.connectors.sms.SmsTemplates;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.model.Alert;

/**
 * Turns the requests to text a phone into the SMS it gets, keyed by phone (3740 §II.4): each alert at most once
 * per phone per state that warrants it, and at most {@code maxPerWindow} SMS per {@code window}; the alerts beyond
 * are not dropped but gathered into one digest ({@link SmsTemplates#digest}) sent when the window ends.
 *
 * <p>Windows are in event time: a window opens at a phone's first request after the last one closed and ends
 * {@code window} later, when the watermark passes. Requests are held until the watermark passes them and taken in
 * event-time order ({@link EventTimeBuffer}): requests for one phone come from many trips, through many subtasks,
 * in no fixed order, and which alerts go into a digest must not depend on that — a rerun or a restart has to send
 * the very same SMS, under the same keys, for the sink's ledger to recognise them. Event time rather than processing time because a replay or
 * the demo runs through days of alerts in seconds — they would all fall in one processing-time window — and
 * because at the end of a finite input the watermark jumps to the end and fires the last digests, where
 * processing-time timers would be dropped with the job. The price, live: a digest waits for the watermark, so
 * when every input is silent (none is idle: an idle one stops holding it back) it waits for the next record.
 *
 * <p>Once per phone: this operator remembers {@code <alertId>/<state>} per phone for {@code retention} (as long
 * as the alert actions keep an alert, so that a later version of the same alert in the same state finds it);
 * the sink's ledger covers what this state cannot: a restart from a checkpoint taken before an SMS it then sent.
 *
 * <p>State ends: the window's state when its timer fires; each remembered alert {@code retention} after it was
 * texted, on an hourly timer.
 */
public class SmsNotifier extends KeyedProcessFunction<String, SmsRequest, SmsMessage> {

    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final int maxPerWindow;
    private final long windowMillis;
    private final long retentionMillis;

    private transient MapState<String, Long> sent;
    private transient ValueState<Long> windowStart;
    private transient ValueState<Integer> count;
    private transient ListState<Alert> held;
    private transient EventTimeBuffer<SmsRequest> pending;

    public SmsNotifier(int maxPerWindow, Duration window, Duration retention) {
        if (maxPerWindow < 1) {
            throw new IllegalArgumentException("maxPerWindow must be at least 1, not " + maxPerWindow);
        }
        this.maxPerWindow = maxPerWindow;
        this.windowMillis = window.toMillis();
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        sent = getRuntimeContext().getMapState(new MapStateDescriptor<>("sent", Types.STRING, Types.LONG));
        windowStart = getRuntimeContext().getState(new ValueStateDescriptor<>("window-start", Types.LONG));
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("window-count", Types.INT));
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held", Alert.class));
        pending = new EventTimeBuffer<>(getRuntimeContext(), "pending", SmsRequest.class,
                Comparator.comparing(SmsRequest::dedupKey));
    }

    @Override
    public void processElement(SmsRequest request, Context ctx, Collector<SmsMessage> out) throws Exception {
        if (!sent.contains(request.dedupKey())) {
            pending.add(ctx.timestamp() != null ? ctx.timestamp() : request.alert().raisedAt().toEpochMilli(),
                    request, ctx.timerService());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SmsMessage> out) throws Exception {
        Long start = windowStart.value();
        if (start != null && start + windowMillis == timestamp) {
            closeWindow(ctx.getCurrentKey(), out);
        }
        for (SmsRequest request : pending.release(timestamp)) {
            text(request, timestamp, ctx, out);
        }
        Iterator<Map.Entry<String, Long>> entries = sent.iterator();
        while (entries.hasNext()) {
            if (entries.next().getValue() + retentionMillis <= timestamp) {
                entries.remove();
            }
        }
        if (sent.isEmpty()) {
            sent.clear();
        }
    }

    /** Texts {@code request} at {@code now} unless it was, within the window's limit, or holds it for the digest. */
    private void text(SmsRequest request, long now, OnTimerContext ctx, Collector<SmsMessage> out) throws Exception {
        if (sent.contains(request.dedupKey())) {
            return;
        }
        sent.put(request.dedupKey(), now);
        ctx.timerService().registerEventTimeTimer(ceilToHour(now + retentionMillis));

        Long start = windowStart.value();
        if (start != null && now >= start + windowMillis) {
            // a request released late, behind the window's own timer: close that window before this one opens
            closeWindow(ctx.getCurrentKey(), out);
            start = null;
        }
        if (start == null) {
            windowStart.update(now);
            ctx.timerService().registerEventTimeTimer(now + windowMillis);
        }
        int inWindow = count.value() == null ? 0 : count.value();
        if (inWindow < maxPerWindow) {
            count.update(inWindow + 1);
            out.collect(new SmsMessage(request.recipient(), SmsTemplates.of(request.alert()),
                    request.alert().alertId(), request.messageKey()));
        } else {
            held.add(request.alert());
        }
    }

    /** Sends what the window held back: one digest, or the alert itself when it held one. */
    private void closeWindow(String phone, Collector<SmsMessage> out) throws Exception {
        List<Alert> alerts = new ArrayList<>();
        held.get().forEach(alerts::add);
        if (alerts.size() == 1) {
            Alert alert = alerts.get(0);
            SmsRequest request = new SmsRequest(phone, alert);
            out.collect(new SmsMessage(phone, SmsTemplates.of(alert), alert.alertId(), request.messageKey()));
        } else if (alerts.size() > 1) {
            out.collect(new SmsMessage(phone, SmsTemplates.digest(alerts, Duration.ofMillis(windowMillis)), null,
                    "digest/" + phone + "/" + windowStart.value()));
        }
        held.clear();
        windowStart.clear();
        count.clear();
    }

    private static long ceilToHour(long millis) {
        return Math.floorDiv(millis + HOUR - 1, HOUR) * HOUR;
    }
}
