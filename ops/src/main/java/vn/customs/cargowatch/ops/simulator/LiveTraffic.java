package vn.customs.cargowatch.ops.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.geo.Geo;
import vn.customs.cargowatch.model.geo.RouteIndex;

/**
 * Traffic as it happens, for measuring how long the pipeline takes to answer: every record is made when it is asked
 * for and stamped with that instant, the time it is sent. Deterministic for a seed, apart from those stamps.
 *
 * <p>Contract: {@link #opening} gives the reference data and the trips' registration and activation, to send
 * first; then each {@link #next} gives one record, in a fixed cycle of twenty: seventeen seal fixes (the trips in
 * turn, on their registered routes at 50 km/h), one door event (a trip's door opened, then closed again at its next
 * door event), one cleared export declaration at an ICD, and one recognition at an OUT gate of that ICD of a
 * container declared at least 2 s before (two gates per ICD, alternating; a fix while none is). Each trip leaves its
 * corridor, 2 km aside, for {@code wrongRouteMinDuration} and 30 s more, once: the first 10 s after the opening, the
 * last one {@code wrongRouteMinDuration} later. A record the pipeline answers is a {@link Message#probe}: the OUT
 * recognition (its barrier decision, {@code gate.matches} by {@code eventId}), the {@code DOOR_OPEN} (its DOOR_OPENED
 * alert, by trip and {@code startTs}), and the fix that completes the minimum duration off route (its WRONG_ROUTE
 * alert, by trip and {@code startTs}, the first fix off route).
 */
public final class LiveTraffic {

    /** What the pipeline answers, and how its answer is recognised. */
    public enum Answer { BARRIER, DOOR_OPENED, WRONG_ROUTE }

    /**
     * A record to publish on {@code topic} with {@code key}; {@code probe} names the answer it expects (see {@link
     * #barrierKey}, {@link #alertKey}), or is null.
     */
    public record Message(Topic<?> topic, String key, String line, Answer answer, String probe) {}

    static final double SPEED_METERS_PER_SECOND = 50 / 3.6;
    static final double DETOUR_METERS = 2_000;
    static final double CORRIDOR_METERS = 500;
    private static final int CYCLE = 20;
    private static final Duration FIRST_DETOUR = Duration.ofSeconds(10);
    private static final Duration DETOUR_MARGIN = Duration.ofSeconds(30);
    /** The documents are ready before the truck drives out: this long before it, at least. */
    private static final Duration DECLARED_BEFORE_TRUCK = Duration.ofSeconds(2);
    private static final List<Site> ICDS = List.of(Site.ICD_GIA_LAM, Site.ICD_LONG_BIEN, Site.ICD_MY_DINH);

    private final long seed;
    private final Random random;
    private final Identities identities;
    private final Duration wrongRouteMinDuration;
    private final List<Trip> trips = new ArrayList<>();
    private final Deque<Declaration> declared = new ArrayDeque<>();
    private final Map<Route, RouteIndex> routeIndexes = new EnumMap<>(Route.class);
    private long sent;
    private int nextFix;
    private int nextDoor;
    private int nextGate;
    private int nextIcd;
    private Instant start;
    private GateImages photos;
    private Path photosDir;

    private static final class Trip {
        final String tripId;
        final String imei;
        final Route route;
        final double startMeters;
        Instant detourFrom;
        Instant detourUntil;
        Instant firstOff;
        boolean completed;
        boolean doorOpen;

        Trip(String tripId, String imei, Route route, double startMeters) {
            this.tripId = tripId;
            this.imei = imei;
            this.route = route;
            this.startMeters = startMeters;
        }
    }

    /**
     * @param trips how many trips report fixes (each every {@code trips / (17/20 · rate)} seconds at {@code rate}
     *     records per second)
     */
    public LiveTraffic(long seed, int trips, Duration wrongRouteMinDuration) {
        if (trips < 1) {
            throw new IllegalArgumentException("at least one trip: " + trips);
        }
        this.seed = seed;
        this.random = new Random(seed);
        this.identities = new Identities(random);
        this.wrongRouteMinDuration = wrongRouteMinDuration;
        Route[] routes = Route.values();
        for (int i = 0; i < trips; i++) {
            Route route = routes[i % routes.length];
            this.trips.add(new Trip(String.format("LIVE-%05d", i + 1), identities.imei(), route,
                    random.nextDouble() * route.line().length() / 2));
        }
    }

    /**
     * This traffic with a photo for each recognition (issue 15), as the simulated day has: drawn as it is asked for,
     * written to {@code dir} and named by its absolute path, so that the job's image branch works as it would at a
     * real gate while the barrier's latency is measured.
     */
    public LiveTraffic withPhotos(Path dir) {
        try {
            this.photosDir = Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the photos' folder " + dir, e);
        }
        // from the seed, not from the traffic's random: the same seed sends the same records with photos or without
        this.photos = new GateImages(seed);
        return this;
    }

    /** How many trips a rate of {@code recordsPerSecond} keeps reporting a fix every {@code fixEvery}. */
    public static int tripsFor(double recordsPerSecond, Duration fixEvery) {
        double fixesPerSecond = recordsPerSecond * (CYCLE - 3) / CYCLE;
        return Math.max(1, (int) Math.round(fixesPerSecond * fixEvery.toMillis() / 1000.0));
    }

    /** The customs offices, the ignore zones, and each trip registered and activated at {@code now}. */
    public List<Message> opening(Instant now) {
        start = now;
        List<Message> messages = new ArrayList<>();
        CustomsOffices.ALL.forEach(office -> messages.add(message(Topic.CUSTOMS_OFFICES, office.unitCode(), office)));
        IgnoreZones.ALL.forEach(zone -> messages.add(message(Topic.IGNORE_ZONES, zone.zoneId(), zone)));
        long spread = wrongRouteMinDuration.toMillis() / trips.size();
        for (int i = 0; i < trips.size(); i++) {
            Trip trip = trips.get(i);
            trip.detourFrom = now.plus(FIRST_DETOUR).plusMillis(i * spread);
            trip.detourUntil = trip.detourFrom.plus(wrongRouteMinDuration).plus(DETOUR_MARGIN);
            messages.add(message(Topic.SEAL_TRIPS, trip.imei, registration(trip, now)));
            messages.add(message(Topic.SEAL_TRIPS, trip.imei, new TripEvent(trip.tripId, TripEvent.Type.ACTIVATED, now,
                    trip.imei, null, null, null, null, null, null, null, null, null, null, null, null, null, null)));
        }
        return messages;
    }

    /** The next record of the stream, stamped {@code now}. */
    public Message next(Instant now) {
        if (start == null) {
            throw new IllegalStateException("send the opening first");
        }
        int slot = (int) (sent++ % CYCLE);
        return switch (slot) {
            case 0 -> declaration(now);
            case 7 -> doorEvent(now);
            case 14 -> declaredBefore(now) ? recognition(now) : fix(now);
            default -> fix(now);
        };
    }

    /** The probe of a barrier decision: its recognition's event id. */
    public static String barrierKey(String eventId) {
        return eventId;
    }

    /** The probe of a trip's alert: the trip and the alert's {@code startTs}, to the millisecond. */
    public static String alertKey(String tripId, Instant startTs) {
        return tripId + "@" + startTs.toEpochMilli();
    }

    private Message fix(Instant now) {
        Trip trip = trips.get(nextFix++ % trips.size());
        double meters = (trip.startMeters + SPEED_METERS_PER_SECOND * Duration.between(start, now).toMillis() / 1000.0)
                % trip.route.line().length();
        double[] onRoute = trip.route.line().pointAt(meters);
        double heading = trip.route.line().bearingAt(meters);
        boolean off = !now.isBefore(trip.detourFrom) && now.isBefore(trip.detourUntil);
        double[] position = off ? aside(trip, onRoute, heading) : onRoute;
        Answer answer = null;
        String probe = null;
        if (off) {
            if (trip.firstOff == null) {
                trip.firstOff = now;
            } else if (!trip.completed && !now.isBefore(trip.firstOff.plus(wrongRouteMinDuration))) {
                trip.completed = true;
                answer = Answer.WRONG_ROUTE;
                probe = alertKey(trip.tripId, trip.firstOff);
            }
        }
        SealFix fix = new SealFix(trip.imei, now, Polyline.round6(position[0]), Polyline.round6(position[1]), 50.0,
                Math.round(heading * 10) / 10.0, 9, 0.9, 90.0, null);
        return new Message(Topic.SEAL_FIXES, trip.imei, Json.write(fix), answer, probe);
    }

    /**
     * A point {@link #DETOUR_METERS} or more to one side of the route, well outside its corridor (where a winding
     * road comes back near itself, the other side or further out).
     */
    private double[] aside(Trip trip, double[] onRoute, double heading) {
        RouteIndex index = routeIndexes.computeIfAbsent(trip.route, route -> new RouteIndex(
                route.geoLine().coordinates()));
        double[] candidate = onRoute;
        for (double meters = DETOUR_METERS; meters <= 4 * DETOUR_METERS; meters += DETOUR_METERS) {
            for (double side : new double[] {90, 270}) {
                candidate = Geo.offset(onRoute[0], onRoute[1], meters, (heading + side) % 360);
                if (index.distanceMeters(candidate[0], candidate[1]) > 2 * CORRIDOR_METERS) {
                    return candidate;
                }
            }
        }
        return candidate;
    }

    private Message doorEvent(Instant now) {
        Trip trip = trips.get(nextDoor++ % trips.size());
        trip.doorOpen = !trip.doorOpen;
        double meters = (trip.startMeters + SPEED_METERS_PER_SECOND * Duration.between(start, now).toMillis() / 1000.0)
                % trip.route.line().length();
        double[] at = trip.route.line().pointAt(meters);
        SealEvent event = new SealEvent(trip.imei, now, trip.doorOpen ? SealEvent.Type.DOOR_OPEN
                : SealEvent.Type.DOOR_CLOSE, Polyline.round6(at[0]), Polyline.round6(at[1]));
        return new Message(Topic.SEAL_EVENTS, trip.imei, Json.write(event),
                trip.doorOpen ? Answer.DOOR_OPENED : null, trip.doorOpen ? alertKey(trip.tripId, now) : null);
    }

    private Message declaration(Instant now) {
        Site icd = ICDS.get(nextIcd++ % ICDS.size());
        Declaration declaration = new Declaration(identities.declarationNo(true), Declaration.Kind.EXPORT,
                icd.icdCode, List.of(identities.containerNo()), List.of(identities.truckPlate(icd.region)),
                Declaration.Status.CLEARED, Declaration.Risk.GREEN, now);
        declared.addLast(declaration);
        return message(Topic.CUSTOMS_DECLARATIONS, declaration.declarationNo(), declaration);
    }

    /** Whether a declaration waits for its truck that was sent long enough ago to have reached the gate. */
    private boolean declaredBefore(Instant now) {
        return !declared.isEmpty() && !declared.peekFirst().ts().plus(DECLARED_BEFORE_TRUCK).isAfter(now);
    }

    private Message recognition(Instant now) {
        Declaration declaration = declared.removeFirst();
        String gate = declaration.icdCode() + "-OUT" + (nextGate++ % 2 + 1);
        String eventId = gate + "-" + now.toEpochMilli() + "-" + nextGate;
        Recognition recognition = new Recognition(eventId, declaration.icdCode(), gate, "L1", gate + "-CAM",
                Recognition.Direction.OUT, now, declaration.containers().get(0), null, declaration.plates().get(0),
                0.97, null, photoOf(eventId, now, declaration.containers().get(0), declaration.plates().get(0)));
        return new Message(Topic.CAMERA_RECOGNITIONS, gate, Json.write(recognition), Answer.BARRIER,
                barrierKey(eventId));
    }

    /** The absolute path of the recognition's photo, once written; null without {@link #withPhotos}. */
    private String photoOf(String eventId, Instant now, String containerNo, String plate) {
        if (photos == null) {
            return null;
        }
        Recognition read = new Recognition(eventId, null, null, null, null, Recognition.Direction.OUT, now,
                containerNo, null, plate, null, null, null);
        Path file = photosDir.resolve(eventId + ".jpg");
        try {
            Files.write(file, photos.photo(read, containerNo, null, null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the photo " + file, e);
        }
        return file.toString();
    }

    private TripEvent registration(Trip trip, Instant now) {
        Route route = trip.route;
        Site.Region region = route.origin().region;
        String branch = route.origin().unitCode;
        List<Contact> contacts = List.of(
                new Contact(Contact.Role.DRIVER, identities.driverName(), identities.mobile()),
                new Contact(Contact.Role.DECLARANT, identities.declarantName(), identities.mobile()));
        return new TripEvent(trip.tripId, TripEvent.Type.REGISTERED, now, trip.imei, identities.containerNo(),
                identities.declarationNo(false), identities.truckPlate(region), identities.trailerPlate(region),
                route.regimes().get(0), route.origin().place(), route.destination().place(), now,
                now.plus(Duration.ofHours(12)), route.geoLine(), CORRIDOR_METERS, contacts, branch,
                CustomsOffices.departmentOf(branch));
    }

    private static <T> Message message(Topic<T> topic, String key, T record) {
        return new Message(topic, key, Json.write(record), null, null);
    }
}
