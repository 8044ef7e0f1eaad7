package vn.customs.cargowatch.ops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.gate.GateRules;
import vn.customs.cargowatch.model.ContainerNumber;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.ops.simulator.GateScenario.Problem;

/** The ICD gate cameras and declarations of the simulated day (1572/QĐ-TCHQ). */
class GateTrafficTest {

    private static final Instant DAY_START = Instant.parse("2026-11-21T17:00:00Z"); // 22 Nov 2026, 00:00 in Vietnam
    private static final long SEED = 20261122L;
    /** The gate matching's default {@code gate.cameraSilence} and {@code gate.declarationWait}. */
    private static final Duration CAMERA_SILENCE = Duration.ofMinutes(30);
    private static final Duration DECLARATION_WAIT = Duration.ofMinutes(2);

    private static SealTrafficSimulator simulator;
    private static Map<Topic<?>, List<String>> output;
    private static List<Recognition> recognitions;
    private static List<Declaration> declarations;
    private static List<TripEvent> tripEvents;
    private static Map<String, GateScenario> scenarioOf;

    @BeforeAll
    static void simulateOneDay() {
        simulator = new SealTrafficSimulator(SEED, SealTrafficSimulator.DEFAULT_TRIPS, DAY_START);
        output = simulator.generate();
        recognitions = parseAll(Topic.CAMERA_RECOGNITIONS);
        declarations = parseAll(Topic.CUSTOMS_DECLARATIONS);
        tripEvents = parseAll(Topic.SEAL_TRIPS);
        scenarioOf = new LinkedHashMap<>();
        simulator.gateScenarios().forEach(scenario -> scenarioOf.put(scenario.eventId(), scenario));
    }

    // ---- the contract ----

    @Test
    void shouldWriteOneScenarioPerRecognitionUnderUniqueEventIds() {
        assertThat(recognitions).extracting(Recognition::eventId).doesNotHaveDuplicates();
        assertThat(simulator.gateScenarios()).extracting(GateScenario::eventId)
                .containsExactlyElementsOf(recognitions.stream().map(Recognition::eventId).toList());
        for (Recognition recognition : recognitions) {
            assertThat(recognition.eventId()).startsWith(recognition.icdCode() + "-").matches(".*-\\d{14}-\\d+");
            assertThat(recognition.gateId()).matches(recognition.icdCode() + "-G[12]");
            assertThat(recognition.cameraId()).matches(recognition.gateId() + "-CAM[12]");
            assertThat(recognition.imageUri()).isEqualTo("camera.images/" + recognition.eventId() + ".jpg");
            assertThat(recognition.confidence()).isBetween(0.80, 0.99);
            if (recognition.plate() != null) {
                assertThat(recognition.plate()).matches("(29|30|15|16|14|12)[CH]-\\d{3}\\.\\d{2}");
            }
        }
        Set<String> icds = GateTraffic.icds().stream().map(site -> site.icdCode).collect(Collectors.toSet());
        assertThat(recognitions).extracting(Recognition::icdCode).containsOnlyElementsOf(icds);
        assertThat(declarations).extracting(Declaration::icdCode).containsOnlyElementsOf(icds);
    }

    @Test
    void shouldKeepRecognitionsAndDeclarationsInTimeOrder() {
        assertThat(recognitions).extracting(Recognition::ts).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(declarations).extracting(Declaration::ts).isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void shouldIssueValidContainerNumbersUniqueAcrossTheDay() {
        Set<String> sealed = tripEvents.stream().filter(e -> e.type() == TripEvent.Type.REGISTERED)
                .map(TripEvent::containerNo).collect(Collectors.toSet());
        Map<String, Set<Direction>> seen = new HashMap<>();
        for (GateScenario scenario : simulator.gateScenarios()) {
            for (String containerNo : containersOf(scenario)) {
                assertThat(ContainerNumber.isValid(containerNo)).as(containerNo).isTrue();
                assertThat(seen.computeIfAbsent(containerNo, c -> new HashSet<>()).add(scenario.direction()))
                        .as(containerNo + " passes " + scenario.direction() + " once").isTrue();
                assertThat(sealed.contains(containerNo)).as(containerNo + " is a sealed trip's container")
                        .isEqualTo(scenario.problem() == Problem.SEALED_TRIP_ARRIVAL);
            }
        }
        assertThat(declarations).flatExtracting(Declaration::containers)
                .allSatisfy(containerNo -> assertThat(ContainerNumber.isValid(containerNo)).as(containerNo).isTrue());
        Map<String, String> declarationOfContainer = new HashMap<>();
        for (Declaration declaration : declarations) {
            for (String containerNo : declaration.containers()) {
                assertThat(declarationOfContainer.putIfAbsent(containerNo, declaration.declarationNo()))
                        .as(containerNo + " is on one declaration").isIn(null, declaration.declarationNo());
            }
        }
    }

    // ---- the problems ----

    @Test
    void shouldStageEveryProblemAtLeastTwiceWithMostTrucksClean() {
        Map<Problem, Long> byProblem = simulator.gateScenarios().stream().collect(Collectors.groupingBy(
                GateScenario::problem, () -> new EnumMap<>(Problem.class), Collectors.counting()));

        for (Problem problem : Problem.values()) {
            assertThat(byProblem.get(problem)).as(problem.name()).isGreaterThanOrEqualTo(2);
        }
        assertThat(byProblem.get(Problem.NONE)).isGreaterThan(recognitions.size() * 3L / 4);
        assertThat(simulator.gateScenarios()).filteredOn(s -> s.containerNo2() != null).hasSizeGreaterThan(10)
                .allSatisfy(s -> assertThat(s.problem()).isEqualTo(Problem.NONE));
        assertThat(simulator.silentCameras()).hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldMisreadOneCharacterThatTheCheckDigitCorrects() {
        List<GateScenario> misreads = simulator.gateScenarios().stream()
                .filter(s -> s.problem() == Problem.MISREAD).toList();

        assertThat(misreads).extracting(GateScenario::direction).contains(Direction.IN, Direction.OUT);
        for (GateScenario misread : misreads) {
            String read = misread.containerNoRead();
            assertThat(recognition(misread).containerNo()).isEqualTo(read);
            assertThat(ContainerNumber.isValid(read)).as(read).isFalse();
            assertThat(ContainerNumber.correct(read, candidate -> false)).as(read).isEqualTo(misread.containerNo());
            int differing = 0;
            for (int i = 0; i < read.length(); i++) {
                if (read.charAt(i) != misread.containerNo().charAt(i)) {
                    differing++;
                    assertThat(ContainerNumber.CAMERA_CONFUSIONS.get(misread.containerNo().charAt(i)))
                            .isEqualTo(read.charAt(i));
                }
            }
            assertThat(differing).isEqualTo(1);
        }
        assertThat(simulator.gateScenarios()).filteredOn(s -> s.problem() != Problem.MISREAD)
                .allSatisfy(s -> assertThat(s.containerNoRead()).isNull());
    }

    @Test
    void shouldLeaveOutOnlyWhatTheIncompleteRecognitionsMiss() {
        for (GateScenario scenario : simulator.gateScenarios()) {
            Recognition recognition = recognition(scenario);
            boolean incomplete = recognition.plate() == null || recognition.containerNo() == null;
            assertThat(incomplete).as(scenario.eventId()).isEqualTo(scenario.problem() == Problem.INCOMPLETE);
            assertThat(recognition.carriesEmpty()).as(scenario.eventId()).isEqualTo(scenario.problem() == Problem.EMPTY);
        }
    }

    @Test
    void shouldRegisterLateDeclarationsHalfAMinuteToNinetySecondsAfterTheTruck() {
        for (GateScenario late : simulator.gateScenarios().stream()
                .filter(s -> s.problem() == Problem.LATE_DECLARATION).toList()) {
            Declaration declaration = declarationsListing(late.containerNo()).get(0);
            assertThat(Duration.between(late.ts(), declaration.ts()))
                    .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(90));
        }
    }

    /** Replays each ICD's gates as the gate matching does: a recognition is judged by the documents as of its time. */
    @Test
    void shouldGiveEachRecognitionTheResultAndBarrierItWasStagedFor() {
        for (Recognition recognition : recognitions) {
            GateScenario scenario = scenarioOf.get(recognition.eventId());
            GateRules.Decision decision =
                    GateRules.decide(recognition, declarationsAsOf(recognition, recognition.ts()));
            if (decision.waitsForDeclaration()) {
                decision = GateRules.decide(recognition,
                        declarationsAsOf(recognition, recognition.ts().plus(DECLARATION_WAIT)));
            }
            GateMatch first = decision.matches().get(0);
            assertThat(first.result()).as(scenario.toString()).isEqualTo(scenario.expectedResult());
            assertThat(first.barrier()).as(scenario.toString()).isEqualTo(scenario.expectedBarrier());
            if (scenario.containerNo() != null && recognition.containerNo() != null) {
                assertThat(first.containerNo()).isEqualTo(scenario.containerNo());
            }
            assertThat(first.containerNoRead()).isEqualTo(scenario.containerNoRead());
            if (scenario.containerNo2() != null) {
                assertThat(decision.matches().get(1).result()).isEqualTo(GateMatch.Result.MATCHED);
            }
        }
    }

    // ---- sealed trips ----

    @Test
    void shouldSeeSealedTripsEnterTheirDestinationIcdBeforeTheirArrivalIsConfirmed() {
        int arrivals = 0;
        for (Scenario trip : simulator.scenarios()) {
            List<TripEvent> lifecycle = tripEvents.stream().filter(e -> e.tripId().equals(trip.tripId())).toList();
            TripEvent registration = lifecycle.get(0);
            String icdCode = lifecycle.stream().filter(e -> e.destination() != null).reduce((a, b) -> b).orElseThrow()
                    .destination().icdCode();
            TripEvent arrived = lifecycle.stream().filter(e -> e.type() == TripEvent.Type.ARRIVED).findFirst()
                    .orElse(null);
            List<GateScenario> seen = simulator.gateScenarios().stream()
                    .filter(s -> s.containerNo().equals(trip.containerNo())).toList();
            if (icdCode == null || arrived == null) {
                assertThat(seen).as(trip.tripId()).isEmpty();
                continue;
            }
            arrivals++;
            assertThat(seen).as(trip.tripId()).singleElement().satisfies(in -> {
                assertThat(in.problem()).isEqualTo(Problem.SEALED_TRIP_ARRIVAL);
                assertThat(in.direction()).isEqualTo(Direction.IN);
                assertThat(in.icdCode()).isEqualTo(icdCode);
                assertThat(in.ts()).isBefore(arrived.ts()).isAfter(arrived.ts().minus(Duration.ofMinutes(10)));
                assertThat(recognition(in).plate()).isEqualTo(registration.truckPlate());
                assertThat(declarationsListing(trip.containerNo())).singleElement().satisfies(declaration -> {
                    assertThat(declaration.icdCode()).isEqualTo(icdCode);
                    assertThat(declaration.declarationNo()).isEqualTo(registration.declarationNo());
                    assertThat(declaration.kind()).isIn(Declaration.Kind.IMPORT, Declaration.Kind.TRANSIT);
                    assertThat(declaration.status()).isEqualTo(Declaration.Status.REGISTERED);
                    assertThat(declaration.plates()).containsExactly(registration.truckPlate());
                    assertThat(declaration.ts()).isBefore(in.ts());
                });
            });
        }
        assertThat(arrivals).isEqualTo(simulator.gateScenarios().stream()
                .filter(s -> s.problem() == Problem.SEALED_TRIP_ARRIVAL).count());
        assertThat(simulator.scenarios()).filteredOn(s -> s.rule() == Scenario.Rule.CONTAINER_NOT_ARRIVED)
                .allSatisfy(trip -> assertThat(simulator.gateScenarios())
                        .noneMatch(s -> s.containerNo().equals(trip.containerNo())));
    }

    // ---- the yard ----

    @Test
    void shouldExpectInMinusOutInTheYard() {
        Map<String, Set<String>> yard = new TreeMap<>();
        GateTraffic.icds().forEach(site -> yard.put(site.icdCode, new TreeSet<>()));
        for (Recognition recognition : recognitions) {
            for (String read : new String[] {recognition.containerNo(), recognition.containerNo2()}) {
                String containerNo = ContainerNumber.correct(read, candidate -> false);
                if (containerNo == null) {
                    continue;
                }
                if (recognition.direction() == Direction.IN) {
                    yard.get(recognition.icdCode()).add(containerNo);
                } else {
                    yard.get(recognition.icdCode()).remove(containerNo);
                }
            }
        }

        assertThat(simulator.expectedYard()).isEqualTo(yard);
        assertThat(yard.values()).allSatisfy(containers -> assertThat(containers).hasSizeGreaterThan(5));
    }

    // ---- the cameras ----

    @Test
    void shouldKeepEveryCameraSendingExceptTheSilentOnesForAboutTwoHours() {
        Instant lastEvent = lastEventOfInput();
        Map<String, SilentCamera> silent = simulator.silentCameras().stream()
                .collect(Collectors.toMap(SilentCamera::cameraId, Function.identity()));
        Map<String, List<Recognition>> byCamera = recognitions.stream()
                .collect(Collectors.groupingBy(Recognition::cameraId, TreeMap::new, Collectors.toList()));

        assertThat(byCamera.keySet()).containsAll(silent.keySet());
        for (Map.Entry<String, List<Recognition>> camera : byCamera.entrySet()) {
            List<Recognition> seen = camera.getValue();
            List<List<Instant>> silences = new ArrayList<>();
            for (int i = 0; i + 1 < seen.size(); i++) {
                Duration gap = Duration.between(seen.get(i).ts(), seen.get(i + 1).ts());
                if (gap.compareTo(CAMERA_SILENCE.minusMinutes(2)) >= 0) {
                    silences.add(List.of(seen.get(i).ts(), seen.get(i + 1).ts()));
                }
            }
            SilentCamera staged = silent.get(camera.getKey());
            assertThat(silences).as(camera.getKey()).isEqualTo(
                    staged == null ? List.of() : List.of(List.of(staged.lastSeen(), staged.resumedAt())));
            assertThat(seen.get(seen.size() - 1).ts().plus(CAMERA_SILENCE)).as(camera.getKey()).isAfter(lastEvent);
        }
        for (SilentCamera camera : simulator.silentCameras()) {
            assertThat(camera.silence()).isBetween(Duration.ofMinutes(100), Duration.ofMinutes(140));
            assertThat(camera.lastSeen().plus(CAMERA_SILENCE).plus(Duration.ofHours(2))).isBefore(lastEvent);
            assertThat(camera.resumedAt()).isBefore(lastEvent);
            assertThat(recognitions).as("the rest of " + camera.icdCode() + " keeps working")
                    .filteredOn(r -> r.icdCode().equals(camera.icdCode()) && !r.cameraId().equals(camera.cameraId()))
                    .filteredOn(r -> r.ts().isAfter(camera.lastSeen()) && r.ts().isBefore(camera.resumedAt()))
                    .hasSizeGreaterThan(3);
        }
    }

    @Test
    void shouldGiveIdenticalGateTrafficForTheSameSeed() {
        SealTrafficSimulator again = new SealTrafficSimulator(SEED, SealTrafficSimulator.DEFAULT_TRIPS, DAY_START);

        assertThat(again.generate().get(Topic.CAMERA_RECOGNITIONS)).isEqualTo(output.get(Topic.CAMERA_RECOGNITIONS));
        assertThat(again.generate().get(Topic.CUSTOMS_DECLARATIONS)).isEqualTo(output.get(Topic.CUSTOMS_DECLARATIONS));
        assertThat(again.gateScenarios()).isEqualTo(simulator.gateScenarios());
        assertThat(again.expectedYard()).isEqualTo(simulator.expectedYard());
    }

    @Test
    void shouldStageTheGatesEvenWithoutTrips() {
        SealTrafficSimulator none = new SealTrafficSimulator(SEED, 0, DAY_START);

        assertThat(none.gateScenarios()).extracting(GateScenario::problem)
                .doesNotContain(Problem.SEALED_TRIP_ARRIVAL).contains(Problem.RISK_CONTAINER, Problem.MISREAD);
        assertThat(none.silentCameras()).isNotEmpty();
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
        assertThat(records).as(topic.name()).isNotEmpty();
        return records;
    }

    private static Recognition recognition(GateScenario scenario) {
        return recognitions.stream().filter(r -> r.eventId().equals(scenario.eventId())).findFirst().orElseThrow();
    }

    private static List<String> containersOf(GateScenario scenario) {
        return scenario.containerNo2() == null ? List.of(scenario.containerNo())
                : List.of(scenario.containerNo(), scenario.containerNo2());
    }

    private static List<Declaration> declarationsListing(String containerNo) {
        return declarations.stream().filter(d -> d.containers().contains(containerNo)).toList();
    }

    /** The latest version, as of {@code asOf}, of the declaration at the recognition's ICD listing a container. */
    private static Function<String, Declaration> declarationsAsOf(Recognition recognition, Instant asOf) {
        Map<String, Declaration> latest = new HashMap<>();
        for (Declaration declaration : declarations) {
            if (declaration.icdCode().equals(recognition.icdCode()) && !declaration.ts().isAfter(asOf)) {
                latest.put(declaration.declarationNo(), declaration);
            }
        }
        Map<String, Declaration> byContainer = new HashMap<>();
        latest.values().forEach(d -> d.containers().forEach(c -> byContainer.put(c, d)));
        return byContainer::get;
    }

    private static Instant lastEventOfInput() {
        return output.entrySet().stream().flatMap(topic -> topic.getValue().stream())
                .mapToLong(Json::eventTimeOf).filter(ts -> ts != Long.MIN_VALUE).mapToObj(Instant::ofEpochMilli)
                .max(Comparator.naturalOrder()).orElseThrow();
    }
}
