package vn.customs.cargowatch.ops.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import vn.customs.cargowatch.model.DoorState;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.geo.Geo;
import vn.customs.cargowatch.model.geo.RouteIndex;
import vn.customs.cargowatch.model.geo.ZoneIndex;

/**
 * Drives one {@link TripPlan} in 30-second steps and records what the customs side and the seal
 * report: the trip's lifecycle ({@code seal.trips}), its fixes ({@code seal.fixes}) and its seal
 * events ({@code seal.events}).
 *
 * <p>The truck follows its registered line at 32–68 km/h; every fix carries 5–15 m of GPS jitter
 * (up to 18 m around a stopped truck, at 0–2 km/h). The rule a trip breaks is built into its
 * drive (a detour, a long stop, an open door, a wait near the destination) or cut out of its fixes
 * afterwards (a silence). Everything else is kept innocent: the expected end leaves every arriving
 * trip at least 20 minutes of margin, and no other stop reaches 90 minutes, so each trip breaks
 * only its own rule — and, on every ninth trip, its seal's battery weakens below 20 % on the way
 * ({@link Scenario#weakBatteryBeforeExpectedEnd()}).
 */
final class TripDriver {

    static final Duration FIX_INTERVAL = Duration.ofSeconds(30);
    static final double CORRIDOR_METERS = 500;
    /** The speed a registration assumes for its expected end (trucks average about this on these roads). */
    private static final double PLANNING_SPEED_KMH = 45;

    /** What driving one plan produced. {@code deadline} is the latest time-based alert deadline, or null. */
    record DrivenTrip(
            TripPlan plan,
            List<TripEvent> tripEvents,
            List<Emission> fixes,
            List<SealEvent> sealEvents,
            Instant deadline,
            Instant lastEvent,
            String note) {

        Scenario scenario() {
            return new Scenario(plan.tripId(), plan.imei(), plan.containerNo(), plan.rule(), plan.variant(),
                    plan.routeLabel(), note, weakBatteryBeforeExpectedEnd());
        }

        /**
         * From the seal's LOW_BATTERY event (at its first fix below 20 %) to the expected end then in force, if the
         * trip was active then. At one instant the trip's lifecycle comes before the seal's events, as in the job.
         */
        private Duration weakBatteryBeforeExpectedEnd() {
            Instant weak = sealEvents.stream().filter(event -> event.type() == SealEvent.Type.LOW_BATTERY)
                    .map(SealEvent::ts).findFirst().orElse(null);
            if (weak == null) {
                return null;
            }
            boolean active = false;
            Instant expectedEnd = null;
            for (TripEvent event : tripEvents.stream().sorted(Comparator.comparing(TripEvent::ts)).toList()) {
                if (event.ts().isAfter(weak)) {
                    break;
                }
                switch (event.type()) {
                    case REGISTERED, DESTINATION_CHANGED -> expectedEnd = event.expectedEnd();
                    case ACTIVATED -> active = true;
                    case ARRIVED, CANCELLED -> active = false;
                }
            }
            return active ? Duration.between(weak, expectedEnd) : null;
        }
    }

    /** A fix and where it goes in the stream: at its own time, or up to a minute later when delivered late. */
    record Emission(Instant at, SealFix fix) {}

    /** One 30-second position as the seal measured it; {@code routeMeters} is NaN off the registered line. */
    private record Sample(
            Instant ts, double lat, double lon, double speedKmh, double heading, DoorState door,
            double routeMeters, boolean moving) {}

    private final TripPlan plan;
    private final ZoneIndex zones;
    private final Random rng;
    private final Polyline road;
    private final List<Sample> samples = new ArrayList<>();
    private final List<SealEvent> sealEvents = new ArrayList<>();

    private Instant clock;
    private double[] position;
    private double routeMeters;
    private double heading;
    private double reportedHeading;
    private double speed;
    /** How this driver drives: -0.2 (calm) to +0.35 (in a hurry), relative to the middle of each speed range. */
    private final double cruiseBias;
    private DoorState door = DoorState.CLOSED;

    private Instant powerOn;
    private Instant changedAt;
    private Instant deadline;
    private Instant queueExpectedEnd;
    private final List<String> notes = new ArrayList<>();

    TripDriver(TripPlan plan, ZoneIndex zones) {
        this.plan = plan;
        this.zones = zones;
        this.rng = new Random(plan.drivingSeed());
        this.road = plan.drivenRoute().line();
        this.cruiseBias = between(-0.2, 0.35);
    }

    DrivenTrip drive() {
        Instant registered = plan.registeredAt();
        powerOn = registered.plusSeconds(120 + rng.nextInt(180));
        Instant activated = registered.plusSeconds(360 + rng.nextInt(540));
        Instant departure = activated.plusSeconds(180 + rng.nextInt(300));
        Instant expectedStart = roundToFiveMinutes(departure);
        position = road.pointAt(0);
        heading = road.bearingAt(0);
        reportedHeading = round1(heading);
        clock = powerOn.plusSeconds(5 + rng.nextInt(25));
        sealEvent(SealEvent.Type.POWER_ON, powerOn, position);
        dwellUntil(departure);

        List<TripEvent> trips = new ArrayList<>();
        Instant nominalEnd = nominalEnd(expectedStart, plan.route());
        if (plan.variant() == Scenario.Variant.CANCELLED) {
            dwellFor(minutes(between(15, 25)));
            Instant cancelled = lastSample().ts().plusSeconds(15 + rng.nextInt(30));
            trips.add(registration(expectedStart, nominalEnd));
            trips.add(lifecycle(TripEvent.Type.ACTIVATED, activated));
            trips.add(lifecycle(TripEvent.Type.CANCELLED, cancelled));
            sealEvent(SealEvent.Type.POWER_OFF, cancelled.plusSeconds(60 + rng.nextInt(120)), position);
            notes.add("cancelled at " + time(cancelled) + " before leaving the loading place");
            return finish(trips);
        }

        switch (plan.rule()) {
            case NONE -> driveNormally();
            case WRONG_ROUTE -> driveWithDetour();
            case STOP_OVER_90_MIN -> deadline = driveWithStop(between(100, 150)).plus(Duration.ofMinutes(90));
            case SIGNAL_LOST, SIGNAL_LOST_IN_IGNORE_ZONE -> driveRoute(0, road.length());
            case DOOR_OPENED -> driveWithOpenDoor();
            case CONTAINER_NOT_ARRIVED -> waitNearDestination();
        }
        if (plan.rule() == Scenario.Rule.SIGNAL_LOST || plan.rule() == Scenario.Rule.SIGNAL_LOST_IN_IGNORE_ZONE) {
            // inside an ignore zone this is the deadline the job must NOT act on; the input runs past it all the same
            boolean insideZone = plan.rule() == Scenario.Rule.SIGNAL_LOST_IN_IGNORE_ZONE;
            deadline = silence(insideZone).plus(Duration.ofMinutes(15));
        }
        if (plan.variant() == Scenario.Variant.STRAY_FIX) {
            strayOneFix();
        }

        Instant expectedEnd;
        Instant arrived = null;
        if (plan.rule() == Scenario.Rule.CONTAINER_NOT_ARRIVED) {
            expectedEnd = queueExpectedEnd;
            Instant lastFix = lastSample().ts();
            deadline = later(expectedEnd.plus(Duration.ofMinutes(30)), lastFix.plus(Duration.ofMinutes(15)));
            notes.add("expected end " + time(expectedEnd) + ", no arrival; last fix " + time(lastFix));
        } else {
            dwellFor(minutes(between(5, 15)));
            arrived = lastSample().ts().plusSeconds(15 + rng.nextInt(25));
            expectedEnd = ceilToFiveMinutes(later(
                    nominalEnd(expectedStart, plan.drivenRoute()), arrived.plus(minutes(between(20, 40)))));
        }

        // a trip whose destination changes registered the first destination's expected end
        trips.add(registration(expectedStart, changedAt == null ? expectedEnd : nominalEnd));
        trips.add(lifecycle(TripEvent.Type.ACTIVATED, activated));
        if (changedAt != null) {
            trips.add(destinationChanged(expectedEnd));
        }
        if (arrived != null) {
            trips.add(lifecycle(TripEvent.Type.ARRIVED, arrived));
            sealEvent(SealEvent.Type.POWER_OFF, arrived.plusSeconds(60 + rng.nextInt(120)), position);
        }
        return finish(trips);
    }

    // ---- the drives ----

    private void driveNormally() {
        double length = road.length();
        switch (plan.variant()) {
            case STOP_60_MIN -> driveWithStop(60);
            case DESTINATION_CHANGED -> {
                double at = plan.route().sharedPrefixMeters(plan.changedRoute()) * between(0.4, 0.6);
                driveRoute(0, at);
                changedAt = lastSample().ts().plusSeconds(5 + rng.nextInt(20));
                notes.add(String.format("destination changed at %s (km %.0f) to %s", time(changedAt), at / 1000,
                        plan.changedRoute().destination().shortName()));
                driveRoute(at, length);
            }
            default -> {
                if (length > 150_000) { // a rest stop on the long corridors
                    double at = length * between(0.45, 0.6);
                    driveRoute(0, at);
                    Duration rest = minutes(between(15, 30));
                    notes.add(String.format("rest stop %d min at km %.0f", rest.toMinutes(), at / 1000));
                    dwellFor(rest);
                    driveRoute(at, length);
                } else {
                    driveRoute(0, length);
                }
            }
        }
    }

    /** Stops on the route for {@code stopMinutes}; returns when the stop began. */
    private Instant driveWithStop(double stopMinutes) {
        double at = road.length() * between(0.3, 0.55);
        driveRoute(0, at);
        Instant from = clock;
        dwellFor(minutes(stopMinutes));
        notes.add(String.format("stopped %d min from %s at km %.0f", minutes(stopMinutes).toMinutes(), time(from),
                at / 1000));
        driveRoute(at, road.length());
        return from;
    }

    /**
     * Leaves the route at a point, drives a side road {@code away} metres off it, parallel to it, and
     * rejoins it further on; the parallel stretch is sized to keep the truck off the corridor 10–30 min.
     */
    private void driveWithDetour() {
        double length = road.length();
        double leave = length * between(0.3, 0.5);
        double away = between(1_500, 5_000);
        double side = rng.nextBoolean() ? 90 : -90;
        double detourKmh = 35;
        double offMinutes = between(12, 28);
        double approach = away * between(0.5, 0.8);
        double leg = Math.hypot(approach, away);
        double parallel = Math.max(1_500,
                detourKmh / 3.6 * offMinutes * 60 - 2 * leg * (1 - CORRIDOR_METERS / away));
        double rejoin = leave + 2 * approach + parallel;

        List<double[]> points = new ArrayList<>();
        points.add(road.pointAt(leave));
        int steps = (int) Math.ceil(parallel / 500);
        for (int k = 0; k <= steps; k++) {
            double meters = leave + approach + parallel * k / steps;
            double[] p = road.pointAt(meters);
            points.add(Geo.offset(p[0], p[1], away, road.bearingAt(meters) + side));
        }
        points.add(road.pointAt(rejoin));
        Polyline detour = Polyline.densified(points, 200);

        driveRoute(0, leave);
        int first = samples.size();
        driveAlong(detour, 0, detour.length(), 25, 45, false);
        describeDetour(first, samples.size());
        driveRoute(rejoin, length);
    }

    private void driveWithOpenDoor() {
        double at = road.length() * between(0.4, 0.7);
        driveRoute(0, at);
        dwellFor(minutes(between(1.5, 3)));
        Instant opened = clock.minusSeconds(5 + rng.nextInt(20));
        sealEvent(SealEvent.Type.DOOR_OPEN, opened, jittered(position, 8));
        door = DoorState.OPEN;
        dwellFor(minutes(between(9, 12)));
        door = DoorState.CLOSED;
        Instant closed = clock.minusSeconds(5 + rng.nextInt(20));
        sealEvent(SealEvent.Type.DOOR_CLOSE, closed, jittered(position, 8));
        notes.add(String.format("door open %s–%s at km %.0f", time(opened), time(closed), at / 1000));
        dwellFor(minutes(between(2, 4)));
        driveRoute(at, road.length());
    }

    /**
     * Reaches the queue 1.5–2 km before the destination, then waits there: parked 25–40 min at a time,
     * creeping forward a few hundred metres in between (so no stop reaches 90 min), until an hour
     * after the expected end, when the seal falls silent. No arrival is ever confirmed.
     */
    private void waitNearDestination() {
        double length = road.length();
        double at = length - between(1_500, 2_000);
        driveRoute(0, at);
        Instant queued = clock;
        queueExpectedEnd = ceilToFiveMinutes(queued.plus(minutes(between(15, 30))));
        Instant silentFrom = queueExpectedEnd.plus(minutes(between(55, 65)));
        notes.add(String.format("queues %.1f km before %s from %s", (length - at) / 1000,
                plan.route().destination().shortName(), time(queued)));
        while (clock.isBefore(silentFrom)) {
            Instant parkedUntil = clock.plus(minutes(between(25, 40)));
            dwellUntil(parkedUntil.isBefore(silentFrom) ? parkedUntil : silentFrom);
            if (!clock.isBefore(silentFrom)) {
                break;
            }
            double next = Math.min(length - 200, at + between(200, 350));
            driveAlong(road, at, next, 5, 12, true);
            at = next;
        }
    }

    private void driveRoute(double from, double to) {
        driveAlong(road, from, to, 32, 68, true);
    }

    private void driveAlong(Polyline line, double from, double to, double minKmh, double maxKmh, boolean onRoute) {
        double meters = from;
        while (meters < to - 1) {
            if (speed < minKmh) { // pulling away
                speed = Math.min(minKmh + rng.nextDouble() * 4, speed + 10 + rng.nextDouble() * 8);
            } else { // wandering around the cruising speed of this stretch
                double cruise = (minKmh + maxKmh) / 2 + cruiseBias * (maxKmh - minKmh) / 2;
                speed += 0.1 * (cruise - speed) + rng.nextGaussian() * 2.5;
                speed = Math.max(minKmh, Math.min(maxKmh, speed));
            }
            meters = Math.min(to, meters + speed / 3.6 * FIX_INTERVAL.toSeconds());
            position = line.pointAt(meters);
            heading = line.bearingAt(meters);
            routeMeters = onRoute ? meters : Double.NaN;
            addSample(true);
        }
    }

    private void dwellFor(Duration duration) {
        dwellUntil(clock.plus(duration));
    }

    private void dwellUntil(Instant until) {
        speed = 0;
        while (clock.isBefore(until)) {
            addSample(false);
        }
    }

    private void addSample(boolean moving) {
        double[] p = jittered(position, moving ? between(5, 15) : between(0, 18));
        double reportedSpeed;
        if (moving) {
            reportedSpeed = speed;
            reportedHeading = (heading + rng.nextGaussian() * 2 + 360) % 360;
        } else {
            reportedSpeed = rng.nextInt(10) < 7 ? 0 : between(0.3, 2);
        }
        samples.add(new Sample(clock, p[0], p[1], reportedSpeed, reportedHeading, door, routeMeters, moving));
        clock = clock.plus(FIX_INTERVAL);
    }

    // ---- cut into the fixes afterwards ----

    /**
     * Drops the fixes of 40–60 min (exactly 40 inside an ignore zone) after a fix chosen outside every
     * ignore zone, or inside one; returns the time of that last fix before the silence.
     */
    private Instant silence(boolean insideZone) {
        double from;
        if (insideZone) {
            double[] stretch = plan.drivenRoute().firstIgnoreZoneStretch(zones);
            from = stretch[0] + (stretch[1] - stretch[0]) * between(0.25, 0.45);
        } else {
            // early enough that an hour of driving at full speed ends before the destination
            from = Math.max(20_000, Math.min(road.length() * between(0.25, 0.4), road.length() - 72_000));
            while (nearZone(from, 3_000)) {
                from += 2_000;
            }
        }
        int k = 0;
        while (!(samples.get(k).moving() && samples.get(k).routeMeters() >= from)) {
            k++;
        }
        Sample last = samples.get(k);
        String zone = zones.zoneAt(last.lat(), last.lon());
        if ((zone != null) != insideZone) {
            throw new IllegalStateException(plan.tripId() + ": last fix before the silence is in zone " + zone);
        }
        Duration gap = insideZone ? Duration.ofMinutes(40) : Duration.ofMinutes(40 + rng.nextInt(21));
        Instant resume = last.ts().plus(gap);
        samples.removeIf(s -> s.ts().isAfter(last.ts()) && s.ts().isBefore(resume));
        if (samples.size() <= k + 1 || !samples.get(k + 1).moving()) {
            throw new IllegalStateException(plan.tripId() + ": the silence runs into the arrival");
        }
        notes.add(String.format("silent %d min from %s at km %.0f%s", gap.toMinutes(), time(last.ts()),
                last.routeMeters() / 1000, insideZone ? " inside ignore zone " + zone : " (no ignore zone)"));
        return last.ts();
    }

    /** Moves one fix past the middle of the route about 800 m sideways: a single bad GPS reading. */
    private void strayOneFix() {
        double past = road.length() * between(0.45, 0.6);
        int k = 0;
        while (!(samples.get(k).moving() && samples.get(k).routeMeters() >= past)) {
            k++;
        }
        Sample s = samples.get(k);
        double bearing = road.bearingAt(s.routeMeters()) + (rng.nextBoolean() ? 90 : -90);
        double[] p = Geo.offset(s.lat(), s.lon(), between(780, 820), bearing);
        samples.set(k, new Sample(s.ts(), p[0], p[1], s.speedKmh(), s.heading(), s.door(), Double.NaN, false));
        notes.add("one stray fix ~800 m off route at " + time(s.ts()));
    }

    // ---- records ----

    private DrivenTrip finish(List<TripEvent> trips) {
        double[] lowBatteryAt = null;
        Instant lowBatteryTs = null;
        List<Emission> fixes = new ArrayList<>();
        for (Sample sample : samples) {
            SealFix fix = fixOf(sample);
            fixes.add(new Emission(fix.ts(), fix));
            if (lowBatteryTs == null && fix.battery() < 20) {
                lowBatteryTs = fix.ts();
                lowBatteryAt = new double[] {fix.lat(), fix.lon()};
            }
        }
        if (lowBatteryTs != null) {
            sealEvent(SealEvent.Type.LOW_BATTERY, lowBatteryTs, lowBatteryAt);
        }
        deliverSomeLateOrTwice(fixes);

        Instant lastEvent = Collections.max(List.of(
                lastSample().ts(),
                trips.stream().map(TripEvent::ts).max(Instant::compareTo).orElseThrow(),
                sealEvents.stream().map(SealEvent::ts).max(Instant::compareTo).orElseThrow()));
        return new DrivenTrip(plan, List.copyOf(trips), List.copyOf(fixes), List.copyOf(sealEvents), deadline,
                lastEvent, String.join("; ", notes));
    }

    /**
     * Seals buffer fixes and resend them when the network hiccups: now and then a fix early in the trip
     * arrives 35–60 s late (out of order), or twice. Only plain driving fixes are chosen, away from
     * the stretch where the trip's own rule is staged.
     */
    private void deliverSomeLateOrTwice(List<Emission> fixes) {
        double length = road.length();
        List<Integer> plain = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (s.moving() && s.routeMeters() >= length * 0.05 && s.routeMeters() <= length * 0.15) {
                plain.add(i);
            }
        }
        if (plain.size() < 2) {
            return;
        }
        int late = plain.get(rng.nextInt(plain.size()));
        int twice = plain.get(rng.nextInt(plain.size()));
        if (rng.nextInt(10) < 4) {
            Emission e = fixes.get(late);
            fixes.set(late, new Emission(e.at().plusSeconds(35 + rng.nextInt(26)), e.fix()));
        }
        if (rng.nextInt(10) < 4 && twice != late) {
            Emission e = fixes.get(twice);
            fixes.add(new Emission(e.at().plusSeconds(rng.nextInt(21)), e.fix()));
        }
    }

    private SealFix fixOf(Sample s) {
        double hours = Duration.between(powerOn, s.ts()).toSeconds() / 3600.0;
        double battery = Math.max(0, plan.batteryStart() - plan.batteryDrainPerHour() * hours);
        int satellites = s.moving() ? 7 + rng.nextInt(7) : 6 + rng.nextInt(6);
        double hdop = between(0.7, 1.5) + (satellites < 8 ? 0.6 : 0);
        return new SealFix(plan.imei(), s.ts(), Polyline.round6(s.lat()), Polyline.round6(s.lon()),
                round1(s.speedKmh()), round1(s.heading()), satellites, round1(hdop), round1(battery), s.door());
    }

    private TripEvent registration(Instant expectedStart, Instant expectedEnd) {
        Route route = plan.route();
        String branch = route.origin().unitCode;
        return new TripEvent(plan.tripId(), TripEvent.Type.REGISTERED, plan.registeredAt(), plan.imei(),
                plan.containerNo(), plan.declarationNo(), plan.truckPlate(), plan.trailerPlate(), plan.regime(),
                route.origin().place(), route.destination().place(), expectedStart, expectedEnd, route.geoLine(),
                CORRIDOR_METERS, plan.contacts(), branch, CustomsOffices.departmentOf(branch));
    }

    private TripEvent destinationChanged(Instant expectedEnd) {
        Route route = plan.changedRoute();
        return new TripEvent(plan.tripId(), TripEvent.Type.DESTINATION_CHANGED, changedAt, plan.imei(),
                plan.containerNo(), null, null, null, null, null, route.destination().place(), null, expectedEnd,
                route.geoLine(), CORRIDOR_METERS, null, null, null);
    }

    private TripEvent lifecycle(TripEvent.Type type, Instant ts) {
        return new TripEvent(plan.tripId(), type, ts, plan.imei(), null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    private void sealEvent(SealEvent.Type type, Instant ts, double[] at) {
        sealEvents.add(new SealEvent(plan.imei(), ts, type, Polyline.round6(at[0]), Polyline.round6(at[1])));
    }

    private void describeDetour(int from, int to) {
        RouteIndex index = new RouteIndex(plan.drivenRoute().geoLine().coordinates());
        Instant first = null;
        Instant last = null;
        double farthest = 0;
        for (Sample s : samples.subList(from, to)) {
            double off = index.distanceMeters(s.lat(), s.lon());
            farthest = Math.max(farthest, off);
            if (off > CORRIDOR_METERS) {
                first = first == null ? s.ts() : first;
                last = s.ts();
            }
        }
        if (first == null) {
            throw new IllegalStateException(plan.tripId() + ": the detour never left the corridor");
        }
        notes.add(String.format("off route %s–%s (%d min), up to %.1f km away", time(first), time(last),
                Duration.between(first, last).toMinutes(), farthest / 1000));
    }

    // ---- geometry and time helpers ----

    private boolean nearZone(double meters, double radius) {
        for (int i = 0; i < road.size(); i++) {
            double[] p = road.point(i);
            if (Math.abs(road.metersAt(i) - meters) <= radius && zones.zoneAt(p[0], p[1]) != null) {
                return true;
            }
        }
        return false;
    }

    private double[] jittered(double[] latLon, double meters) {
        return Geo.offset(latLon[0], latLon[1], meters, rng.nextDouble() * 360);
    }

    private Sample lastSample() {
        return samples.get(samples.size() - 1);
    }

    private double between(double low, double high) {
        return low + rng.nextDouble() * (high - low);
    }

    private static Instant nominalEnd(Instant expectedStart, Route route) {
        double hours = route.line().length() / 1000 / PLANNING_SPEED_KMH;
        return ceilToFiveMinutes(expectedStart.plus(minutes(hours * 60 + 30)));
    }

    private static Duration minutes(double minutes) {
        return Duration.ofSeconds(Math.round(minutes * 60));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant roundToFiveMinutes(Instant t) {
        return Instant.ofEpochSecond(Math.round(t.getEpochSecond() / 300.0) * 300);
    }

    static Instant ceilToFiveMinutes(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond() + 299, 300) * 300);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String time(Instant t) {
        return Times.vietnamTime(t);
    }
}
