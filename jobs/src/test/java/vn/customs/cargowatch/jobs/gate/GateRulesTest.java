package vn.customs.cargowatch.jobs.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.gate.GateFixtures.*;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.Declaration.Risk;
import vn.customs.cargowatch.model.Declaration.Status;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.GateMatch.Barrier;
import vn.customs.cargowatch.model.GateMatch.Result;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;

class GateRulesTest {

    private static GateRules.Decision decide(Recognition truck, Declaration... known) {
        Map<String, Declaration> byContainer = new java.util.HashMap<>();
        for (Declaration declaration : known) {
            declaration.containers().forEach(container -> byContainer.put(container, declaration));
        }
        return GateRules.decide(truck, byContainer::get);
    }

    private static GateMatch only(GateRules.Decision decision) {
        assertThat(decision.matches()).hasSize(1);
        return decision.matches().get(0);
    }

    private static List<AlertType> alerts(GateRules.Decision decision) {
        return decision.findings().stream().map(GateRules.Finding::type).toList();
    }

    private static final Declaration REGISTERED = declaration("104000000001", Status.REGISTERED, Risk.GREEN, BEGINNING, CONTAINER);
    private static final Declaration CLEARED = declaration("104000000001", Status.CLEARED, Risk.GREEN, BEGINNING, CONTAINER);

    // ---- IN ----

    @Test
    void shouldMatchAnIncomingTruckListedOnADeclarationAndOpen() {
        GateMatch match = only(decide(truck("e1", Direction.IN, minutes(1), CONTAINER, PLATE), REGISTERED));

        assertThat(match.result()).isEqualTo(Result.MATCHED);
        assertThat(match.barrier()).isEqualTo(Barrier.OPEN);
        assertThat(match.declarationNo()).isEqualTo("104000000001");
        assertThat(match.containerNoRead()).isNull();
    }

    @Test
    void shouldCompareNormalisedPlates() {
        for (String plate : List.of("29C-123.45", "29C12345", "29c 123 45")) {
            assertThat(only(decide(truck("e", Direction.IN, minutes(1), CONTAINER, plate), REGISTERED)).result())
                    .as(plate).isEqualTo(Result.MATCHED);
        }
    }

    @Test
    void shouldFlagAPlateNotOnTheDeclarationAndHoldTheBarrier() {
        GateRules.Decision decision = decide(truck("e1", Direction.IN, minutes(1), CONTAINER, "29C-999.99"), REGISTERED);

        assertThat(only(decision).result()).isEqualTo(Result.PLATE_MISMATCH);
        assertThat(only(decision).barrier()).isEqualTo(Barrier.HOLD);
        assertThat(alerts(decision)).containsExactly(AlertType.PLATE_MISMATCH);
    }

    @Test
    void shouldAcceptAnyPlateWhenTheDeclarationNamesNone() {
        Declaration noPlates = withoutPlates("304000000002", Status.REGISTERED, BEGINNING, CONTAINER);

        assertThat(only(decide(truck("e1", Direction.IN, minutes(1), CONTAINER, "14C-000.01"), noPlates)).result())
                .isEqualTo(Result.MATCHED);
    }

    @Test
    void shouldSayNoDeclarationForAnIncomingContainerWithoutOneAndStillOpen() {
        GateRules.Decision decision = decide(truck("e1", Direction.IN, minutes(1), CONTAINER, PLATE));

        assertThat(only(decision).result()).isEqualTo(Result.NO_DECLARATION);
        assertThat(only(decision).barrier()).isEqualTo(Barrier.OPEN);
        assertThat(decision.waitsForDeclaration()).isTrue();
        assertThat(alerts(decision)).as("NO_DECLARATION alerts are for exits").isEmpty();
    }

    @Test
    void shouldWarnOfARiskContainerEnteringAndLetItIn() {
        for (Risk risk : List.of(Risk.RED, Risk.WATCH)) {
            Declaration risky = declaration("104000000003", Status.REGISTERED, risk, BEGINNING, CONTAINER);
            GateRules.Decision decision = decide(truck("e1", Direction.IN, minutes(1), CONTAINER, PLATE), risky);

            assertThat(only(decision).result()).as(risk.name()).isEqualTo(Result.RISK_CONTAINER);
            assertThat(only(decision).barrier()).isEqualTo(Barrier.OPEN);
            assertThat(alerts(decision)).containsExactly(AlertType.RISK_CONTAINER);
        }
        Declaration yellow = declaration("104000000003", Status.REGISTERED, Risk.YELLOW, BEGINNING, CONTAINER);
        assertThat(only(decide(truck("e1", Direction.IN, minutes(1), CONTAINER, PLATE), yellow)).result())
                .isEqualTo(Result.MATCHED);
    }

    @Test
    void shouldCallARecognitionWithoutPlateOrContainerIncompleteAndHold() {
        for (Recognition truck : List.of(truck("e1", Direction.IN, minutes(1), CONTAINER, null),
                truck("e2", Direction.IN, minutes(1), null, PLATE))) {
            GateRules.Decision decision = decide(truck, REGISTERED);
            assertThat(only(decision).result()).isEqualTo(Result.INCOMPLETE);
            assertThat(only(decision).barrier()).isEqualTo(Barrier.HOLD);
            assertThat(alerts(decision)).containsExactly(AlertType.INCOMPLETE_RECOGNITION);
        }
    }

    @Test
    void shouldLetAnEmptyContainerThroughForDoorInspection() {
        GateMatch match = only(decide(empty("e1", Direction.IN, minutes(1), CONTAINER_2)));

        assertThat(match.result()).isEqualTo(Result.EMPTY);
        assertThat(match.barrier()).isEqualTo(Barrier.OPEN);
        assertThat(match.reasons()).anySatisfy(reason -> assertThat(reason).contains("door"));
    }

    @Test
    void shouldCorrectAMisreadAndKeepWhatTheCameraRead() {
        GateRules.Decision decision = decide(truck("e1", Direction.IN, minutes(1), "CSQU3O54383", PLATE), REGISTERED);

        assertThat(only(decision).containerNo()).isEqualTo(CONTAINER);
        assertThat(only(decision).containerNoRead()).isEqualTo("CSQU3O54383");
        assertThat(only(decision).result()).isEqualTo(Result.MATCHED);
        assertThat(decision.corrected()).hasSize(1);
    }

    @Test
    void shouldNotCountACaseOrSpacingDifferenceAsACorrection() {
        GateRules.Decision decision = decide(truck("e1", Direction.IN, minutes(1), "csqu 305438 3", PLATE), REGISTERED);

        assertThat(only(decision).containerNo()).isEqualTo(CONTAINER);
        assertThat(decision.corrected()).isEmpty();
    }

    @Test
    void shouldCallAnUncorrectableReadIncomplete() {
        GateRules.Decision decision = decide(truck("e1", Direction.IN, minutes(1), "CSQU3054384", PLATE), REGISTERED);

        assertThat(only(decision).result()).isEqualTo(Result.INCOMPLETE);
        assertThat(only(decision).containerNo()).isNull();
        assertThat(only(decision).containerNoRead()).isEqualTo("CSQU3054384");
    }

    // ---- OUT ----

    @Test
    void shouldOpenTheBarrierOnlyForAClearedOrReleasedDeclaration() {
        Declaration released = declaration("104000000001", Status.RELEASED, Risk.GREEN, BEGINNING, CONTAINER);
        for (Declaration exitAllowed : List.of(CLEARED, released)) {
            GateMatch match = only(decide(truck("e1", Direction.OUT, minutes(1), CONTAINER, PLATE), exitAllowed));
            assertThat(match.result()).isEqualTo(Result.MATCHED);
            assertThat(match.barrier()).isEqualTo(Barrier.OPEN);
        }
    }

    @Test
    void shouldHoldAnUnclearedExitAndAlert() {
        GateRules.Decision decision = decide(truck("e1", Direction.OUT, minutes(1), CONTAINER, PLATE), REGISTERED);

        assertThat(only(decision).result()).isEqualTo(Result.NOT_CLEARED);
        assertThat(only(decision).barrier()).isEqualTo(Barrier.HOLD);
        assertThat(alerts(decision)).containsExactly(AlertType.UNCLEARED_EXIT);
    }

    @Test
    void shouldHoldAnExitWithoutDeclarationAndAlertAtOnce() {
        GateRules.Decision decision = decide(truck("e1", Direction.OUT, minutes(1), CONTAINER, PLATE));

        assertThat(only(decision).result()).isEqualTo(Result.NO_DECLARATION);
        assertThat(only(decision).barrier()).isEqualTo(Barrier.HOLD);
        assertThat(decision.waitsForDeclaration()).as("exits are decided at once").isFalse();
        assertThat(alerts(decision)).containsExactly(AlertType.NO_DECLARATION);
    }

    @Test
    void shouldHoldARiskContainerLeavingEvenWhenCleared() {
        Declaration risky = declaration("104000000001", Status.CLEARED, Risk.RED, BEGINNING, CONTAINER);
        GateRules.Decision decision = decide(truck("e1", Direction.OUT, minutes(1), CONTAINER, PLATE), risky);

        assertThat(only(decision).result()).isEqualTo(Result.RISK_CONTAINER);
        assertThat(only(decision).barrier()).isEqualTo(Barrier.HOLD);
    }

    @Test
    void shouldReportEveryFindingOfAnUnclearedRiskyExitWithTheWorstAsResult() {
        Declaration risky = declaration("104000000001", Status.REGISTERED, Risk.WATCH, BEGINNING, CONTAINER);
        GateRules.Decision decision = decide(truck("e1", Direction.OUT, minutes(1), CONTAINER, "15C-000.00"), risky);

        assertThat(only(decision).result()).isEqualTo(Result.NOT_CLEARED);
        assertThat(alerts(decision)).containsExactly(AlertType.UNCLEARED_EXIT, AlertType.PLATE_MISMATCH,
                AlertType.RISK_CONTAINER);
        assertThat(only(decision).reasons()).hasSize(3);
    }

    // ---- two containers on one truck ----

    @Test
    void shouldMatchATwoContainerTruckContainerByContainerAndOpenOnlyWhenBothMatch() {
        Declaration both = declaration("104000000009", Status.CLEARED, Risk.GREEN, BEGINNING, CONTAINER, CONTAINER_2);
        Declaration firstOnly = declaration("104000000009", Status.CLEARED, Risk.GREEN, BEGINNING, CONTAINER);

        GateRules.Decision bothListed =
                decide(twoContainers("e1", Direction.OUT, minutes(1), CONTAINER, CONTAINER_2), both);
        GateRules.Decision oneListed =
                decide(twoContainers("e2", Direction.OUT, minutes(1), CONTAINER, CONTAINER_2), firstOnly);

        assertThat(bothListed.matches()).extracting(GateMatch::eventId, GateMatch::result, GateMatch::barrier)
                .containsExactly(org.assertj.core.api.Assertions.tuple("e1", Result.MATCHED, Barrier.OPEN),
                        org.assertj.core.api.Assertions.tuple("e1/2", Result.MATCHED, Barrier.OPEN));
        assertThat(oneListed.matches()).extracting(GateMatch::result, GateMatch::barrier)
                .containsExactly(org.assertj.core.api.Assertions.tuple(Result.MATCHED, Barrier.HOLD),
                        org.assertj.core.api.Assertions.tuple(Result.NO_DECLARATION, Barrier.HOLD));
    }

    @Test
    void shouldNameTheCameraOnEveryContainersDecisionButNotOnAReadByHand() {
        Recognition camera = twoContainers("e1", Direction.IN, minutes(1), CONTAINER, CONTAINER_2);
        Recognition byHand = new Recognition("e2", ICD, GATE, "L1", "HAND", Direction.IN, minutes(2), CONTAINER,
                null, PLATE, null, null, null, "Nguyễn Văn An", "01IK", null);

        assertThat(decide(camera, CLEARED).matches()).extracting(GateMatch::eventId, GateMatch::cameraId)
                .containsExactly(org.assertj.core.api.Assertions.tuple("e1", CAMERA),
                        org.assertj.core.api.Assertions.tuple("e1/2", CAMERA));
        assertThat(only(decide(byHand, CLEARED)).cameraId()).as("no camera read it (1572 §I.3.4)").isNull();
    }

    // ---- shifts ----

    @Test
    void shouldDueAReviewByTheEndOfTheShiftInVietnamTime() {
        List<LocalTime> changes = List.of(LocalTime.of(6, 0), LocalTime.of(18, 0));

        assertThat(GateRules.shiftEnd(Instant.parse("2026-11-22T03:00:00Z"), changes)) // 10:00 in Hà Nội
                .isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
        assertThat(GateRules.shiftEnd(Instant.parse("2026-11-22T16:00:00Z"), changes)) // 23:00
                .isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
        assertThat(GateRules.shiftEnd(Instant.parse("2026-11-22T11:00:00Z"), changes)) // 18:00 sharp: next shift
                .isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
    }

    @Test
    void shouldStartAShiftAtTheLastShiftChangeAtOrBeforeTheTime() {
        List<LocalTime> changes = List.of(LocalTime.of(6, 0), LocalTime.of(18, 0));

        assertThat(GateRules.shiftStart(Instant.parse("2026-11-22T03:00:00Z"), changes)) // 10:00: since 06:00
                .isEqualTo(Instant.parse("2026-11-21T23:00:00Z"));
        assertThat(GateRules.shiftStart(Instant.parse("2026-11-21T20:00:00Z"), changes)) // 03:00: since 18:00 before
                .isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
        assertThat(GateRules.shiftStart(Instant.parse("2026-11-22T11:00:00Z"), changes)) // 18:00 sharp: opens one
                .isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
    }
}
