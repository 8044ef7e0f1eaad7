package vn.customs.cargowatch.ops.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.geo.Geo;
import vn.customs.cargowatch.model.geo.ZoneIndex;

/**
 * A day of GPS-seal traffic on the northern corridors — Hải Phòng ports ↔ Hà Nội ICDs ↔ Móng Cái and
 * Hữu Nghị border gates — as the five seal input topics of the contract, with the gate cameras and
 * declarations of the Hà Nội ICDs ({@link GateTraffic}), for the demo, the tests and replays.
 *
 * <p>Contract:
 * <ul>
 *   <li>Deterministic: the same seed, trip count and day start give byte-identical output.</li>
 *   <li>{@link #generate()} gives JSON lines per topic ({@code seal.trips}, {@code seal.fixes},
 *       {@code seal.events}, {@code geo.ignore-zones}, {@code customs.offices}, {@code camera.recognitions},
 *       {@code customs.declarations}), each written by
 *       {@link Json#write} and each valid for {@link Topic#parse}. Lists with {@code ts} are in event
 *       time order, except that a few fixes arrive 35–60 s late and a few are sent twice (exact
 *       duplicates): the job must tolerate both.</li>
 *   <li>Trips are registered from 05:00 to 17:00 after {@code dayStart}; each registers, activates a
 *       few minutes later, reports a fix every 30 s and is confirmed arrived. Each trip is built to
 *       break one rule of 3740 §I.8 or none ({@link #scenarios()}), cycling so that 36 trips break
 *       every rule at least twice and most break none.</li>
 *   <li>Each ICD's gate cameras see a truck every 8–26 min from 05:30 to the end of the input; a few
 *       recognitions of each ICD stage one gate problem each, two cameras fall silent for about two hours
 *       ({@link #gateScenarios()}, {@link #silentCameras()}), and every trip arriving at an ICD is seen by
 *       its IN camera minutes before the arrival is confirmed. Each recognition has its photo, a JPEG drawn from
 *       the seed; four cameras take useless photos for six recognitions in a row ({@link #cameraFaults()}).</li>
 *   <li>The input runs at least two hours past every deadline a scenario stages (stop, silence,
 *       expected end): an idle seal in the Đình Vũ yard, registered to no trip, reports every 20 min
 *       until then, so no staged alert is lost at the end of a finite input.</li>
 * </ul>
 */
public final class SealTrafficSimulator {

    public static final int DEFAULT_TRIPS = 36;

    /** The folder of the gate cameras' photos in the written input, which the recognitions' imageUri name. */
    public static final String IMAGES = GateImages.FOLDER;

    /** The demo's day: a Sunday in November 2026, midnight in Vietnam. */
    public static final Instant DEMO_DAY = Instant.parse("2026-11-21T17:00:00Z");

    /** The rules in the order trips take them; half the slots are normal trips. */
    private static final Scenario.Rule[] CYCLE = {
        Scenario.Rule.NONE, Scenario.Rule.CONTAINER_NOT_ARRIVED,
        Scenario.Rule.NONE, Scenario.Rule.WRONG_ROUTE,
        Scenario.Rule.NONE, Scenario.Rule.STOP_OVER_90_MIN,
        Scenario.Rule.NONE, Scenario.Rule.SIGNAL_LOST,
        Scenario.Rule.NONE, Scenario.Rule.DOOR_OPENED,
        Scenario.Rule.NONE, Scenario.Rule.SIGNAL_LOST_IN_IGNORE_ZONE,
        Scenario.Rule.NONE, Scenario.Rule.NONE
    };

    /** The first normal trips get these twists, in this order; the rest are plain. */
    private static final Scenario.Variant[] NORMAL_TWISTS = {
        Scenario.Variant.STRAY_FIX, Scenario.Variant.STOP_60_MIN, Scenario.Variant.DESTINATION_CHANGED,
        Scenario.Variant.CANCELLED
    };

    private static final Duration FIRST_REGISTRATION = Duration.ofHours(5);
    private static final Duration REGISTRATION_SPREAD = Duration.ofHours(12);
    private static final Duration INPUT_PAST_DEADLINES = Duration.ofHours(2);
    /** 40 min of silence at up to 68 km/h, and some to spare. */
    private static final double ROOM_AFTER_IGNORE_ZONE_METERS = 60_000;
    private static final Duration IDLE_SEAL_INTERVAL = Duration.ofMinutes(20);
    /** The container yard of Đình Vũ, where spare seals wait for their next trip. */
    private static final double[] IDLE_SEAL_YARD = {20.8428, 106.7685};

    private static final DateTimeFormatter TRIP_DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(Times.VIETNAM);

    private final long seed;
    private final int trips;
    private final Instant dayStart;
    private Output output;

    private record Output(Map<Topic<?>, List<String>> lines, List<Scenario> scenarios, GateTraffic.Day gates) {}

    /** One JSON line and its place in its topic: by time, then by trip, then as produced. */
    private record Line(Instant at, int source, int sequence, String json) {
        static final Comparator<Line> ORDER = Comparator.comparing(Line::at)
                .thenComparingInt(Line::source).thenComparingInt(Line::sequence);
    }

    public SealTrafficSimulator(long seed, int trips, Instant dayStart) {
        if (trips < 0) {
            throw new IllegalArgumentException("trips must not be negative: " + trips);
        }
        this.seed = seed;
        this.trips = trips;
        this.dayStart = dayStart;
    }

    /**
     * JSON lines per input topic, in the order trips, fixes, events, ignore zones, offices, camera recognitions,
     * declarations.
     */
    public Map<Topic<?>, List<String>> generate() {
        return output().lines();
    }

    /** For every generated trip, in trip order: its identity and the rule it was built to break. */
    public List<Scenario> scenarios() {
        return output().scenarios();
    }

    /**
     * For every camera recognition, in the order of {@code camera.recognitions}: its event id, the true
     * container number(s), what the camera reported and the problem it was built to show.
     */
    public List<GateScenario> gateScenarios() {
        return output().gates().scenarios();
    }

    /** The gate cameras staged to fall silent for about two hours mid-day (CAMERA_SILENT), in ICD order. */
    public List<SilentCamera> silentCameras() {
        return output().gates().silentCameras();
    }

    /**
     * The gate cameras staged to take useless photos for a while (CAMERA_DEGRADED and its end), in the order they
     * start; none on a day too short for them ({@link CameraFault#stage}).
     */
    public List<CameraFault> cameraFaults() {
        return output().gates().cameraFaults();
    }

    /**
     * Per ICD code, the containers that entered through its IN camera and did not leave through its OUT camera
     * by the end of the input (the sealed trips' containers included): the yard inventory a correct job ends with.
     */
    public Map<String, Set<String>> expectedYard() {
        return output().gates().expectedYard();
    }

    /**
     * Writes {@code <topic>.jsonl} per topic into {@code dir} (created if needed), UTF-8, one record per line, and the
     * gate cameras' photos into {@code dir/camera.images} ({@link GateImages}).
     */
    public void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<Topic<?>, List<String>> topic : generate().entrySet()) {
                StringBuilder text = new StringBuilder();
                topic.getValue().forEach(line -> text.append(line).append('\n'));
                Files.writeString(dir.resolve(topic.getKey().fileName()), text, StandardCharsets.UTF_8);
            }
            GateTraffic.Day gates = output().gates();
            new GateImages(seed).writeTo(dir, gates.recognitions(), gates.scenarios(), gates.cameraFaults());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulated input to " + dir, e);
        }
    }

    private synchronized Output output() {
        if (output == null) {
            output = simulate();
        }
        return output;
    }

    private Output simulate() {
        Random random = new Random(seed);
        Identities identities = new Identities(random);
        ZoneIndex zones = IgnoreZones.index();
        List<Route> zoneRoutes = Arrays.stream(Route.values())
                .filter(route -> leavesRoomAfterIgnoreZone(route, zones)).toList();

        List<TripDriver.DrivenTrip> driven = new ArrayList<>();
        int normalTrips = 0;
        for (int i = 0; i < trips; i++) {
            Scenario.Rule rule = CYCLE[i % CYCLE.length];
            Scenario.Variant variant = Scenario.Variant.PLAIN;
            if (rule == Scenario.Rule.NONE) {
                variant = normalTrips < NORMAL_TWISTS.length ? NORMAL_TWISTS[normalTrips] : Scenario.Variant.PLAIN;
                normalTrips++;
            }
            TripPlan plan = plan(i, rule, variant, random, identities, zoneRoutes);
            driven.add(new TripDriver(plan, zones).drive());
        }

        List<Line> tripLines = new ArrayList<>();
        List<Line> fixLines = new ArrayList<>();
        List<Line> eventLines = new ArrayList<>();
        Instant inputEnd = dayStart.plus(FIRST_REGISTRATION).plus(REGISTRATION_SPREAD);
        for (TripDriver.DrivenTrip trip : driven) {
            int source = trip.plan().index();
            for (TripEvent event : trip.tripEvents()) {
                tripLines.add(new Line(event.ts(), source, tripLines.size(), Json.write(event)));
            }
            for (TripDriver.Emission emission : trip.fixes()) {
                fixLines.add(new Line(emission.at(), source, fixLines.size(), Json.write(emission.fix())));
            }
            for (SealEvent event : trip.sealEvents()) {
                eventLines.add(new Line(event.ts(), source, eventLines.size(), Json.write(event)));
            }
            inputEnd = later(inputEnd, trip.lastEvent());
            if (trip.deadline() != null) {
                inputEnd = later(inputEnd, trip.deadline().plus(INPUT_PAST_DEADLINES));
            }
        }
        Instant lastFix = idleSeal(identities.imei(), random, inputEnd, trips, fixLines, eventLines);
        GateTraffic.Day gates = new GateTraffic(random, identities, dayStart, lastFix).simulate(driven);

        Map<Topic<?>, List<String>> lines = new LinkedHashMap<>();
        lines.put(Topic.SEAL_TRIPS, ordered(tripLines));
        lines.put(Topic.SEAL_FIXES, ordered(fixLines));
        lines.put(Topic.SEAL_EVENTS, ordered(eventLines));
        lines.put(Topic.IGNORE_ZONES, IgnoreZones.ALL.stream().map(Json::write).toList());
        lines.put(Topic.CUSTOMS_OFFICES, CustomsOffices.ALL.stream().map(Json::write).toList());
        lines.put(Topic.CUSTOMS_DUTY_ROSTER, DutyRosters.of(dayStart).stream().map(Json::write).toList());
        lines.put(Topic.CAMERA_RECOGNITIONS, gates.recognitions().stream().map(Json::write).toList());
        lines.put(Topic.CUSTOMS_DECLARATIONS, gates.declarations().stream().map(Json::write).toList());
        lines.put(Topic.TRIPS_INSPECTIONS, ClosingInspections.of(driven, lastFix).stream().map(Json::write).toList());
        List<Scenario> scenarios = driven.stream().map(TripDriver.DrivenTrip::scenario).toList();
        return new Output(Collections.unmodifiableMap(lines), scenarios, gates);
    }

    private TripPlan plan(
            int index, Scenario.Rule rule, Scenario.Variant variant, Random random, Identities identities,
            List<Route> zoneRoutes) {
        Route route;
        Route changedRoute = null;
        if (variant == Scenario.Variant.DESTINATION_CHANGED) {
            route = Route.DINH_VU_TO_GIA_LAM;
            changedRoute = Route.DINH_VU_TO_MY_DINH;
        } else if (rule == Scenario.Rule.SIGNAL_LOST_IN_IGNORE_ZONE) {
            route = zoneRoutes.get(random.nextInt(zoneRoutes.size()));
        } else {
            route = Route.values()[random.nextInt(Route.values().length)];
        }
        Instant registeredAt = dayStart.plus(FIRST_REGISTRATION)
                .plus(REGISTRATION_SPREAD.multipliedBy(index).dividedBy(Math.max(1, trips)))
                .plusSeconds(random.nextInt(600));
        Site.Region region = route.origin().region;
        boolean export = route.destination() == Site.CANG_DINH_VU
                || route.destination() == Site.CUA_KHAU_MONG_CAI || route.destination() == Site.CUA_KHAU_HUU_NGHI;
        List<Contact> contacts = List.of(
                new Contact(Contact.Role.DRIVER, identities.driverName(), identities.mobile()),
                new Contact(Contact.Role.DECLARANT, identities.declarantName(), identities.mobile()),
                new Contact(Contact.Role.COMPANY, identities.companyName(), identities.landline(region)));
        boolean lowBattery = index % 9 == 7 && variant != Scenario.Variant.CANCELLED;
        double batteryStart = lowBattery ? 20.6 + random.nextDouble() * 0.8 : 70 + random.nextDouble() * 30;
        double batteryDrain = lowBattery ? 1.0 + random.nextDouble() * 0.4 : 0.4 + random.nextDouble() * 0.5;
        return new TripPlan(
                index,
                "TR" + TRIP_DAY.format(dayStart) + "-" + String.format("%03d", index + 1),
                rule,
                variant,
                route,
                changedRoute,
                identities.imei(),
                identities.containerNo(),
                identities.declarationNo(export),
                identities.truckPlate(region),
                identities.trailerPlate(region),
                route.regimes().get(random.nextInt(route.regimes().size())),
                contacts,
                registeredAt,
                batteryStart,
                batteryDrain,
                random.nextLong());
    }

    /**
     * A spare seal powered on in the yard, registered to no trip: normal traffic, not an error. Returns its
     * last fix, the last event of the seal input.
     */
    private Instant idleSeal(
            String imei, Random random, Instant until, int source, List<Line> fixLines, List<Line> eventLines) {
        Instant powerOn = dayStart.plus(Duration.ofHours(1)).plusSeconds(random.nextInt(600));
        SealEvent on = new SealEvent(imei, powerOn, SealEvent.Type.POWER_ON, IDLE_SEAL_YARD[0], IDLE_SEAL_YARD[1]);
        eventLines.add(new Line(powerOn, source, eventLines.size(), Json.write(on)));
        Instant ts = powerOn.plusSeconds(30);
        while (!ts.isAfter(until.plus(IDLE_SEAL_INTERVAL))) {
            double[] p = Geo.offset(IDLE_SEAL_YARD[0], IDLE_SEAL_YARD[1], random.nextDouble() * 10, random.nextDouble() * 360);
            double battery = 97 - 0.2 * Duration.between(powerOn, ts).toMinutes() / 60.0;
            SealFix fix = new SealFix(imei, ts, Polyline.round6(p[0]), Polyline.round6(p[1]), 0.0, null,
                    6 + random.nextInt(5), Math.round((0.9 + random.nextDouble()) * 10) / 10.0,
                    Math.round(battery * 10) / 10.0, null);
            fixLines.add(new Line(ts, source, fixLines.size(), Json.write(fix)));
            ts = ts.plus(IDLE_SEAL_INTERVAL);
        }
        return ts.minus(IDLE_SEAL_INTERVAL);
    }

    /** A silence that begins in the route's first ignore zone must end well before the destination. */
    private static boolean leavesRoomAfterIgnoreZone(Route route, ZoneIndex zones) {
        double[] stretch = route.firstIgnoreZoneStretch(zones);
        return stretch != null && route.line().length() - stretch[1] > ROOM_AFTER_IGNORE_ZONE_METERS;
    }

    private static List<String> ordered(List<Line> lines) {
        return lines.stream().sorted(Line.ORDER).map(Line::json).toList();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
