package vn.customs.cargowatch.jobs.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.gate.GateFixtures.*;

import java.time.Instant;
import java.util.List;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Declaration.Risk;
import vn.customs.cargowatch.model.Declaration.Status;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.GateMatch.Result;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.YardEntry;

class GateMatcherTest {

    private GateStages harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new GateStages(GateSettings.defaults(), null);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void feed(Object... inputs) throws Exception {
        harness.feed(inputs);
    }

    private void watermark(Instant at) throws Exception {
        harness.processWatermark(at.toEpochMilli());
    }

    private List<GateMatch> matches() {
        return harness.matches();
    }

    private <T> List<T> side(OutputTag<T> tag) {
        return harness.side(tag);
    }

    @Test
    void shouldMatchATruckWhoseDeclarationArrivesWithinTheWait() throws Exception {
        feed(truck("in-1", Direction.IN, minutes(0), CONTAINER, PLATE),
                declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(1.5), CONTAINER));
        watermark(minutes(1));
        assertThat(matches()).as("still waiting for documents").isEmpty();

        watermark(minutes(10));
        assertThat(matches()).singleElement().extracting(GateMatch::result).isEqualTo(Result.MATCHED);
    }

    @Test
    void shouldSayNoDeclarationWhenTheDeclarationComesAfterTheWait() throws Exception {
        feed(truck("in-1", Direction.IN, minutes(0), CONTAINER, PLATE),
                declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(2.5), CONTAINER));
        watermark(minutes(10));

        assertThat(matches()).singleElement().extracting(GateMatch::result).isEqualTo(Result.NO_DECLARATION);
    }

    @Test
    void shouldJudgeAnExitByTheDeclarationAsOfItsTimeWhateverOrderTheyArriveIn() throws Exception {
        feed(declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(0), CONTAINER),
                declaration("D1", Status.CLEARED, Risk.GREEN, minutes(20), CONTAINER),
                truck("out-early", Direction.OUT, minutes(10), CONTAINER, PLATE),
                truck("out-later", Direction.OUT, minutes(30), CONTAINER, PLATE));
        watermark(minutes(40));

        assertThat(matches()).extracting(GateMatch::eventId, GateMatch::result).containsExactly(
                org.assertj.core.api.Assertions.tuple("out-early", Result.NOT_CLEARED),
                org.assertj.core.api.Assertions.tuple("out-later", Result.MATCHED));
        assertThat(side(GateMatcher.ALERTS)).extracting(Alert::type).containsExactly(AlertType.UNCLEARED_EXIT);
    }

    /** 1572 §II.1.4: the officer prints the camera's photo with the on-site record. */
    @Test
    void shouldCarryTheRecognitionsImageOnItsAlertsAndNoneWhenItHasNone() throws Exception {
        Recognition pictured = truck("out-1", Direction.OUT, minutes(10), CONTAINER, PLATE);
        feed(new Recognition(pictured.eventId(), pictured.icdCode(), pictured.gateId(), pictured.lane(),
                        pictured.cameraId(), pictured.direction(), pictured.ts(), pictured.containerNo(), null,
                        pictured.plate(), pictured.confidence(), null, "camera.images/out-1.jpg"),
                truck("out-2", Direction.OUT, minutes(12), CONTAINER_2, PLATE));
        watermark(minutes(20));

        assertThat(side(GateMatcher.ALERTS)).extracting(Alert::type, alert -> alert.details().imageUri())
                .containsExactlyInAnyOrder(
                        org.assertj.core.api.Assertions.tuple(AlertType.NO_DECLARATION, "camera.images/out-1.jpg"),
                        org.assertj.core.api.Assertions.tuple(AlertType.NO_DECLARATION, null));
    }

    @Test
    void shouldTreatACancelledDeclarationAsNone() throws Exception {
        feed(declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(0), CONTAINER),
                declaration("D1", Status.CANCELLED, Risk.GREEN, minutes(5), CONTAINER),
                truck("out-1", Direction.OUT, minutes(10), CONTAINER, PLATE));
        watermark(minutes(20));

        assertThat(matches()).singleElement().extracting(GateMatch::result).isEqualTo(Result.NO_DECLARATION);
    }

    @Test
    void shouldKeepTheYardAsContainersInMinusOut() throws Exception {
        feed(declaration("D1", Status.CLEARED, Risk.GREEN, minutes(0), CONTAINER, CONTAINER_2),
                truck("in-1", Direction.IN, minutes(1), CONTAINER, PLATE),
                truck("in-2", Direction.IN, minutes(2), CONTAINER_2, PLATE),
                truck("out-1", Direction.OUT, minutes(30), CONTAINER, PLATE));
        watermark(minutes(40));

        assertThat(side(GateMatcher.YARD)).extracting(YardEntry::containerNo, YardEntry::op).containsExactly(
                org.assertj.core.api.Assertions.tuple(CONTAINER, YardEntry.Op.UPSERT),
                org.assertj.core.api.Assertions.tuple(CONTAINER_2, YardEntry.Op.UPSERT),
                org.assertj.core.api.Assertions.tuple(CONTAINER, YardEntry.Op.REMOVE));
        assertThat(side(GateMatcher.YARD).get(2).inSince()).isEqualTo(minutes(1));
    }

    @Test
    void shouldReportTheArrivalOfASealedTripAtItsDestinationIcdOnce() throws Exception {
        feed(new TripDestination("HP-GL-0001", "356938035643809", CONTAINER, ICD, true, minutes(0)),
                truck("in-1", Direction.IN, minutes(90), CONTAINER, PLATE),
                truck("in-again", Direction.IN, minutes(95), CONTAINER, PLATE));
        watermark(minutes(100));

        assertThat(side(GateMatcher.ARRIVALS)).singleElement().satisfies(arrival -> {
            assertThat(arrival.tripId()).isEqualTo("HP-GL-0001");
            assertThat(arrival.type()).isEqualTo(TripEvent.Type.ARRIVED);
            assertThat(arrival.ts()).isEqualTo(minutes(90));
        });
    }

    @Test
    void shouldNotReportArrivalForATripNoLongerHeadedHere() throws Exception {
        feed(new TripDestination("HP-GL-0001", "356938035643809", CONTAINER, ICD, true, minutes(0)),
                new TripDestination("HP-GL-0001", "356938035643809", CONTAINER, ICD, false, minutes(30)),
                truck("in-1", Direction.IN, minutes(90), CONTAINER, PLATE));
        watermark(minutes(100));

        assertThat(side(GateMatcher.ARRIVALS)).isEmpty();
    }

    @Test
    void shouldRaiseCameraSilentAfterThirtyOneMinutesNotTwentyNine() throws Exception {
        feed(truck("in-1", Direction.IN, minutes(0), CONTAINER, PLATE));
        watermark(minutes(29));
        assertThat(side(GateMatcher.ALERTS)).extracting(Alert::type).doesNotContain(AlertType.CAMERA_SILENT);

        watermark(minutes(31));
        assertThat(side(GateMatcher.ALERTS)).filteredOn(alert -> alert.type() == AlertType.CAMERA_SILENT)
                .singleElement().satisfies(alert -> {
                    assertThat(alert.startTs()).isEqualTo(minutes(0));
                    assertThat(alert.details()).returns(CAMERA, AlertDetails::cameraId);
                });
    }

    @Test
    void shouldEndCameraSilentWhenTheCameraSendsAgain() throws Exception {
        feed(truck("in-1", Direction.IN, minutes(0), CONTAINER, PLATE));
        watermark(minutes(45));
        feed(truck("in-2", Direction.IN, minutes(50), CONTAINER_2, PLATE));
        watermark(minutes(60));

        assertThat(side(GateMatcher.ALERTS)).filteredOn(alert -> alert.type() == AlertType.CAMERA_SILENT)
                .extracting(Alert::endTs).containsExactly(null, minutes(50));
    }

    @Test
    void shouldNotTakeTheEndOfAFiniteInputForASilentCamera() throws Exception {
        feed(truck("in-1", Direction.IN, minutes(0), CONTAINER, PLATE));
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(side(GateMatcher.ALERTS)).extracting(Alert::type).doesNotContain(AlertType.CAMERA_SILENT);
    }

    @Test
    void shouldListIncompleteAndCorrectedReadsForTheShiftReview() throws Exception {
        feed(declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(0), CONTAINER),
                truck("in-1", Direction.IN, minutes(1), "CSQU3O54383", PLATE),
                truck("in-2", Direction.IN, minutes(2), CONTAINER_2, null));
        watermark(minutes(10));

        assertThat(side(GateMatcher.REVIEW)).extracting(ReviewItem::eventId, ReviewItem::kind).containsExactly(
                org.assertj.core.api.Assertions.tuple("in-1", ReviewItem.Kind.CORRECTED),
                org.assertj.core.api.Assertions.tuple("in-2", ReviewItem.Kind.INCOMPLETE));
    }

    @Test
    void shouldForgetDeclarationsAfterTheirRetentionAndDecidedTrucks() throws Exception {
        feed(declaration("D1", Status.CLEARED, Risk.GREEN, minutes(0), CONTAINER),
                truck("in-1", Direction.IN, minutes(1), CONTAINER_2, PLATE));
        watermark(minutes(10));
        int withDeclaration = harness.numKeyedStateEntries();

        watermark(minutes(0).plus(GateSettings.defaults().declarationRetention()));
        assertThat(harness.numKeyedStateEntries()).isLessThan(withDeclaration);
        assertThat(matches()).hasSize(1);
    }

    @Test
    void shouldForgetAnExactDuplicateDeclarationOnceItsRetentionIsOver() throws Exception {
        var declared = declaration("D1", Status.CLEARED, Risk.GREEN, minutes(0), CONTAINER);
        feed(declared, declared);
        watermark(minutes(1));

        watermark(BEGINNING.plus(GateSettings.defaults().declarationRetention()).plusSeconds(60));
        feed(truck("out-1", Direction.OUT, BEGINNING.plus(GateSettings.defaults().declarationRetention())
                .plusSeconds(120), CONTAINER, PLATE));
        watermark(BEGINNING.plus(GateSettings.defaults().declarationRetention()).plusSeconds(180));

        assertThat(matches()).singleElement().extracting(GateMatch::result).isEqualTo(Result.NO_DECLARATION);
        assertThat(harness.numEventTimeTimers()).as("only the camera's silence timer").isEqualTo(1);
    }

    @Test
    void shouldNoLongerMatchAContainerAnAmendmentDroppedWhateverOrderTheVersionsArriveIn() throws Exception {
        feed(declaration("D1", Status.CLEARED, Risk.GREEN, minutes(20), CONTAINER),
                truck("out-before", Direction.OUT, minutes(10), CONTAINER_2, PLATE),
                truck("out-after", Direction.OUT, minutes(30), CONTAINER_2, PLATE),
                declaration("D1", Status.CLEARED, Risk.GREEN, minutes(0), CONTAINER, CONTAINER_2));
        watermark(minutes(40));

        assertThat(matches()).extracting(GateMatch::eventId, GateMatch::result).containsExactly(
                org.assertj.core.api.Assertions.tuple("out-before", Result.MATCHED),
                org.assertj.core.api.Assertions.tuple("out-after", Result.NO_DECLARATION));
    }

    @Test
    void shouldKeepNothingOfAContainerThatLeftOnceItsDeclarationIsForgotten() throws Exception {
        var retention = GateSettings.defaults().declarationRetention();
        feed(declaration("D1", Status.CLEARED, Risk.GREEN, minutes(0), CONTAINER),
                new TripDestination("HP-GL-0001", "356938035643809", CONTAINER, ICD, true, minutes(0)),
                twoContainers("in-1", Direction.IN, minutes(5), CONTAINER, CONTAINER_2),
                truck("out-1", Direction.OUT, minutes(60), CONTAINER, PLATE));
        watermark(minutes(90));
        assertThat(side(GateMatcher.ARRIVALS)).hasSize(1);

        watermark(minutes(0).plus(retention).plusSeconds(1));
        assertThat(harness.containers.numKeyedStateEntries())
                .as("the second container stays in the yard: it has not left").isEqualTo(1);
        assertThat(harness.containers.numEventTimeTimers()).isZero();
        assertThat(harness.versions.numKeyedStateEntries()).isZero();
        assertThat(harness.trucks.numKeyedStateEntries()).isZero();
    }
}
