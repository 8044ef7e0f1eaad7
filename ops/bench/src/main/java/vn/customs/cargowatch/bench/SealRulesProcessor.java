package vn.customs.cargowatch.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.customs.cargowatch.bench.PeerState.Arrival;
import vn.customs.cargowatch.bench.PeerState.Door;
import vn.customs.cargowatch.bench.PeerState.LastSeen;
import vn.customs.cargowatch.bench.PeerState.RouteWatch;
import vn.customs.cargowatch.bench.PeerState.Stop;
import vn.customs.cargowatch.bench.PeerState.Trip;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.DoorState;
import vn.customs.cargowatch.model.IgnoreZone;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.geo.Geo;
import vn.customs.cargowatch.model.geo.RouteIndex;
import vn.customs.cargowatch.model.geo.ZoneIndex;

/**
 * The five seal rules of 3740 §I.8 on Kafka Streams' Processor API — the benchmark's peer, written as a team that
 * picked Kafka Streams instead of Flink would write it: one processor over {@code seal.trips}, {@code seal.fixes} and
 * {@code seal.events} (all keyed by IMEI), its state in key-value stores keyed by IMEI ({@link PeerState}), its
 * deadlines in a store ordered by time, the ignore zones in a global store. Alerts go to {@code alerts}, records it
 * cannot use to {@code deadletter}.
 *
 * <p>It raises the same episodes as the pipeline ({@code docs/seal-rules.md}), with the same ids ({@link Alert#idOf}
 * of type, trip, start), for active trips only:
 * <ul>
 *   <li>WRONG_ROUTE: after an anchor (activation, a fix inside the corridor, a change of destination), consecutive
 *       fixes farther than the corridor (exactly the corridor is inside) for at least the minimum duration, counted
 *       from the first outside fix; ends at the first fix back inside, a change of destination or the trip's end.</li>
 *   <li>STOP_OVER_90_MIN: fixes slower than the stop speed (no speed counts as 0), inside the corridor, within the
 *       radius of the stop's first fix, for longer than the maximum: due 1 ms after it, even if no fix comes.</li>
 *   <li>SIGNAL_LOST: no fix for the timeout after the last fix (or the activation), unless that fix lies in an
 *       ignore zone; ends at the next fix.</li>
 *   <li>DOOR_OPENED: a {@code DOOR_OPEN} event, or a fix whose door changed from closed to open (activation counts as
 *       closed); ends when the door is reported closed.</li>
 *   <li>CONTAINER_NOT_ARRIVED: no arrival by the expected end + grace; a change of destination ends it and sets a
 *       new deadline.</li>
 * </ul>
 *
 * <p>Time is Kafka Streams' stream time: the newest record time seen. A deadline is due when a record newer than it
 * arrives, and fires <em>before</em> that record is handled, so that a fix at 91 minutes cannot end a stop before
 * its 90-minute alert (Kafka Streams' own stream-time punctuation runs after the record that moved stream time, one
 * record too late for that). The end of the input is no deadline: nothing fires after the last record.
 *
 * <p>Simplifications a team could live with, and where the peer differs from the pipeline: it does not reorder —
 * a fix not newer than the trip's last one (late or duplicate) is ignored; it reads no customs offices (no
 * {@code nearestOffice}) and raises none of the seal's own alerts (SEAL_*) nor the gate's; a SIGNAL_LOST's ignore
 * zone is looked up when the deadline falls due, against the zones known then.
 */
final class SealRulesProcessor implements Processor<String, String, String, Object> {

    static final String TRIPS = "trips";
    static final String ROUTES = "routes";
    static final String LAST_SEEN = "last-seen";
    static final String STOPS = "stops";
    static final String ROUTE_WATCH = "route-watch";
    static final String DOORS = "doors";
    static final String ARRIVALS = "arrivals";
    static final String DEADLINES = "deadlines";
    static final String IGNORE_ZONES = "ignore-zones";

    /** The stores of the rules' episodes, keyed by IMEI: their entries end with the trip. */
    static final List<String> EPISODE_STORES = List.of(LAST_SEEN, STOPS, ROUTE_WATCH, DOORS, ARRIVALS);

    static final String ALERTS_SINK = "alerts-sink";
    static final String DEADLETTER_SINK = "deadletter-sink";

    private static final Logger LOG = LoggerFactory.getLogger(SealRulesProcessor.class);

    /** A deadline in the {@code deadlines} store: its key sorts by time (13 digits of epoch milliseconds). */
    enum Deadline { STOP, SIGNAL_LOST, NOT_ARRIVED }

    private final PeerSettings settings;
    private final Map<String, RouteIndex> routeIndexes = new HashMap<>();

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, Trip> trips;
    private KeyValueStore<String, double[][]> routes;
    private KeyValueStore<String, LastSeen> lastSeen;
    private KeyValueStore<String, Stop> stops;
    private KeyValueStore<String, RouteWatch> routeWatch;
    private KeyValueStore<String, Door> doors;
    private KeyValueStore<String, Arrival> arrivals;
    private KeyValueStore<String, String> deadlines;
    private KeyValueStore<String, IgnoreZone> ignoreZones;

    SealRulesProcessor(PeerSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        trips = context.getStateStore(TRIPS);
        routes = context.getStateStore(ROUTES);
        lastSeen = context.getStateStore(LAST_SEEN);
        stops = context.getStateStore(STOPS);
        routeWatch = context.getStateStore(ROUTE_WATCH);
        doors = context.getStateStore(DOORS);
        arrivals = context.getStateStore(ARRIVALS);
        deadlines = context.getStateStore(DEADLINES);
        ignoreZones = context.getStateStore(IGNORE_ZONES);
    }

    @Override
    public void process(Record<String, String> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        String line = record.value();
        fireDeadlinesBefore(record.timestamp());
        try {
            if (topic.equals(Topic.SEAL_FIXES.name())) {
                onFix(Topic.SEAL_FIXES.parse(line));
            } else if (topic.equals(Topic.SEAL_EVENTS.name())) {
                onSealEvent(Topic.SEAL_EVENTS.parse(line));
            } else {
                onTripEvent(Topic.SEAL_TRIPS.parse(line), line);
            }
        } catch (Json.Rejected e) {
            deadLetter(topic, e.getMessage(), line, e.kind());
        } catch (RuntimeException e) {
            // A fault of ours on one record must not stop the others: it is set aside and logged.
            LOG.warn("seal rules failed on a record of {}", topic, e);
            deadLetter(topic, "internal error: " + e, line, DeadLetter.Kind.INTERNAL);
        }
    }

    // ---- the trip's lifecycle (3740 §II.2–3, §I.11) ----

    private void onTripEvent(TripEvent event, String line) {
        String imei = event.imei();
        Trip current = trips.get(imei);
        boolean sameTrip = current != null && current.tripId().equals(event.tripId());
        boolean ended = sameTrip && current.stage() == Trip.Stage.ENDED;
        long ts = event.ts().toEpochMilli();
        switch (event.type()) {
            case REGISTERED -> {
                if (current != null && current.active()) {
                    refuse(line, "seal " + imei + " is still on active trip " + current.tripId());
                    return;
                }
                trips.put(imei, Trip.registered(event, routeIdOf(event), settings.corridorMeters()));
            }
            case ACTIVATED -> {
                if (!sameTrip || ended) {
                    refuse(line, "ACTIVATED for trip " + event.tripId() + ", which is not seal " + imei + "'s");
                    return;
                }
                if (current.active()) {
                    return; // monitoring already runs
                }
                Trip active = current.activated();
                trips.put(imei, active);
                lastSeen.put(imei, new LastSeen(ts, active.originLat(), active.originLon(), false, null));
                addDeadline(Deadline.SIGNAL_LOST, imei, silenceDue(ts));
                routeWatch.put(imei, RouteWatch.ANCHORED);
                doors.put(imei, Door.CLOSED);
                long due = active.expectedEnd() + settings.notArrivedGrace().toMillis();
                arrivals.put(imei, new Arrival(due, null));
                addDeadline(Deadline.NOT_ARRIVED, imei, due);
            }
            case DESTINATION_CHANGED -> {
                if (!sameTrip || ended) {
                    refuse(line, "DESTINATION_CHANGED for trip " + event.tripId() + ", which is not seal " + imei
                            + "'s");
                    return;
                }
                Trip changed = current.destinationChanged(event, routeIdOf(event));
                trips.put(imei, changed);
                if (changed.active()) {
                    RouteWatch watch = routeWatch.get(imei);
                    if (watch.outside()) {
                        endExcursion(watch, ts);
                        routeWatch.put(imei, RouteWatch.ANCHORED);
                    }
                    endArrival(imei, arrivals.get(imei), ts);
                    long due = changed.expectedEnd() + settings.notArrivedGrace().toMillis();
                    arrivals.put(imei, new Arrival(due, null));
                    addDeadline(Deadline.NOT_ARRIVED, imei, due);
                }
            }
            case ARRIVED, CANCELLED -> {
                if (ended) {
                    return; // the second report of an arrival is news to no one
                }
                if (!sameTrip) {
                    refuse(line, event.type() + " for trip " + event.tripId() + ", which is not seal " + imei + "'s");
                    return;
                }
                if (current.active()) {
                    endTrip(imei, ts);
                }
                trips.put(imei, current.ended());
            }
        }
    }

    /** The trip's end ends every open episode, at the arrival or cancellation. */
    private void endTrip(String imei, long ts) {
        RouteWatch watch = routeWatch.get(imei);
        if (watch.outside()) {
            endExcursion(watch, ts);
        }
        Stop stop = stops.get(imei);
        if (stop != null) {
            endStop(imei, stop, ts);
        }
        endSilence(imei, lastSeen.get(imei), ts);
        Door door = doors.get(imei);
        if (door.open()) {
            emit(door.raised().withEnd(Instant.ofEpochMilli(ts)));
        }
        endArrival(imei, arrivals.get(imei), ts);
        for (String store : EPISODE_STORES) {
            context.<KeyValueStore<String, ?>>getStateStore(store).delete(imei);
        }
    }

    private String routeIdOf(TripEvent event) {
        double[][] coordinates = event.route().coordinates();
        String routeId = RouteIndex.idOf(coordinates);
        routes.putIfAbsent(routeId, coordinates);
        return routeId;
    }

    // ---- fixes and door events (3740 §I.8) ----

    private void onFix(SealFix fix) {
        String imei = fix.imei();
        Trip trip = trips.get(imei);
        if (trip == null || !trip.active()) {
            return; // an idle seal, a trip not yet activated or already ended: normal traffic
        }
        long ts = fix.ts().toEpochMilli();
        LastSeen last = lastSeen.get(imei);
        if (last.fix() ? ts <= last.ts() : ts < last.ts()) {
            return; // late or a duplicate: the peer does not reorder
        }
        double lat = fix.lat();
        double lon = fix.lon();
        double distance = route(trip.routeId()).distanceMeters(lat, lon);
        boolean inside = distance <= trip.corridorMeters();

        endSilence(imei, last, ts);
        lastSeen.put(imei, new LastSeen(ts, lat, lon, true, null));
        addDeadline(Deadline.SIGNAL_LOST, imei, silenceDue(ts));

        watchRoute(imei, trip, ts, lat, lon, distance, inside);
        watchStop(imei, fix, ts, inside);
        if (fix.door() != null) {
            observeDoor(imei, trip, fix.door() == DoorState.OPEN, ts, lat, lon, "fix door state");
        }
    }

    private void onSealEvent(SealEvent event) {
        boolean open = event.type() == SealEvent.Type.DOOR_OPEN;
        if (!open && event.type() != SealEvent.Type.DOOR_CLOSE) {
            return; // tamper, power and battery are the seal's own alerts, not these five rules
        }
        String imei = event.imei();
        Trip trip = trips.get(imei);
        if (trip == null || !trip.active()) {
            return;
        }
        // An event without a position is placed where the trip was last seen.
        LastSeen last = lastSeen.get(imei);
        boolean located = event.lat() != null;
        observeDoor(imei, trip, open, event.ts().toEpochMilli(), located ? event.lat() : last.lat(),
                located ? event.lon() : last.lon(), "DOOR_OPEN event");
    }

    private void watchRoute(String imei, Trip trip, long ts, double lat, double lon, double distance,
            boolean inside) {
        RouteWatch watch = routeWatch.get(imei);
        if (inside) {
            if (watch.outside()) {
                endExcursion(watch, ts);
                routeWatch.put(imei, RouteWatch.ANCHORED);
            }
            return;
        }
        if (!watch.outside()) {
            routeWatch.put(imei, new RouteWatch(ts, lat, lon, distance, null));
            return;
        }
        Alert raised = watch.raised();
        long min = settings.wrongRouteMinDuration().toMillis();
        if (raised == null && ts - watch.firstOutsideTs() >= min) {
            raised = alert(AlertType.WRONG_ROUTE, trip, imei, watch.firstOutsideTs(), ts, watch.firstLat(),
                    watch.firstLon(), AlertDetails.builder().corridorMeters(trip.corridorMeters())
                            .distanceMeters(rounded(distance)).minDurationMinutes(min / 60_000.0).build());
            emit(raised);
        }
        routeWatch.put(imei, new RouteWatch(watch.firstOutsideTs(), watch.firstLat(), watch.firstLon(),
                Math.max(watch.maxDistanceMeters(), distance), raised));
    }

    /** An excursion ends only as an alert that was raised; a shorter one ends silently. */
    private void endExcursion(RouteWatch watch, long end) {
        Alert raised = watch.raised();
        if (raised != null) {
            emit(raised.withDetails(raised.details().toBuilder().maxDistanceMeters(rounded(watch.maxDistanceMeters()))
                    .build()).withEnd(Instant.ofEpochMilli(end)));
        }
    }

    private void watchStop(String imei, SealFix fix, long ts, boolean inside) {
        Stop stop = stops.get(imei);
        double speed = fix.speedKmh() == null ? 0 : fix.speedKmh();
        boolean stopped = speed < settings.stopMaxSpeedKmh() && inside;
        if (stop != null) {
            if (stopped && Geo.distanceMeters(stop.lat(), stop.lon(), fix.lat(), fix.lon())
                    <= settings.stopRadiusMeters()) {
                return; // still the same stop: measured from its first fix, so GPS drift cannot walk it away
            }
            endStop(imei, stop, ts);
        }
        if (stopped) {
            stops.put(imei, new Stop(ts, fix.lat(), fix.lon(), null));
            addDeadline(Deadline.STOP, imei, stopDue(ts));
        }
    }

    private void endStop(String imei, Stop stop, long end) {
        if (stop.raised() != null) {
            emit(stop.raised().withEnd(Instant.ofEpochMilli(end)));
        } else {
            deleteDeadline(Deadline.STOP, imei, stopDue(stop.startTs()));
        }
        stops.delete(imei);
    }

    private void endSilence(String imei, LastSeen last, long end) {
        if (last.silence() != null) {
            emit(last.silence().withEnd(Instant.ofEpochMilli(end)));
        } else {
            deleteDeadline(Deadline.SIGNAL_LOST, imei, silenceDue(last.ts()));
        }
    }

    private void endArrival(String imei, Arrival arrival, long end) {
        if (arrival.raised() != null) {
            emit(arrival.raised().withEnd(Instant.ofEpochMilli(end)));
        } else {
            deleteDeadline(Deadline.NOT_ARRIVED, imei, arrival.due());
        }
    }

    private void observeDoor(String imei, Trip trip, boolean open, long ts, double lat, double lon,
            String reportedBy) {
        Door door = doors.get(imei);
        if (open && !door.open()) {
            Alert raised = alert(AlertType.DOOR_OPENED, trip, imei, ts, ts, lat, lon, AlertDetails.builder().reportedBy(reportedBy).build());
            emit(raised);
            doors.put(imei, new Door(true, raised));
        } else if (!open && door.open()) {
            emit(door.raised().withEnd(Instant.ofEpochMilli(ts)));
            doors.put(imei, Door.CLOSED);
        }
    }

    // ---- deadlines ----

    /** Every deadline before {@code time} fires, in time order, before the record at {@code time} is handled. */
    private void fireDeadlinesBefore(long time) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = deadlines.range("0", millis13(time))) {
            entries.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> deadline : due) {
            deadlines.delete(deadline.key);
            String imei = deadline.key.substring(14, deadline.key.lastIndexOf('/'));
            fire(Deadline.valueOf(deadline.value), imei, Long.parseLong(deadline.key, 0, 13, 10));
        }
    }

    private void fire(Deadline deadline, String imei, long due) {
        Trip trip = trips.get(imei);
        switch (deadline) {
            case STOP -> {
                Stop stop = stops.get(imei);
                Alert raised = alert(AlertType.STOP_OVER_90_MIN, trip, imei, stop.startTs(), due, stop.lat(),
                        stop.lon(), AlertDetails.builder().maxDurationMinutes(settings.stopMaxDuration().toMinutes())
                                .radiusMeters(settings.stopRadiusMeters()).build());
                emit(raised);
                stops.put(imei, new Stop(stop.startTs(), stop.lat(), stop.lon(), raised));
            }
            case SIGNAL_LOST -> {
                LastSeen last = lastSeen.get(imei);
                if (last.fix() && inIgnoreZone(last.lat(), last.lon())) {
                    return; // a mapped dead spot: losing the signal there is expected
                }
                Alert raised = alert(AlertType.SIGNAL_LOST, trip, imei, last.ts(), due, last.lat(), last.lon(),
                        AlertDetails.builder().timeoutMinutes(settings.signalLostTimeout().toMinutes()).build());
                emit(raised);
                lastSeen.put(imei, new LastSeen(last.ts(), last.lat(), last.lon(), last.fix(), raised));
            }
            case NOT_ARRIVED -> {
                LastSeen last = lastSeen.get(imei);
                Alert raised = alert(AlertType.CONTAINER_NOT_ARRIVED, trip, imei, trip.expectedEnd(), due, last.lat(),
                        last.lon(), AlertDetails.builder().expectedEnd(Instant.ofEpochMilli(trip.expectedEnd()).toString())
                                .graceMinutes(settings.notArrivedGrace().toMinutes())
                                .lastSeen(Instant.ofEpochMilli(last.ts()).toString()).build());
                emit(raised);
                arrivals.put(imei, new Arrival(due, raised));
            }
        }
    }

    private boolean inIgnoreZone(double lat, double lon) {
        ZoneIndex zones = new ZoneIndex();
        try (KeyValueIterator<String, IgnoreZone> all = ignoreZones.all()) {
            all.forEachRemaining(zone -> zones.put(zone.key, zone.value.polygon()));
        }
        return zones.zoneAt(lat, lon) != null;
    }

    private long silenceDue(long lastSeenTs) {
        return lastSeenTs + settings.signalLostTimeout().toMillis();
    }

    /** "Longer than" the maximum: due one millisecond after it. */
    private long stopDue(long start) {
        return start + settings.stopMaxDuration().toMillis() + 1;
    }

    private void addDeadline(Deadline deadline, String imei, long due) {
        deadlines.put(deadlineKey(deadline, imei, due), deadline.name());
    }

    private void deleteDeadline(Deadline deadline, String imei, long due) {
        deadlines.delete(deadlineKey(deadline, imei, due));
    }

    static String deadlineKey(Deadline deadline, String imei, long due) {
        return millis13(due) + "/" + imei + "/" + deadline;
    }

    /** Epoch milliseconds of the contract's times (2000–2100) in 13 digits, so that keys sort by time. */
    private static String millis13(long millis) {
        String digits = Long.toString(millis);
        return digits.length() >= 13 ? digits : "0".repeat(13 - digits.length()) + digits;
    }

    // ---- what it writes ----

    private RouteIndex route(String routeId) {
        RouteIndex index = routeIndexes.get(routeId);
        if (index == null) {
            index = new RouteIndex(routes.get(routeId));
            routeIndexes.put(routeId, index);
        }
        return index;
    }

    private static Alert alert(AlertType type, Trip trip, String imei, long startTs, long detectedAt,
            double lat, double lon, AlertDetails details) {
        Instant start = Instant.ofEpochMilli(startTs);
        return new Alert(Alert.idOf(type, trip.tripId(), start), type, type.severity(), trip.tripId(), imei,
                trip.containerNo(), start, Instant.ofEpochMilli(detectedAt), null, lat, lon, trip.branchCode(),
                trip.departmentCode(), null, details, AlertState.OPEN);
    }

    private static double rounded(double meters) {
        return Math.round(meters * 10) / 10.0;
    }

    private void emit(Alert alert) {
        Instant at = alert.endTs() != null ? alert.endTs() : alert.detectedAt();
        context.forward(new Record<>(alert.alertId(), alert, at.toEpochMilli()), ALERTS_SINK);
    }

    private void refuse(String line, String reason) {
        deadLetter(Topic.SEAL_TRIPS.name(), reason, line, DeadLetter.Kind.REFUSED);
    }

    private void deadLetter(String topic, String reason, String line, DeadLetter.Kind kind) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        context.forward(new Record<>(topic, new DeadLetter(topic, reason, line, now, kind), now.toEpochMilli()),
                DEADLETTER_SINK);
    }
}
