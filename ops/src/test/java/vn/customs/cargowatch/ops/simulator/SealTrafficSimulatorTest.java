package vn.customs.cargowatch.ops.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.model.ContainerNumber;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DutyRoster;
import vn.customs.cargowatch.model.DoorState;
import vn.customs.cargowatch.model.IgnoreZone;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.geo.Geo;
import vn.customs.cargowatch.model.geo.RouteIndex;
import vn.customs.cargowatch.model.geo.ZoneIndex;

class SealTrafficSimulatorTest {

    private static final Instant DAY_START = Instant.parse("2026-11-21T17:00:00Z"); // 22 Nov 2026, 00:00 in Vietnam
    private static final long SEED = 20261122L;
    /**
     * Every input topic but the officers' actions on alerts and on the review list: taken at the desk or the command
     * line, not simulated. The closing inspections are simulated, so that the day has closed and awaiting trips.
     */
    private static final List<Topic<?>> SIMULATED = Topic.INPUTS.stream().filter(topic -> !List.of(
            Topic.ALERTS_ACTIONS, Topic.GATE_REVIEW_ACTIONS).contains(topic)).toList();

    private static SealTrafficSimulator simulator;
    private static Map<Topic<?>, List<String>> output;
    private static List<TripEvent> tripEvents;
    private static List<SealFix> fixes;
    private static List<SealEvent> sealEvents;

    @BeforeAll
    static void simulateOneDay() {
        simulator = new SealTrafficSimulator(SEED, SealTrafficSimulator.DEFAULT_TRIPS, DAY_START);
        output = simulator.generate();
        tripEvents = parseAll(Topic.SEAL_TRIPS);
        fixes = parseAll(Topic.SEAL_FIXES);
        sealEvents = parseAll(Topic.SEAL_EVENTS);
    }

    // ---- determinism ----

    @Test
    void shouldGiveIdenticalOutputForTheSameSeed(@TempDir Path first, @TempDir Path second) throws IOException {
        new SealTrafficSimulator(SEED, 36, DAY_START).writeTo(first);
        new SealTrafficSimulator(SEED, 36, DAY_START).writeTo(second);

        for (Topic<?> topic : SIMULATED) {
            assertThat(Files.readAllBytes(second.resolve(topic.fileName())))
                    .as(topic.name())
                    .isEqualTo(Files.readAllBytes(first.resolve(topic.fileName())));
        }
    }

    @Test
    void shouldGiveDifferentOutputForAnotherSeed() {
        Map<Topic<?>, List<String>> other = new SealTrafficSimulator(SEED + 1, 36, DAY_START).generate();

        assertThat(other.get(Topic.SEAL_FIXES)).isNotEqualTo(output.get(Topic.SEAL_FIXES));
        assertThat(other.get(Topic.SEAL_TRIPS)).isNotEqualTo(output.get(Topic.SEAL_TRIPS));
    }

    @Test
    void shouldWriteOneJsonlFilePerTopic(@TempDir Path dir) throws IOException {
        simulator.writeTo(dir);

        for (Map.Entry<Topic<?>, List<String>> topic : output.entrySet()) {
            Path file = dir.resolve(topic.getKey().fileName());
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).isEqualTo(topic.getValue());
        }
        assertThat(output.keySet()).containsExactlyInAnyOrderElementsOf(SIMULATED);
    }

    @Test
    void shouldCloseTwoArrivedTripsOfThreeAtTheirDestinationAnHourAfterTheArrival() throws Exception {
        Map<String, TripEvent> arrivals = new HashMap<>();
        Map<String, String> destinations = new HashMap<>();
        for (String line : output.get(Topic.SEAL_TRIPS)) {
            TripEvent event = Topic.SEAL_TRIPS.parse(line);
            if (event.type() == TripEvent.Type.ARRIVED) {
                arrivals.put(event.tripId(), event);
            } else if (event.destination() != null) {
                destinations.put(event.tripId(), event.destination().unitCode());
            }
        }
        List<Inspection> inspections = new ArrayList<>();
        for (String line : output.get(Topic.TRIPS_INSPECTIONS)) {
            inspections.add(Topic.TRIPS_INSPECTIONS.parse(line));
        }

        assertThat(inspections).isNotEmpty().allSatisfy(inspection -> {
            TripEvent arrived = arrivals.get(inspection.tripId());
            assertThat(arrived).as(inspection.tripId()).isNotNull();
            assertThat(inspection.byUnit()).isEqualTo(destinations.get(inspection.tripId()));
            assertThat(inspection.ts()).isAfter(arrived.ts()).isBeforeOrEqualTo(arrived.ts().plusSeconds(3_600));
            assertThat(inspection.explanationsOrNone()).isEmpty();
        });
        assertThat(inspections.size()).as("two of three arrived trips")
                .isBetween(arrivals.size() / 2, arrivals.size() - arrivals.size() / 4);
        assertThat(inspections).extracting(Inspection::ts).isSorted();
    }

    // ---- the contract ----

    @Test
    void shouldParseEveryLineWithoutRejection() {
        for (Map.Entry<Topic<?>, List<String>> topic : output.entrySet()) {
            assertThat(topic.getValue()).as(topic.getKey().name()).isNotEmpty();
            for (String line : topic.getValue()) {
                assertThatCode(() -> topic.getKey().parse(line)).as(line).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void shouldKeepFixesInTimeOrderExceptAFewLateByAtMostOneMinute() {
        Instant latest = Instant.MIN;
        int late = 0;
        for (SealFix fix : fixes) {
            if (fix.ts().isBefore(latest)) {
                late++;
                assertThat(Duration.between(fix.ts(), latest)).isLessThanOrEqualTo(Duration.ofSeconds(60));
            } else {
                latest = fix.ts();
            }
        }
        assertThat(late).isPositive().isLessThan(fixes.size() / 200);
        assertSortedByTs(tripEvents.stream().map(TripEvent::ts).toList());
        assertSortedByTs(sealEvents.stream().map(SealEvent::ts).toList());
    }

    @Test
    void shouldSendAFewFixesTwiceAsExactDuplicates() {
        List<String> lines = output.get(Topic.SEAL_FIXES);
        Set<String> seen = new HashSet<>();
        long duplicates = lines.stream().filter(line -> !seen.add(line)).count();

        assertThat(duplicates).isPositive().isLessThan(lines.size() / 200);
        Set<String> imeiAndTs = new HashSet<>();
        long sameFixDiffering = fixes.stream().distinct()
                .filter(fix -> !imeiAndTs.add(fix.imei() + fix.ts())).count();
        assertThat(sameFixDiffering).as("a duplicate is the same record, never a second fix at the same time").isZero();
    }

    @Test
    void shouldRegisterEveryTripCompletely() {
        Set<String> units = CustomsOffices.ALL.stream().map(CustomsOffice::unitCode).collect(Collectors.toSet());
        List<TripEvent> registrations = ofType(TripEvent.Type.REGISTERED);

        assertThat(registrations).hasSize(36);
        for (TripEvent trip : registrations) {
            assertThat(trip.imei()).matches("\\d{15}");
            assertThat(trip.containerNo()).matches("[A-Z]{3}U\\d{7}");
            assertThat(trip.declarationNo()).matches("[13]0\\d{10}");
            assertThat(trip.truckPlate()).matches("\\d{2}[CH]-\\d{3}\\.\\d{2}");
            assertThat(trip.trailerPlate()).matches("\\d{2}R-\\d{3}\\.\\d{2}");
            assertThat(trip.regime()).isNotNull();
            assertThat(units).contains(trip.origin().unitCode(), trip.destination().unitCode(), trip.branchCode(),
                    trip.departmentCode());
            assertThat(trip.branchCode()).isEqualTo(trip.origin().unitCode());
            assertThat(CustomsOffices.byCode(trip.departmentCode()).level()).isEqualTo(CustomsOffice.Level.DEPARTMENT);
            assertThat(trip.expectedStart()).isAfter(trip.ts());
            assertThat(trip.expectedEnd()).isAfter(trip.expectedStart().plus(Duration.ofHours(1)));
            assertThat(trip.route().coordinates().length).isGreaterThan(80);
            assertThat(trip.corridorMeters()).isEqualTo(500.0);
            assertThat(trip.contacts()).extracting(Contact::role)
                    .contains(Contact.Role.DRIVER, Contact.Role.DECLARANT);
            assertThat(trip.contacts()).filteredOn(c -> c.role() != Contact.Role.COMPANY)
                    .allSatisfy(c -> assertThat(c.phone()).matches("09\\d{8}"));
        }
        assertThat(registrations).extracting(TripEvent::imei).doesNotHaveDuplicates();
        assertThat(registrations).extracting(TripEvent::containerNo).doesNotHaveDuplicates();
    }

    @Test
    void shouldIssueContainerNumbersWithAValidIso6346CheckDigit() {
        assertThat(ofType(TripEvent.Type.REGISTERED)).extracting(TripEvent::containerNo)
                .allSatisfy(containerNo -> assertThat(ContainerNumber.isValid(containerNo)).as(containerNo).isTrue());
    }

    @Test
    void shouldPlaceEveryOfficeUnderAnExistingParent() {
        Set<String> units = CustomsOffices.ALL.stream().map(CustomsOffice::unitCode).collect(Collectors.toSet());

        assertThat(CustomsOffices.ALL).filteredOn(o -> o.level() == CustomsOffice.Level.GENERAL).hasSize(1);
        assertThat(CustomsOffices.ALL).filteredOn(o -> o.level() != CustomsOffice.Level.GENERAL)
                .allSatisfy(o -> assertThat(units).contains(o.parentCode()));
        assertThat(CustomsOffices.ALL).filteredOn(o -> o.level() == CustomsOffice.Level.BRANCH).hasSizeGreaterThan(5);
    }

    @Test
    void shouldListEveryIcdOfTheGateTrafficUnderExactlyOneBranch() {
        List<CustomsOffice> offices = parseAll(Topic.CUSTOMS_OFFICES);
        Set<String> icds = parseAll(Topic.CAMERA_RECOGNITIONS).stream().map(Recognition::icdCode)
                .collect(Collectors.toSet());

        assertThat(icds).isNotEmpty().allSatisfy(icd -> assertThat(offices).filteredOn(o -> o.supervises(icd))
                .as("Branches supervising %s", icd).hasSize(1));
    }

    @Test
    void shouldPutTwoOfficersOnDutyAtEveryUnitAtEveryMomentOfTheDay() {
        List<DutyRoster> roster = parseAll(Topic.CUSTOMS_DUTY_ROSTER);

        assertThat(roster).allSatisfy(shift -> {
            assertThat(shift.problem()).isNull();
            assertThat(shift.ts()).isBefore(shift.shiftStart());
        });
        for (CustomsOffice office : CustomsOffices.ALL) {
            for (Instant time = DAY_START; time.isBefore(DAY_START.plus(Duration.ofHours(30)));
                    time = time.plus(Duration.ofMinutes(30))) {
                Instant at = time;
                assertThat(roster).filteredOn(shift -> shift.unitCode().equals(office.unitCode()) && shift.covers(at))
                        .as("%s on duty at %s", office.unitCode(), at).singleElement()
                        .satisfies(shift -> assertThat(shift.phones()).hasSize(2).doesNotHaveDuplicates());
            }
        }
        assertThat(roster.stream().flatMap(shift -> shift.phones().stream()))
                .as("every officer of every shift has a phone of their own").doesNotHaveDuplicates();
    }

    // ---- the scenarios ----

    @Test
    void shouldBreakEveryRuleAtLeastTwiceWithMostTripsNormal() {
        Map<Scenario.Rule, Long> byRule = simulator.scenarios().stream()
                .collect(Collectors.groupingBy(Scenario::rule, () -> new EnumMap<>(Scenario.Rule.class),
                        Collectors.counting()));

        assertThat(simulator.scenarios()).hasSize(36);
        for (Scenario.Rule rule : Scenario.Rule.values()) {
            assertThat(byRule.get(rule)).as(rule.name()).isGreaterThanOrEqualTo(2);
        }
        assertThat(byRule.get(Scenario.Rule.NONE)).isGreaterThan(18);
        assertThat(simulator.scenarios()).extracting(Scenario::variant)
                .contains(Scenario.Variant.values());
        assertThat(simulator.scenarios()).extracting(Scenario::tripId)
                .containsExactlyElementsOf(ofType(TripEvent.Type.REGISTERED).stream()
                        .sorted(Comparator.comparing(TripEvent::tripId)).map(TripEvent::tripId).toList());
    }

    @Test
    void shouldKeepNormalTripsWithinTheirCorridor() {
        for (Scenario scenario : scenarios(Scenario.Rule.NONE)) {
            List<Double> offRoute = distancesFromRoute(scenario);
            if (scenario.variant() == Scenario.Variant.STRAY_FIX) {
                assertThat(offRoute).as(scenario.tripId()).filteredOn(d -> d > 500).singleElement()
                        .satisfies(d -> assertThat(d).isBetween(700.0, 900.0));
            } else {
                assertThat(offRoute).as(scenario.tripId()).allSatisfy(d -> assertThat(d).isLessThan(500.0));
            }
        }
    }

    @Test
    void shouldTakeWrongRouteTripsMoreThanAKilometreOffForMoreThanTwoMinutes() {
        for (Scenario scenario : scenarios(Scenario.Rule.WRONG_ROUTE)) {
            List<SealFix> trip = fixesOf(scenario.imei());
            List<Double> offRoute = distancesFromRoute(scenario);
            Duration longestFarOff = Duration.ZERO;
            Instant farOffSince = null;
            for (int i = 0; i < trip.size(); i++) {
                if (offRoute.get(i) > 1_000) {
                    farOffSince = farOffSince == null ? trip.get(i).ts() : farOffSince;
                    Duration run = Duration.between(farOffSince, trip.get(i).ts());
                    longestFarOff = run.compareTo(longestFarOff) > 0 ? run : longestFarOff;
                } else {
                    farOffSince = null;
                }
            }
            assertThat(longestFarOff).as(scenario.tripId()).isGreaterThan(Duration.ofMinutes(2));
            assertThat(offRoute.get(offRoute.size() - 1)).as("back on route at the end").isLessThan(500.0);
        }
    }

    @Test
    void shouldStopStopOverTripsMoreThan90MinutesAndTheNormalOneAnHour() {
        for (Scenario scenario : scenarios(Scenario.Rule.STOP_OVER_90_MIN)) {
            assertThat(longestStop(fixesOf(scenario.imei())).duration()).as(scenario.tripId())
                    .isBetween(Duration.ofMinutes(99), Duration.ofMinutes(151));
        }
        for (Scenario scenario : scenarios(Scenario.Rule.NONE)) {
            assertThat(longestStop(fixesOf(scenario.imei())).duration()).as(scenario.tripId())
                    .isLessThan(Duration.ofMinutes(75));
        }
    }

    @Test
    void shouldSilenceSealsOutsideIgnoreZonesOrInsideThem() {
        ZoneIndex zones = new ZoneIndex();
        parseAll(Topic.IGNORE_ZONES).forEach(zone -> zones.put(zone.zoneId(), zone.polygon()));

        for (Scenario.Rule rule : List.of(Scenario.Rule.SIGNAL_LOST, Scenario.Rule.SIGNAL_LOST_IN_IGNORE_ZONE)) {
            for (Scenario scenario : scenarios(rule)) {
                List<SealFix> trip = fixesOf(scenario.imei());
                int gapAt = longestGapIndex(trip);
                Duration gap = Duration.between(trip.get(gapAt).ts(), trip.get(gapAt + 1).ts());
                SealFix lastBefore = trip.get(gapAt);
                String zone = zones.zoneAt(lastBefore.lat(), lastBefore.lon());
                if (rule == Scenario.Rule.SIGNAL_LOST) {
                    assertThat(gap).as(scenario.tripId()).isBetween(Duration.ofMinutes(40), Duration.ofMinutes(60));
                    assertThat(zone).as(scenario.tripId()).isNull();
                } else {
                    assertThat(gap).as(scenario.tripId()).isEqualTo(Duration.ofMinutes(40));
                    assertThat(zone).as(scenario.tripId()).isNotNull();
                }
            }
        }
        for (Scenario scenario : scenarios(Scenario.Rule.NONE)) {
            List<SealFix> trip = fixesOf(scenario.imei());
            int gapAt = longestGapIndex(trip);
            assertThat(Duration.between(trip.get(gapAt).ts(), trip.get(gapAt + 1).ts())).as(scenario.tripId())
                    .isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void shouldOpenTheDoorAboutTenMinutesMidRoute() {
        for (Scenario scenario : scenarios(Scenario.Rule.DOOR_OPENED)) {
            List<SealEvent> doors = sealEvents.stream().filter(e -> e.imei().equals(scenario.imei()))
                    .filter(e -> e.type() == SealEvent.Type.DOOR_OPEN || e.type() == SealEvent.Type.DOOR_CLOSE)
                    .toList();
            assertThat(doors).extracting(SealEvent::type)
                    .containsExactly(SealEvent.Type.DOOR_OPEN, SealEvent.Type.DOOR_CLOSE);
            assertThat(doors).allSatisfy(e -> assertThat(e.lat()).isNotNull());
            assertThat(Duration.between(doors.get(0).ts(), doors.get(1).ts()))
                    .isBetween(Duration.ofMinutes(8), Duration.ofMinutes(13));
            assertThat(fixesOf(scenario.imei())).filteredOn(f -> f.door() == DoorState.OPEN)
                    .allSatisfy(f -> assertThat(f.ts()).isBetween(doors.get(0).ts(), doors.get(1).ts()))
                    .hasSizeGreaterThan(15);
        }
        assertThat(fixes).filteredOn(f -> f.door() == DoorState.OPEN).extracting(SealFix::imei)
                .allSatisfy(imei -> assertThat(scenarioOf(imei).rule()).isEqualTo(Scenario.Rule.DOOR_OPENED));
    }

    @Test
    void shouldNeverConfirmNotArrivedTripsAndKeepTheInputGoingPastTheirDeadline() {
        Instant lastEvent = lastEventOfInput();
        for (Scenario scenario : scenarios(Scenario.Rule.CONTAINER_NOT_ARRIVED)) {
            List<TripEvent> lifecycle = tripEventsOf(scenario.tripId());
            assertThat(lifecycle).extracting(TripEvent::type)
                    .containsExactly(TripEvent.Type.REGISTERED, TripEvent.Type.ACTIVATED);
            Instant expectedEnd = lifecycle.get(0).expectedEnd();
            Instant lastFix = fixesOf(scenario.imei()).get(fixesOf(scenario.imei()).size() - 1).ts();
            assertThat(lastFix).isBetween(expectedEnd.plus(Duration.ofMinutes(50)), expectedEnd.plus(Duration.ofMinutes(70)));
            assertThat(lastEvent).isAfter(expectedEnd.plus(Duration.ofMinutes(30)).plus(Duration.ofHours(2)));
        }
    }

    @Test
    void shouldArriveBeforeTheExpectedEndUnlessBuiltNotTo() {
        for (Scenario scenario : simulator.scenarios()) {
            List<TripEvent> lifecycle = tripEventsOf(scenario.tripId());
            TripEvent last = lifecycle.get(lifecycle.size() - 1);
            Instant expectedEnd = lifecycle.stream().filter(e -> e.expectedEnd() != null)
                    .reduce((a, b) -> b).orElseThrow().expectedEnd();
            switch (scenario.variant()) {
                case CANCELLED -> assertThat(last.type()).isEqualTo(TripEvent.Type.CANCELLED);
                case DESTINATION_CHANGED -> assertThat(lifecycle).extracting(TripEvent::type).containsExactly(
                        TripEvent.Type.REGISTERED, TripEvent.Type.ACTIVATED, TripEvent.Type.DESTINATION_CHANGED,
                        TripEvent.Type.ARRIVED);
                default -> { }
            }
            if (scenario.rule() != Scenario.Rule.CONTAINER_NOT_ARRIVED && scenario.variant() != Scenario.Variant.CANCELLED) {
                assertThat(last.type()).as(scenario.tripId()).isEqualTo(TripEvent.Type.ARRIVED);
                assertThat(last.ts()).as(scenario.tripId()).isBefore(expectedEnd);
                assertThat(fixesOf(scenario.imei())).allSatisfy(f -> assertThat(f.ts()).isBefore(last.ts()));
            }
        }
    }

    @Test
    void shouldRunTheInputWellPastEveryStagedDeadline() {
        Instant lastEvent = lastEventOfInput();
        Duration margin = Duration.ofHours(2);
        for (Scenario scenario : scenarios(Scenario.Rule.STOP_OVER_90_MIN)) {
            Instant alertDue = longestStop(fixesOf(scenario.imei())).start().plus(Duration.ofMinutes(90));
            assertThat(lastEvent).as(scenario.tripId()).isAfter(alertDue.plus(margin));
        }
        for (Scenario.Rule rule : List.of(Scenario.Rule.SIGNAL_LOST, Scenario.Rule.SIGNAL_LOST_IN_IGNORE_ZONE)) {
            for (Scenario scenario : scenarios(rule)) {
                List<SealFix> trip = fixesOf(scenario.imei());
                Instant alertDue = trip.get(longestGapIndex(trip)).ts().plus(Duration.ofMinutes(15));
                assertThat(lastEvent).as(scenario.tripId()).isAfter(alertDue.plus(margin));
            }
        }
        // an idle seal, registered to no trip, keeps reporting until then
        assertThat(fixes).extracting(SealFix::imei).filteredOn(imei -> scenarioOrNull(imei) == null).isNotEmpty();
    }

    @Test
    void shouldAnnounceBatteryAndPowerEvents() {
        assertThat(sealEvents).extracting(SealEvent::type)
                .contains(SealEvent.Type.POWER_ON, SealEvent.Type.LOW_BATTERY, SealEvent.Type.POWER_OFF);
        for (SealEvent low : sealEvents.stream().filter(e -> e.type() == SealEvent.Type.LOW_BATTERY).toList()) {
            assertThat(fixesOf(low.imei())).filteredOn(f -> f.ts().equals(low.ts()))
                    .allSatisfy(f -> assertThat(f.battery()).isLessThan(20.0));
        }
    }

    /** The day's weak batteries fall on both sides of seal.lowBatteryHorizon, so both must be judged right. */
    @Test
    void shouldTellHowLongBeforeItsExpectedEndEachWeakSealReportedIt() {
        List<Scenario> weak = simulator.scenarios().stream()
                .filter(scenario -> scenario.weakBatteryBeforeExpectedEnd() != null).toList();

        assertThat(weak).isNotEmpty();
        for (Scenario scenario : weak) {
            SealEvent low = sealEvents.stream().filter(event -> event.imei().equals(scenario.imei())
                    && event.type() == SealEvent.Type.LOW_BATTERY).findFirst().orElseThrow();
            Instant expectedEnd = tripEvents.stream().filter(event -> event.imei().equals(scenario.imei())
                    && event.expectedEnd() != null && !event.ts().isAfter(low.ts()))
                    .reduce((earlier, later) -> later).orElseThrow().expectedEnd();
            assertThat(scenario.weakBatteryBeforeExpectedEnd()).as(scenario.tripId())
                    .isEqualTo(Duration.between(low.ts(), expectedEnd));
            assertThat(scenario.expectedAlerts().contains(AlertType.SEAL_LOW_BATTERY)).as(scenario.tripId())
                    .isEqualTo(scenario.weakBatteryBeforeExpectedEnd().compareTo(Duration.ofHours(2)) > 0);
        }
        assertThat(weak).extracting(Scenario::expectedAlerts)
                .anySatisfy(alerts -> assertThat(alerts).contains(AlertType.SEAL_LOW_BATTERY))
                .anySatisfy(alerts -> assertThat(alerts).doesNotContain(AlertType.SEAL_LOW_BATTERY));
    }

    @Test
    void shouldDrawIgnoreZonesAroundTheRoadsTheyCover() {
        ZoneIndex zones = IgnoreZones.index();
        assertThat(parseAll(Topic.IGNORE_ZONES)).extracting(IgnoreZone::op).containsOnly(IgnoreZone.Op.UPSERT);
        assertThat(Route.GIA_LAM_TO_HUU_NGHI.crossesIgnoreZone(zones)).isTrue();
        assertThat(Route.DINH_VU_TO_MONG_CAI.crossesIgnoreZone(zones)).isTrue();
        assertThat(Route.DINH_VU_TO_GIA_LAM.crossesIgnoreZone(zones)).isFalse();
    }

    // ---- helpers ----

    private static <T> List<T> parseAll(Topic<T> topic) {
        List<T> records = new ArrayList<>();
        for (String line : output.get(topic)) {
            try {
                records.add(topic.parse(line));
            } catch (Json.Rejected e) {
                throw new AssertionError(topic + ": " + e.getMessage() + " in " + line, e);
            }
        }
        return records;
    }

    private static List<TripEvent> ofType(TripEvent.Type type) {
        return tripEvents.stream().filter(e -> e.type() == type).toList();
    }

    private static List<Scenario> scenarios(Scenario.Rule rule) {
        List<Scenario> list = simulator.scenarios().stream().filter(s -> s.rule() == rule).toList();
        assertThat(list).as(rule.name()).isNotEmpty();
        return list;
    }

    private static Scenario scenarioOf(String imei) {
        Scenario scenario = scenarioOrNull(imei);
        assertThat(scenario).as(imei).isNotNull();
        return scenario;
    }

    private static Scenario scenarioOrNull(String imei) {
        return simulator.scenarios().stream().filter(s -> s.imei().equals(imei)).findFirst().orElse(null);
    }

    private static List<TripEvent> tripEventsOf(String tripId) {
        return tripEvents.stream().filter(e -> e.tripId().equals(tripId)).toList();
    }

    /** A seal's fixes once each, in time order. */
    private static List<SealFix> fixesOf(String imei) {
        return fixes.stream().filter(f -> f.imei().equals(imei)).distinct()
                .sorted(Comparator.comparing(SealFix::ts)).toList();
    }

    /** Each fix's distance from the route in force at its time (a change of destination replaces the route). */
    private static List<Double> distancesFromRoute(Scenario scenario) {
        List<TripEvent> routes = tripEventsOf(scenario.tripId()).stream().filter(e -> e.route() != null).toList();
        List<RouteIndex> indexes = routes.stream().map(e -> new RouteIndex(e.route().coordinates())).toList();
        List<Double> distances = new ArrayList<>();
        for (SealFix fix : fixesOf(scenario.imei())) {
            int inForce = 0;
            while (inForce + 1 < routes.size() && !fix.ts().isBefore(routes.get(inForce + 1).ts())) {
                inForce++;
            }
            distances.add(indexes.get(inForce).distanceMeters(fix.lat(), fix.lon()));
        }
        return distances;
    }

    private record Stop(Instant start, Duration duration) {}

    /** The longest run of fixes under 5 km/h within 100 m of where the run began. */
    private static Stop longestStop(List<SealFix> trip) {
        Stop longest = new Stop(null, Duration.ZERO);
        SealFix start = null;
        for (SealFix fix : trip) {
            boolean stopped = fix.speedKmh() < 5;
            if (stopped && start != null && Geo.distanceMeters(start.lat(), start.lon(), fix.lat(), fix.lon()) <= 100) {
                Duration run = Duration.between(start.ts(), fix.ts());
                longest = run.compareTo(longest.duration()) > 0 ? new Stop(start.ts(), run) : longest;
            } else {
                start = stopped ? fix : null;
            }
        }
        return longest;
    }

    private static int longestGapIndex(List<SealFix> trip) {
        int at = 0;
        for (int i = 1; i + 1 < trip.size(); i++) {
            if (Duration.between(trip.get(i).ts(), trip.get(i + 1).ts())
                    .compareTo(Duration.between(trip.get(at).ts(), trip.get(at + 1).ts())) > 0) {
                at = i;
            }
        }
        return at;
    }

    private static Instant lastEventOfInput() {
        return List.of(
                fixes.stream().map(SealFix::ts).max(Comparator.naturalOrder()).orElseThrow(),
                sealEvents.stream().map(SealEvent::ts).max(Comparator.naturalOrder()).orElseThrow(),
                tripEvents.stream().map(TripEvent::ts).max(Comparator.naturalOrder()).orElseThrow())
                .stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    private static void assertSortedByTs(List<Instant> times) {
        assertThat(times).isSortedAccordingTo(Comparator.naturalOrder());
    }
}
