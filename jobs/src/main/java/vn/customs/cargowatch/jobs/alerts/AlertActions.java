package vn.customs.cargowatch.jobs.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * Drives each alert through its handling (3740 §II.4) with the supervisors' {@code alerts.actions}, keyed by alert
 * id. It keeps the alert's latest version with its current state, and the unit its latest proposal or escalation
 * names: that unit, outside the alert's Branch, may record its on-site result (3740 §II.4.2). An accepted action
 * re-emits the alert in its new state and goes to {@link #HISTORY} (an escalation, or the leader's approval of a
 * proposal, also to {@link #ESCALATIONS}); a refused one goes to {@link #REFUSED} with the reason, unapplied
 * ({@link AlertLifecycle} says which are refused). The General Department's unit codes are those of the broadcast
 * {@code customs.offices} of level GENERAL.
 *
 * <p>The rules always emit an alert as they see it (state OPEN or none); a later version of the episode (it
 * ended: the truck is back on route) keeps the state the officers gave it.
 *
 * <p>Alerts and actions are both held until the watermark passes them, then taken in event-time order (an alert
 * before an action of the same instant): an action is applied to the alert as it was when the action was taken,
 * after the alert it names — in a replay as live, where it costs the alerts' out-of-order bound of delay. Alerts
 * too, although the nearest-office enricher already holds them to the watermark: when event time jumps (a
 * partition falling idle, the end of a file) the enricher emits a later version of an alert (its episode ended)
 * before the watermark that lets an earlier action through, and that action must not see the episode's end. An
 * action whose alert has still not come by then is refused as an unknown alert.
 *
 * <p>Signed actions (issue 13): with a signing key ({@link ActionSignature}, {@code CARGOWATCH_ACTIONS_KEY}), an
 * action without a right signature goes to {@link #REFUSED} as it arrives ("unsigned action: …", "wrong signature:
 * …"), before it is held for the watermark or seen by the lifecycle: the check reads the action alone, so it decides
 * the same whenever and wherever the action arrives. Without a key every action is taken, as before signatures.
 *
 * <p>State ends: when the alert is resolved (or closed) and its episode has ended, or {@code retention} of event
 * time after the last thing that happened to it (an alert never resolved, an episode that never ends). An action
 * on a forgotten alert is refused as unknown.
 */
public class AlertActions extends KeyedBroadcastProcessFunction<String, AlertActions.Input, CustomsOffice, Alert> {

    public static final OutputTag<AlertHistoryEntry> HISTORY = new OutputTag<>("alert-history") {};
    public static final OutputTag<DeadLetter> REFUSED = new OutputTag<>("refused-actions") {};
    /**
     * Each accepted escalation (a direct one, or an approved proposal: 3740 §II.4.1.a texts the unit once the leader
     * has approved) with the unit asked to verify, for that unit's officers on duty to be texted.
     */
    public static final OutputTag<Escalation> ESCALATIONS = new OutputTag<>("escalations") {};
    /** Each accepted action's finding on a sealed trip's seal alert, for the monthly report (3740 Phụ lục IV). */
    public static final OutputTag<AlertFinding> FINDINGS = new OutputTag<>("findings") {};

    /** How long an alert nothing happens to is kept before it is forgotten. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    /**
     * An alert or an action on one: the two keyed inputs as one stream, so that the offices can be broadcast. An
     * action keeps its line as received, for the dead letter of a refusal.
     */
    public record Input(Alert alert, AlertAction action, String line) {

        public static Input of(Alert alert) {
            return new Input(alert, null, null);
        }

        public static Input of(AlertAction action) {
            return new Input(null, action, null);
        }

        public static Input of(AlertAction action, String line) {
            return new Input(null, action, line);
        }

        public String alertId() {
            return alert != null ? alert.alertId() : action.alertId();
        }
    }

    private final long retentionMillis;
    /** The key actions must be signed with; null: signatures are not checked. */
    private final ActionSignature.Key signingKey;
    private transient ValueState<Alert> current;
    private transient ValueState<Long> forgetAt;
    private transient ValueState<String> unitAsked;
    private transient EventTimeBuffer<Input> pending;
    private transient EventTimeBuffer<Alert> pendingAlerts;

    public AlertActions(Duration retention) {
        this(retention, null);
    }

    /** With {@code signingKey} (null: none), the key every action must be signed with. */
    public AlertActions(Duration retention, ActionSignature.Key signingKey) {
        this.retentionMillis = retention.toMillis();
        this.signingKey = signingKey;
    }

    @Override
    public void open(OpenContext openContext) {
        current = getRuntimeContext().getState(new ValueStateDescriptor<>("alert", Alert.class));
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
        unitAsked = getRuntimeContext().getState(new ValueStateDescriptor<>("unit-asked", Types.STRING));
        pending = new EventTimeBuffer<>(getRuntimeContext(), "pending-actions", Input.class,
                Comparator.comparing((Input input) -> input.action().action())
                        .thenComparing(input -> input.action().by()));
        pendingAlerts = new EventTimeBuffer<>(getRuntimeContext(), "pending-alerts", Alert.class,
                Comparator.comparing(Alert::endTs, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    @Override
    public void processElement(Input input, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        if (input.action() != null) {
            String unsigned = signingKey == null ? null : ActionSignature.problem(input.action(), signingKey);
            if (unsigned != null) {
                refuse(input.action(), input.line(), unsigned, ctx);
                return;
            }
            pending.add(input.action().ts().toEpochMilli(), input, ctx.timerService());
        } else {
            pendingAlerts.add(ctx.timestamp() != null ? ctx.timestamp() : activity(input.alert()), input.alert(),
                    ctx.timerService());
        }
    }

    /** A version of the alert from the rules: passed on with the state the officers have given it. */
    private void receive(Alert alert, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        Alert kept = current.value();
        Alert updated = kept == null || kept.state() == null ? alert : alert.withState(kept.state());
        out.collect(updated);
        keepOrForget(updated, activity(updated), ctx);
    }

    @Override
    public void processBroadcastElement(CustomsOffice office, Context ctx, Collector<Alert> out) throws Exception {
        ctx.getBroadcastState(NearestOfficeEnricher.OFFICES).put(office.unitCode(), office);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        for (Alert alert : pendingAlerts.release(timestamp)) {
            InternalErrors.guard("alert actions", Topic.ALERTS.name(), alert,
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> receive(alert, ctx, out));
        }
        for (Input action : pending.release(timestamp)) {
            InternalErrors.guard("alert actions", Topic.ALERTS_ACTIONS.name(),
                    action.line() != null ? action.line() : action.action(),
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter),
                    () -> apply(action.action(), action.line(), ctx, out));
        }
        Long due = forgetAt.value();
        if (due != null && due == timestamp) {
            forget();
        }
    }

    private void apply(AlertAction action, String line, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        Alert kept = current.value();
        AlertState from = kept == null ? null : kept.state() == null ? AlertState.OPEN : kept.state();
        AlertLifecycle.Result result = AlertLifecycle.apply(kept, from, unitAsked.value(), action,
                generalDepartment(ctx));
        if (!result.accepted()) {
            refuse(action, line, result.refusal(), ctx);
            return;
        }
        Alert updated = kept.withState(result.state());
        out.collect(updated);
        boolean approval = action.action() == AlertAction.Action.APPROVE;
        ctx.output(HISTORY, AlertHistoryEntry.of(action, approval ? result.unitAsked() : action.escalateTo(), from,
                result.state()));
        if (action.finding() != null && updated.tripId() != null && updated.type() != null
                && !updated.type().ofGate()) {
            ctx.output(FINDINGS, new AlertFinding(updated.tripId(), updated.alertId(), action.finding(), action.ts()));
        }
        if (action.action() == AlertAction.Action.ESCALATE || approval) {
            ctx.output(ESCALATIONS, new Escalation(updated, result.unitAsked()));
        }
        if (result.unitAsked() != null) {
            unitAsked.update(result.unitAsked());
        }
        keepOrForget(updated, Math.max(activity(updated), action.ts().toEpochMilli()), ctx);
    }

    private static void refuse(AlertAction action, String line, String reason, ReadOnlyContext ctx) {
        ctx.output(REFUSED, new DeadLetter(Topic.ALERTS_ACTIONS.name(), reason, line != null ? line : Json.write(action),
                Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()), DeadLetter.Kind.REFUSED));
    }

    private static Set<String> generalDepartment(ReadOnlyContext ctx) throws Exception {
        Set<String> units = new HashSet<>();
        for (Map.Entry<String, CustomsOffice> entry : ctx.getBroadcastState(NearestOfficeEnricher.OFFICES)
                .immutableEntries()) {
            if (entry.getValue().level() == CustomsOffice.Level.GENERAL) {
                units.add(entry.getKey());
            }
        }
        return units;
    }

    private void keepOrForget(Alert alert, long lastActivity, ReadOnlyContext ctx) throws Exception {
        Long due = forgetAt.value();
        boolean handled = alert.state() == AlertState.RESOLVED || alert.state() == AlertState.CLOSED;
        if (handled && alert.endTs() != null) {
            if (due != null) {
                dropForgetTimer(due, ctx);
            }
            forget();
            return;
        }
        current.update(alert);
        long forget = lastActivity + retentionMillis;
        if (due == null || forget > due) {
            if (due != null) {
                dropForgetTimer(due, ctx);
            }
            ctx.timerService().registerEventTimeTimer(forget);
            forgetAt.update(forget);
        }
    }

    private void forget() {
        current.clear();
        forgetAt.clear();
        unitAsked.clear();
    }

    /** Deletes the timer of an earlier due time, unless alerts or actions are held for that same instant. */
    private void dropForgetTimer(long due, ReadOnlyContext ctx) throws Exception {
        if (!pending.holds(due) && !pendingAlerts.holds(due)) {
            ctx.timerService().deleteEventTimeTimer(due);
        }
    }

    private static long activity(Alert alert) {
        return (alert.endTs() != null ? alert.endTs() : alert.detectedAt()).toEpochMilli();
    }
}
