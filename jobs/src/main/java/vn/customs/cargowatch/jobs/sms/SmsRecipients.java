package vn.customs.cargowatch.jobs.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.jobs.alerts.AlertActions;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.config.SmsSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;

/**
 * Which of a trip's registered contacts are texted an alert (3740 §II.4: "by text message to the registered phone
 * numbers"), keyed by trip id (an alert without a trip, from a gate, by {@link #keyOf}): the trips' registered
 * contacts are kept from {@code seal.trips}. The officers on duty are texted by {@link OnDutyOfficers}.
 *
 * <p>Which state changes warrant an SMS ({@link #warrants}):
 * <ul>
 *   <li>a raised alert (state OPEN, or none as the rules emit it): the trip's contacts whose role is configured for
 *       its type, and the officers on duty at its departure Branch ({@code branchCode});
 *   <li>ESCALATED: the Branch's officers on duty again, so that whoever is on duty now knows it went up; and those
 *       of the unit it was escalated to ({@code escalateTo} is in the action, not the alert: {@link
 *       AlertActions#ESCALATIONS} carries it);
 *   <li>ACKNOWLEDGED, VERIFIED, RESOLVED, CLOSED and the episode's end: none — they are the officers' own doing,
 *       or shown on screen; texting them would teach phones to ignore us.
 * </ul>
 * Every version of an alert in such a state asks again (the ended episode re-emitted OPEN, say); {@link
 * SmsNotifier} keeps it to once per phone.
 *
 * <p>Both inputs are held until the watermark passes them and then taken in event-time order
 * ({@link EventTimeBuffer}): an alert is addressed with the contacts its trip had registered by then, whichever of
 * the two streams happened to arrive first — the same recipients in every run and after every restart.
 *
 * <p>State ends: a trip's contacts are forgotten {@link #AFTER_END} after it arrived or was cancelled (event
 * time), or {@code retention} after its registration (a trip that never ends).
 */
public class SmsRecipients extends KeyedCoProcessFunction<String, Alert, TripEvent, SmsRequest> {

    /** Alerts of a trip may still come this long after it arrived (held by the enricher, an ended episode). */
    static final Duration AFTER_END = Duration.ofDays(1);

    private final SmsSettings settings;
    private final long retentionMillis;
    private transient ValueState<List<Contact>> contacts;
    private transient ValueState<Long> forgetAt;
    private transient EventTimeBuffer<TripEvent> pendingTrips;
    private transient EventTimeBuffer<Alert> pendingAlerts;

    public SmsRecipients(SmsSettings settings, Duration retention) {
        this.settings = settings;
        this.retentionMillis = retention.toMillis();
    }

    /** The key: the trip, or the alert itself when it has none. */
    public static String keyOf(Alert alert) {
        return alert.tripId() != null ? alert.tripId() : "alert:" + alert.alertId();
    }

    /**
     * The officers on duty to be told of an alert that warrants it: its Branch's, whose alert it is (none without a
     * {@code branchCode}).
     */
    public static FlatMapFunction<Alert, OnDutyNotice> ofBranch() {
        return (alert, out) -> {
            if (alert.branchCode() != null) {
                out.collect(new OnDutyNotice(alert, alert.branchCode()));
            }
        };
    }

    /** Whether any version of {@code alert} in its state may be texted. */
    public static boolean warrants(Alert alert) {
        return alert.state() == null || alert.state() == AlertState.OPEN || alert.state() == AlertState.ESCALATED;
    }

    @Override
    public void open(OpenContext openContext) {
        contacts = getRuntimeContext().getState(new ValueStateDescriptor<>("contacts",
                TypeInformation.of(new TypeHint<List<Contact>>() {})));
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
        pendingTrips = new EventTimeBuffer<>(getRuntimeContext(), "pending-trips", TripEvent.class,
                Comparator.comparing(TripEvent::type));
        pendingAlerts = new EventTimeBuffer<>(getRuntimeContext(), "pending-alerts", Alert.class,
                Comparator.comparing(Alert::alertId)
                        .thenComparing(Alert::state, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    @Override
    public void processElement1(Alert alert, Context ctx, Collector<SmsRequest> out) throws Exception {
        if (warrants(alert)) {
            pendingAlerts.add(ctx.timestamp() != null ? ctx.timestamp() : alert.raisedAt().toEpochMilli(), alert,
                    ctx.timerService());
        }
    }

    @Override
    public void processElement2(TripEvent trip, Context ctx, Collector<SmsRequest> out) throws Exception {
        pendingTrips.add(trip.ts().toEpochMilli(), trip, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SmsRequest> out) throws Exception {
        // the trip's registration before its alerts of the same instant: a contact registered with the trip is
        // texted its first alert
        for (TripEvent trip : pendingTrips.release(timestamp)) {
            InternalErrors.guard("sms recipients", Topic.SEAL_TRIPS.name(), trip,
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> remember(trip, ctx));
        }
        for (Alert alert : pendingAlerts.release(timestamp)) {
            InternalErrors.guard("sms recipients", Topic.ALERTS.name(), alert,
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> request(alert, out));
        }
        Long due = forgetAt.value();
        if (due != null && due == timestamp) {
            contacts.clear();
            forgetAt.clear();
        }
    }

    private void request(Alert alert, Collector<SmsRequest> out) throws Exception {
        Set<String> phones = new LinkedHashSet<>();
        boolean raised = alert.state() == null || alert.state() == AlertState.OPEN;
        List<Contact> registered = contacts.value();
        if (raised && registered != null) {
            for (Contact contact : registered) {
                if (contact.phone() != null && settings.texts(contact.role(), alert.type())) {
                    phones.add(contact.phone());
                }
            }
        }
        for (String phone : phones) {
            out.collect(new SmsRequest(phone, alert));
        }
    }

    private void remember(TripEvent trip, OnTimerContext ctx) throws Exception {
        long ts = trip.ts().toEpochMilli();
        switch (trip.type()) {
            case REGISTERED, DESTINATION_CHANGED -> {
                if (trip.contacts() != null && !trip.contacts().isEmpty()) {
                    contacts.update(trip.contacts().stream()
                            .map(contact -> new Contact(contact.role(), contact.name(), international(contact.phone())))
                            .filter(contact -> contact.phone() != null).toList());
                    Instant end = trip.expectedEnd() != null && trip.expectedEnd().isAfter(trip.ts())
                            ? trip.expectedEnd() : trip.ts();
                    forgetAfter(end.toEpochMilli() + retentionMillis, ctx);
                }
            }
            case ARRIVED, CANCELLED -> {
                if (contacts.value() != null) {
                    forgetAfter(ts + AFTER_END.toMillis(), ctx);
                }
            }
            default -> { }
        }
    }

    /**
     * A registered phone in the international form SMS need: {@code +84 912 345 678} and {@code 0912345678} both
     * become {@code 84912345678}; {@code null} when it is no phone number.
     */
    public static String international(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[\\s.()-]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        } else if (digits.startsWith("00")) {
            digits = digits.substring(2);
        } else if (digits.startsWith("0")) {
            digits = "84" + digits.substring(1);
        }
        return digits.matches("[0-9]{8,15}") ? digits : null;
    }

    private void forgetAfter(long at, OnTimerContext ctx) throws Exception {
        Long due = forgetAt.value();
        if (due != null && !pendingTrips.holds(due) && !pendingAlerts.holds(due)) {
            ctx.timerService().deleteEventTimeTimer(due);
        }
        forgetAt.update(at);
        ctx.timerService().registerEventTimeTimer(at);
    }
}
