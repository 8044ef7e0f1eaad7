package vn.customs.cargowatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.DoorState;
import vn.customs.cargowatch.model.IgnoreZone;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Place;
import vn.customs.cargowatch.model.Regime;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.geo.Geo;
import vn.customs.cargowatch.model.geo.GeoLine;
import vn.customs.cargowatch.model.geo.GeoPolygon;

/**
 * One seal on one trip through the peer's topology, for the rules' boundary tests: a straight registered route along
 * the parallel 21° N from 105.0° E to 105.5° E, fixes placed on it or a given distance north of it, and a second seal
 * on no trip whose fixes only move stream time (the way the rest of the fleet moves it live).
 */
final class PeerDriver implements AutoCloseable {

    static final String IMEI = "860000000000001";
    static final String TRIP = "TR-TEST-001";
    static final Instant BEGINNING = Instant.parse("2026-11-22T01:00:00Z");
    static final double ROUTE_LAT = 21.0;

    /** A seal registered to no trip: its fixes are ignored, but they move stream time. */
    private static final String IDLE_IMEI = "860000000000999";

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, String> trips;
    private final TestInputTopic<String, String> fixes;
    private final TestInputTopic<String, String> events;
    private final TestInputTopic<String, String> zones;
    private final TestOutputTopic<String, String> alerts;
    private final TestOutputTopic<String, String> deadLetters;
    private final List<Alert> alertsRead = new ArrayList<>();

    PeerDriver() {
        driver = new TopologyTestDriver(SealRulesTopology.build(PeerSettings.DEFAULTS), PeerMain.driverConfig());
        StringSerializer strings = new StringSerializer();
        trips = driver.createInputTopic(Topic.SEAL_TRIPS.name(), strings, strings);
        fixes = driver.createInputTopic(Topic.SEAL_FIXES.name(), strings, strings);
        events = driver.createInputTopic(Topic.SEAL_EVENTS.name(), strings, strings);
        zones = driver.createInputTopic(Topic.IGNORE_ZONES.name(), strings, strings);
        alerts = driver.createOutputTopic(Topic.ALERTS.name(), new StringDeserializer(), new StringDeserializer());
        deadLetters = driver.createOutputTopic(Topic.DEADLETTER.name(), new StringDeserializer(),
                new StringDeserializer());
    }

    static Instant minutes(double minutes) {
        return BEGINNING.plus(Duration.ofMillis(Math.round(minutes * 60_000)));
    }

    /** Registers the trip at {@code BEGINNING} and activates it at once; it is expected to end 12 hours later. */
    PeerDriver onActiveTrip() {
        return register(BEGINNING.plus(Duration.ofHours(12))).trip(TripEvent.Type.ACTIVATED, BEGINNING);
    }

    PeerDriver register(Instant expectedEnd) {
        GeoLine route = new GeoLine("LineString", new double[][] {{105.0, ROUTE_LAT}, {105.5, ROUTE_LAT}});
        TripEvent registered = new TripEvent(TRIP, TripEvent.Type.REGISTERED, BEGINNING, IMEI, "MSKU1234565",
                "300000000001", "15C-123.45", null, Regime.TRANSIT,
                new Place("HP-KV3", "Đình Vũ", ROUTE_LAT, 105.0, null),
                new Place("HN-GL", "Gia Lâm", ROUTE_LAT, 105.5, "ICD-GIALAM"),
                BEGINNING, expectedEnd, route, null, List.of(), "HP-KV3", "CHQ-HP");
        return pipe(trips, IMEI, Json.write(registered), BEGINNING);
    }

    /** A lifecycle event without registration fields: ACTIVATED, ARRIVED, CANCELLED. */
    PeerDriver trip(TripEvent.Type type, Instant ts) {
        TripEvent event = new TripEvent(TRIP, type, ts, IMEI, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        return pipe(trips, IMEI, Json.write(event), ts);
    }

    /** A fix {@code metersNorth} of the route (0: on it), at 105.2° E, with the given speed and door. */
    PeerDriver fix(Instant ts, double metersNorth, double speedKmh, DoorState door) {
        double[] position = Geo.offset(ROUTE_LAT, 105.2, metersNorth, 0);
        return fixAt(ts, position[0], position[1], speedKmh, door);
    }

    PeerDriver fixAt(Instant ts, double lat, double lon, double speedKmh, DoorState door) {
        SealFix fix = new SealFix(IMEI, ts, lat, lon, speedKmh, null, 8, 1.0, 80.0, door);
        return pipe(fixes, IMEI, Json.write(fix), ts);
    }

    /** Standing still on the route, the door closed. */
    PeerDriver stopped(Instant ts) {
        return fix(ts, 0, 0, DoorState.CLOSED);
    }

    /** Driving on the route, at {@code metersAlong} east of 105.2° E. */
    PeerDriver driving(Instant ts, double metersAlong) {
        double[] position = Geo.offset(ROUTE_LAT, 105.2, metersAlong, 90);
        return fixAt(ts, ROUTE_LAT, position[1], 60, DoorState.CLOSED);
    }

    PeerDriver event(Instant ts, SealEvent.Type type) {
        return pipe(events, IMEI, Json.write(new SealEvent(IMEI, ts, type, null, null)), ts);
    }

    /** An ignore zone: a square of {@code halfSideDegrees} around (lat, lon). */
    PeerDriver ignoreZone(String zoneId, double lat, double lon, double halfSideDegrees) {
        double d = halfSideDegrees;
        GeoPolygon square = new GeoPolygon("Polygon", new double[][][] {{{lon - d, lat - d}, {lon + d, lat - d},
                {lon + d, lat + d}, {lon - d, lat + d}, {lon - d, lat - d}}});
        zones.pipeInput(zoneId, Json.write(new IgnoreZone(zoneId, "dead spot", square, IgnoreZone.Op.UPSERT)));
        return this;
    }

    /** Another seal's fix at {@code ts}: stream time moves on, nothing else happens. */
    PeerDriver clock(Instant ts) {
        SealFix idle = new SealFix(IDLE_IMEI, ts, 20.84, 106.77, 0.0, null, 8, 1.0, 90.0, null);
        return pipe(fixes, IDLE_IMEI, Json.write(idle), ts);
    }

    PeerDriver line(String topic, String line, Instant ts) {
        TestInputTopic<String, String> input = topic.equals(Topic.SEAL_FIXES.name()) ? fixes
                : topic.equals(Topic.SEAL_EVENTS.name()) ? events : trips;
        return pipe(input, IMEI, line, ts);
    }

    /** Every alert record written so far, in order (an alert's end is a second record with the same id). */
    List<Alert> alerts() {
        for (String line : alerts.readValuesToList()) {
            try {
                alertsRead.add(Topic.ALERTS.parse(line));
            } catch (Json.Rejected e) {
                throw new AssertionError("the peer wrote an alert the contract cannot read: " + line, e);
            }
        }
        return List.copyOf(alertsRead);
    }

    List<Alert> alerts(AlertType type) {
        return alerts().stream().filter(alert -> alert.type() == type).toList();
    }

    /** The last version of each alert, by id. */
    Map<String, Alert> finalAlerts() {
        Map<String, Alert> last = new LinkedHashMap<>();
        alerts().forEach(alert -> last.put(alert.alertId(), alert));
        return last;
    }

    List<DeadLetter> deadLetters() throws Json.Rejected {
        List<DeadLetter> letters = new ArrayList<>();
        for (String line : deadLetters.readValuesToList()) {
            letters.add(Json.read(line, DeadLetter.class));
        }
        return letters;
    }

    /** The keys held in a store of the topology. */
    List<String> keysOf(String store) {
        KeyValueStore<String, Object> kv = driver.getKeyValueStore(store);
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Object> all = kv.all()) {
            all.forEachRemaining((KeyValue<String, Object> entry) -> keys.add(entry.key));
        }
        return keys;
    }

    private PeerDriver pipe(TestInputTopic<String, String> topic, String key, String line, Instant ts) {
        topic.pipeInput(key, line, ts);
        return this;
    }

    @Override
    public void close() {
        driver.close();
    }
}
