package vn.customs.cargowatch.jobs.seal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.EventTimeLag;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.common.UnusedInputs;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.seal.rules.DoorOpenedPatterns;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.DoorState;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TripRegistration;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.geo.Geo;
import vn.customs.cargowatch.model.geo.GeoPolygon;
import vn.customs.cargowatch.model.geo.RouteIndex;
import vn.customs.cargowatch.model.geo.ZoneIndex;

/**
 * A seal's timeline, keyed by IMEI: binds each fix and seal event to the seal's current trip
 * (3740 §II.2–3: registration, activation, monitoring, arrival) and emits {@link TripSignal}s only while
 * the trip is active.
 *
 * <p>Records are held until the watermark passes them and then handled in event-time order, so
 * out-of-order fixes (within the bound) and exact duplicates change nothing. Fixes and seal events from seals
 * with no active trip are normal (idle seals report too), and so are a second activation or arrival: counted by
 * reason ({@link UnusedInputs}), not dead-lettered. A lifecycle event that does
 * not fit the seal's trip (activating an unknown trip, registering a seal still on an active trip) goes
 * to {@link #DEAD_LETTERS}. Route geometry lives once per distinct route in broadcast state; the keyed
 * state holds only the route's id. State ends with the trip (ARRIVED — confirmed, or seen by an ICD gate
 * camera — or CANCELLED); only the id of the seal's last ended trip stays, one per seal, so that the
 * second report of an arrival is not taken for an error.
 */
public class TripTimeline extends KeyedBroadcastProcessFunction<String, SealInput, Reference, TripSignal> {

    public static final MapStateDescriptor<String, RouteDefinition> ROUTES =
            new MapStateDescriptor<>("routes", Types.STRING, TypeInformation.of(RouteDefinition.class));
    public static final MapStateDescriptor<String, GeoPolygon> ZONES =
            new MapStateDescriptor<>("ignore-zones", Types.STRING, TypeInformation.of(GeoPolygon.class));

    public static final OutputTag<TripStatus> STATUS = new OutputTag<>("trip-status") {};
    public static final OutputTag<TripRegistration> REGISTRATIONS = new OutputTag<>("trip-registrations") {};
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("timeline-deadletter") {};
    /** DOOR_OPENED raised as a DOOR_OPEN event arrives (live), and taken back when event time does not raise it. */
    public static final OutputTag<Alert> RAISED_ON_ARRIVAL = new OutputTag<>("raised-on-arrival") {};

    static final String NOT_ACTIVE = "withdrawn: the trip was not active then";

    private final SealSettings settings;
    private final long doorOnArrivalMillis;
    private transient MapState<Long, Alert> doorsRaisedOnArrival;

    private transient ValueState<TripContext> trip;
    private transient EventTimeBuffer<SealInput> pending;
    private transient ValueState<String> lastEndedTripId;
    private transient Map<String, RouteIndex> routeIndexes;
    private transient ZoneIndex zoneIndex;
    private transient UnusedInputs unused;
    private transient EventTimeLag lag;

    public TripTimeline(SealSettings settings) {
        this(settings, null);
    }

    /**
     * @param doorOnArrival live: a DOOR_OPEN event stamped within this of the wall clock raises DOOR_OPENED as it
     *     arrives, on the trip active then; null (a replay): everything in event time
     */
    public TripTimeline(SealSettings settings, Duration doorOnArrival) {
        this.settings = settings;
        this.doorOnArrivalMillis = doorOnArrival == null ? -1 : doorOnArrival.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        trip = getRuntimeContext().getState(new ValueStateDescriptor<>("trip", TripContext.class));
        pending = new EventTimeBuffer<>(getRuntimeContext(), "pending", SealInput.class,
                Comparator.comparingInt(SealInput::order));
        lastEndedTripId = getRuntimeContext().getState(new ValueStateDescriptor<>("last-ended-trip", String.class));
        doorsRaisedOnArrival = getRuntimeContext().getMapState(new MapStateDescriptor<>("doors-raised-on-arrival",
                Types.LONG, TypeInformation.of(Alert.class)));
        routeIndexes = new HashMap<>();
        unused = new UnusedInputs(getRuntimeContext());
        lag = EventTimeLag.register(getRuntimeContext().getMetricGroup(), "seal");
    }

    @Override
    public void processElement(SealInput input, ReadOnlyContext ctx, Collector<TripSignal> out) throws Exception {
        lag.observe(ctx.timerService().currentWatermark());
        pending.add(input.ts().toEpochMilli(), input, ctx.timerService());
        if (doorOnArrivalMillis >= 0 && input.event() != null && input.event().type() == SealEvent.Type.DOOR_OPEN) {
            InternalErrors.guard("trip timeline", Topic.SEAL_EVENTS.name(), input.event(),
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> raiseOnArrival(input.event(), ctx));
        }
    }

    /**
     * 1572 §II.3.2.d wants the barrier to act as the container passes; a door opened under seal is as urgent, so live
     * a DOOR_OPEN event raises its alert as it arrives, on the trip active then, with the id event time will give it
     * — unless it is stale (a backlog), which event time decides alone. Event time then raises the same alert, or
     * takes this one back.
     */
    private void raiseOnArrival(SealEvent event, ReadOnlyContext ctx) throws Exception {
        long ts = event.ts().toEpochMilli();
        long now = ctx.timerService().currentProcessingTime();
        TripContext current = trip.value();
        if (Math.abs(now - ts) > doorOnArrivalMillis || current == null || !current.active()
                || doorsRaisedOnArrival.contains(ts)) {
            return;
        }
        Alert alert = DoorOpenedPatterns.alertOf(doorSignal(event, current));
        doorsRaisedOnArrival.put(ts, alert);
        ctx.output(RAISED_ON_ARRIVAL, alert);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<TripSignal> out) throws Exception {
        lag.observe(ctx.timerService().currentWatermark());
        for (SealInput input : pending.release(ts)) {
            InternalErrors.guard("trip timeline", input.topic().name(), input.raw() != null ? input.raw() : input,
                    letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> {
                        if (input.trip() != null) {
                            onTripEvent(input, ctx, out);
                        } else if (input.fix() != null) {
                            onFix(input.fix(), ctx, out);
                        } else {
                            onSealEvent(input.event(), ctx, out);
                        }
                    });
        }
    }

    @Override
    public void processBroadcastElement(Reference reference, Context ctx, Collector<TripSignal> out)
            throws Exception {
        InternalErrors.guard("trip timeline", reference.route() != null ? Topic.SEAL_TRIPS.name()
                        : Topic.IGNORE_ZONES.name(), reference.route() != null ? reference.route() : reference.zone(),
                letter -> ctx.output(InternalErrors.DEAD_LETTERS, letter), () -> reference(reference, ctx));
    }

    private void reference(Reference reference, Context ctx) throws Exception {
        if (reference.route() != null) {
            RouteDefinition route = reference.route();
            var routes = ctx.getBroadcastState(ROUTES);
            RouteDefinition known = routes.get(route.routeId());
            if (known == null || known.registeredAt().isBefore(route.registeredAt())) {
                routes.put(route.routeId(), route);
            }
            evictRoutesUnusedSince(route.registeredAt().minus(settings.routeRetention()), routes);
        } else {
            var zone = reference.zone();
            var zones = ctx.getBroadcastState(ZONES);
            zones(zones);
            switch (zone.op()) {
                case UPSERT -> {
                    zones.put(zone.zoneId(), zone.polygon());
                    zoneIndex.put(zone.zoneId(), zone.polygon());
                }
                case DELETE -> {
                    zones.remove(zone.zoneId());
                    zoneIndex.remove(zone.zoneId());
                }
            }
        }
    }

    // ---- lifecycle (3740 §II.2–3, §I.11) ----

    private void onTripEvent(SealInput input, ReadOnlyContext ctx, Collector<TripSignal> out) throws Exception {
        TripEvent event = input.trip();
        TripContext current = trip.value();
        boolean sameTrip = current != null && current.tripId().equals(event.tripId());
        switch (event.type()) {
            case REGISTERED -> {
                if (current != null && current.active() && !sameTrip) {
                    reject(input, "seal " + event.imei() + " is still on active trip " + current.tripId()
                            + ": confirm its arrival or cancel it before registering " + event.tripId(), ctx);
                    return;
                }
                if (sameTrip && current.active()) {
                    reject(input, "trip " + event.tripId() + " is already active; use DESTINATION_CHANGED", ctx);
                    return;
                }
                TripContext registered = TripContext.registered(event, settings.defaultCorridorMeters());
                trip.update(registered);
                ctx.output(STATUS, status(registered, event.imei(), TripStatus.State.REGISTERED, null));
                ctx.output(REGISTRATIONS, TripRegistration.of(event));
            }
            case ACTIVATED -> {
                if (!sameTrip) {
                    reject(input, notTheSealsTrip(event, current), ctx);
                    return;
                }
                if (current.active()) {
                    unused.count(Topic.SEAL_TRIPS, UnusedInputs.Reason.DUPLICATE); // monitoring already runs
                    return;
                }
                TripContext active = current.activated(event.ts());
                trip.update(active);
                out.collect(signal(TripSignal.Kind.ACTIVATED, active, event.imei(), event.ts(),
                        active.originLat(), active.originLon(), null, null, null, null, null, null));
                ctx.output(STATUS, status(active, event.imei(), TripStatus.State.ACTIVE, null));
            }
            case DESTINATION_CHANGED -> {
                if (!sameTrip) {
                    reject(input, notTheSealsTrip(event, current), ctx);
                    return;
                }
                TripContext changed = current.destinationChanged(event);
                trip.update(changed);
                if (changed.active()) {
                    out.collect(signal(TripSignal.Kind.DESTINATION_CHANGED, changed, event.imei(), event.ts(),
                            changed.lastLat(), changed.lastLon(), null, null, null, null, null, null));
                }
                ctx.output(STATUS, status(changed, event.imei(), changed.active() ? TripStatus.State.ACTIVE
                        : TripStatus.State.REGISTERED, null));
            }
            case ARRIVED, CANCELLED -> {
                if (!sameTrip) {
                    // The gate camera and the officer's confirmation both report one arrival; the second is news to no one.
                    if (!input.seenByGateCamera() && !event.tripId().equals(lastEndedTripId.value())) {
                        reject(input, notTheSealsTrip(event, current), ctx);
                    } else if (!input.seenByGateCamera()) {
                        unused.count(Topic.SEAL_TRIPS, UnusedInputs.Reason.DUPLICATE);
                    }
                    return;
                }
                if (current.active()) {
                    out.collect(signal(TripSignal.Kind.ENDED, current, event.imei(), event.ts(),
                            current.lastLat(), current.lastLon(), null, null, null, null, null, event.type().name()));
                }
                boolean arrived = event.type() == TripEvent.Type.ARRIVED;
                TripStatus.ArrivedBy arrivedBy = input.seenByGateCamera() ? TripStatus.ArrivedBy.GATE_CAMERA
                        : TripStatus.ArrivedBy.CONFIRMATION;
                ctx.output(STATUS, status(current, event.imei(),
                        arrived ? TripStatus.State.ARRIVED : TripStatus.State.CANCELLED, arrived ? arrivedBy : null,
                        event.ts()));
                trip.clear();
                lastEndedTripId.update(event.tripId());
            }
        }
    }

    /** Why a seal's report finds no active trip: none registered, not yet activated, or ended. */
    private UnusedInputs.Reason withoutActiveTrip(TripContext current) throws Exception {
        if (current != null) {
            return UnusedInputs.Reason.BEFORE_ACTIVATION;
        }
        return lastEndedTripId.value() != null ? UnusedInputs.Reason.AFTER_TRIP_END : UnusedInputs.Reason.NO_TRIP;
    }

    private static String notTheSealsTrip(TripEvent event, TripContext current) {
        return event.type() + " for trip " + event.tripId() + ", but seal " + event.imei() + " is "
                + (current == null ? "not registered to any trip" : "registered to trip " + current.tripId());
    }

    // ---- fixes and seal events (3740 §I.8) ----

    private void onFix(SealFix fix, ReadOnlyContext ctx, Collector<TripSignal> out) throws Exception {
        TripContext current = trip.value();
        if (current == null || !current.active()) {
            unused.count(Topic.SEAL_FIXES, withoutActiveTrip(current));
            return;
        }
        if (current.lastFixTs() != null && !fix.ts().isAfter(current.lastFixTs())) {
            unused.count(Topic.SEAL_FIXES, UnusedInputs.Reason.DUPLICATE);
            return;
        }
        RouteIndex route = route(current.routeId(), ctx.getBroadcastState(ROUTES));
        Double routeDistance = route == null ? null : route.distanceMeters(fix.lat(), fix.lon());
        String zoneId = zones(ctx.getBroadcastState(ZONES)).zoneAt(fix.lat(), fix.lon());
        double moved = current.lastLat() == null ? 0
                : Geo.distanceMeters(current.lastLat(), current.lastLon(), fix.lat(), fix.lon());
        TripContext moving = current.moved(fix.ts(), fix.lat(), fix.lon(), moved);
        out.collect(signal(TripSignal.Kind.FIX, moving, fix.imei(), fix.ts(), fix.lat(), fix.lon(),
                fix.speedKmh(), routeDistance, zoneId, fix.door(), fix.battery(), null));
        if (moving.lastStatusTs() == null
                || !fix.ts().isBefore(moving.lastStatusTs().plus(settings.statusInterval()))) {
            moving = moving.statusPublished(fix.ts());
            ctx.output(STATUS, status(moving, fix.imei(), TripStatus.State.ACTIVE, null));
        }
        trip.update(moving);
    }

    private void onSealEvent(SealEvent event, ReadOnlyContext ctx, Collector<TripSignal> out) throws Exception {
        TripContext current = trip.value();
        Alert raisedOnArrival = null;
        if (event.type() == SealEvent.Type.DOOR_OPEN) {
            raisedOnArrival = doorsRaisedOnArrival.get(event.ts().toEpochMilli());
            if (raisedOnArrival != null) {
                doorsRaisedOnArrival.remove(event.ts().toEpochMilli());
            }
        }
        boolean active = current != null && current.active();
        if (raisedOnArrival != null && (!active || !raisedOnArrival.tripId().equals(current.tripId()))) {
            // a record stamped earlier came late: the trip had ended, or was not yet active, when the door opened
            ctx.output(RAISED_ON_ARRIVAL, DoorOpenedPatterns.withdrawn(raisedOnArrival, NOT_ACTIVE));
            raisedOnArrival = null;
        }
        if (!active) {
            unused.count(Topic.SEAL_EVENTS, withoutActiveTrip(current));
            return;
        }
        TripSignal signal = event.type() == SealEvent.Type.DOOR_OPEN || event.type() == SealEvent.Type.DOOR_CLOSE
                ? doorSignal(event, current) : eventSignal(event, current);
        out.collect(raisedOnArrival != null ? signal.asRaisedOnArrival() : signal);
    }

    private TripSignal doorSignal(SealEvent event, TripContext current) {
        return at(event, current, TripSignal.Kind.DOOR,
                event.type() == SealEvent.Type.DOOR_OPEN ? DoorState.OPEN : DoorState.CLOSED);
    }

    private TripSignal eventSignal(SealEvent event, TripContext current) {
        TripSignal.Kind kind = switch (event.type()) {
            case TAMPER -> TripSignal.Kind.TAMPER;
            case POWER_OFF -> TripSignal.Kind.POWER_OFF;
            case POWER_ON -> TripSignal.Kind.POWER_ON;
            default -> TripSignal.Kind.LOW_BATTERY;
        };
        return at(event, current, kind, null);
    }

    /** A seal event's signal, where the seal reported it; before its first fix a trip was last seen at its loading place. */
    private TripSignal at(SealEvent event, TripContext current, TripSignal.Kind kind, DoorState door) {
        boolean located = event.lat() != null;
        boolean seen = current.lastLat() != null;
        return signal(kind, current, event.imei(), event.ts(),
                located ? event.lat() : seen ? current.lastLat() : current.originLat(),
                located ? event.lon() : seen ? current.lastLon() : current.originLon(),
                null, null, null, door, null, null);
    }

    // ---- helpers ----

    private TripSignal signal(TripSignal.Kind kind, TripContext trip, String imei, Instant ts, Double lat,
            Double lon, Double speedKmh, Double routeDistance, String zoneId,
            DoorState door, Double battery, String endReason) {
        return new TripSignal(kind, imei, trip.tripId(), trip.containerNo(), trip.branchCode(),
                trip.departmentCode(), ts, lat, lon, speedKmh, routeDistance, trip.corridorMeters(), zoneId, door,
                battery, trip.expectedEnd(), endReason);
    }

    private static TripStatus status(TripContext trip, String imei, TripStatus.State state,
            TripStatus.ArrivedBy arrivedBy) {
        return status(trip, imei, state, arrivedBy, null);
    }

    private static TripStatus status(TripContext trip, String imei, TripStatus.State state,
            TripStatus.ArrivedBy arrivedBy, Instant endTs) {
        return new TripStatus(trip.tripId(), imei, trip.containerNo(), state, trip.lastFixTs(),
                trip.lastLat(), trip.lastLon(),
                trip.lastFixTs() == null ? null : Math.round(trip.distanceMeters() / 10.0) / 100.0, 0, arrivedBy,
                trip.branchCode(), trip.departmentCode(), trip.regime(), trip.activatedTs(), endTs);
    }

    private void reject(SealInput input, String reason, ReadOnlyContext ctx) {
        String payload = input.raw() != null ? input.raw() : Json.write(input.trip());
        ctx.output(DEAD_LETTERS, new DeadLetter(Topic.SEAL_TRIPS.name(), reason, payload,
                Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()), DeadLetter.Kind.REFUSED));
    }

    private RouteIndex route(String routeId, ReadOnlyBroadcastState<String, RouteDefinition> routes)
            throws Exception {
        RouteIndex index = routeIndexes.get(routeId);
        if (index == null) {
            RouteDefinition definition = routes.get(routeId);
            if (definition == null) {
                return null;
            }
            index = new RouteIndex(definition.coordinates());
            routeIndexes.put(routeId, index);
        }
        return index;
    }

    /** The zone index is a cache of the broadcast state, rebuilt from it after a restore. */
    private ZoneIndex zones(ReadOnlyBroadcastState<String, GeoPolygon> zones) throws Exception {
        if (zoneIndex == null) {
            zoneIndex = new ZoneIndex();
            for (Map.Entry<String, GeoPolygon> zone : zones.immutableEntries()) {
                zoneIndex.put(zone.getKey(), zone.getValue());
            }
        }
        return zoneIndex;
    }

    private void evictRoutesUnusedSince(Instant cutoff,
            BroadcastState<String, RouteDefinition> routes) throws Exception {
        List<String> unused = new ArrayList<>();
        for (Map.Entry<String, RouteDefinition> route : routes.entries()) {
            if (route.getValue().registeredAt().isBefore(cutoff)) {
                unused.add(route.getKey());
            }
        }
        for (String routeId : unused) {
            routes.remove(routeId);
            routeIndexes.remove(routeId);
        }
    }
}
