package vn.customs.cargowatch.jobs.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.alerts.NearestOfficeEnricher;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.ReviewAction;
import vn.customs.cargowatch.model.ReviewItem;

/**
 * The shift's review list as officers work through it (1572 §II.1.5): completed by a read by hand, confirmed by an
 * action, refused for another ICD's unit, twice, out of its kind or after its review ended; in event-time order
 * whatever order the records arrive in; the item forgotten a day after its shift.
 */
class ShiftReviewTest {

    private static final String ICD = "ICD-GIALAM";
    private static final Instant READ_AT = Instant.parse("2026-11-22T03:10:00Z");
    private static final Instant SHIFT_END = Instant.parse("2026-11-22T11:00:00Z");
    private static final Instant LATER = READ_AT.plusSeconds(1_800);
    private static final ActionSignature.Key KEY = ActionSignature.key("the desk's key, of 32 bytes at the least");

    private static final CustomsOffice GENERAL = new CustomsOffice("00", "Tổng cục Hải quan",
            CustomsOffice.Level.GENERAL, null, 21.02, 105.84, null);
    private static final CustomsOffice HANOI = new CustomsOffice("01", "Cục Hải quan TP Hà Nội",
            CustomsOffice.Level.DEPARTMENT, "00", 21.03, 105.85, null);
    private static final CustomsOffice GIA_LAM = new CustomsOffice("01IK", "Chi cục HQ Gia Lâm",
            CustomsOffice.Level.BRANCH, "01", 21.06, 105.89, null, List.of(ICD));
    private static final CustomsOffice BAC_HA_NOI = new CustomsOffice("01BT", "Chi cục HQ Bắc Hà Nội",
            CustomsOffice.Level.BRANCH, "01", 21.10, 105.80, null, List.of("ICD-OTHER"));

    private KeyedBroadcastOperatorTestHarness<String, ShiftReview.Input, CustomsOffice, ReviewItem> harness;

    @BeforeEach
    void open() throws Exception {
        open(null);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldCompleteAnIncompleteReadWithTheReadByHandOfTheIcdsBranch() throws Exception {
        list(item("R-1", ReviewItem.Kind.INCOMPLETE));

        take(ShiftReview.Input.completing(handRead("R-1", "01IK", LATER)));

        assertThat(items()).extracting(ReviewItem::state)
                .containsExactly(ReviewItem.State.OPEN, ReviewItem.State.COMPLETED);
        assertThat(items().get(1)).satisfies(item -> {
            assertThat(item.eventId()).isEqualTo("R-1");
            assertThat(item.reviewedBy()).isEqualTo("Trần Thị Bình");
            assertThat(item.reviewedByUnit()).isEqualTo("01IK");
            assertThat(item.reviewedAt()).isEqualTo(LATER);
            assertThat(item.completedBy()).isEqualTo("R-1-hand");
            assertThat(item.completedContainerNo()).isEqualTo("MSKU1234565");
            assertThat(item.completedPlate()).isEqualTo("29C-123.45");
        });
        assertThat(refused()).isEmpty();
    }

    @Test
    void shouldLetTheDepartmentConfirmACorrectedReadButNotAnIncompleteOne() throws Exception {
        list(item("R-1", ReviewItem.Kind.CORRECTED));
        list(item("R-2", ReviewItem.Kind.INCOMPLETE));

        take(confirm("R-1", "01", LATER));
        take(confirm("R-2", "01", LATER.plusSeconds(1)));

        assertThat(items()).filteredOn(item -> item.eventId().equals("R-1")).last()
                .extracting(ReviewItem::state, ReviewItem::reviewNote)
                .containsExactly(ReviewItem.State.CONFIRMED, "khớp camera quan sát");
        assertThat(items()).filteredOn(item -> item.eventId().equals("R-2"))
                .extracting(ReviewItem::state).containsExactly(ReviewItem.State.OPEN);
        assertThat(refused()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("gate.review.actions");
            assertThat(letter.kind()).isEqualTo(DeadLetter.Kind.REFUSED);
            assertThat(letter.reason()).contains("INCOMPLETE read is completed by a read by hand");
        });
    }

    @Test
    void shouldRefuseAnotherBranchAndKeepTheItemOpen() throws Exception {
        list(item("R-1", ReviewItem.Kind.INCOMPLETE));

        take(ShiftReview.Input.completing(handRead("R-1", "01BT", LATER)));

        assertThat(items()).extracting(ReviewItem::state).containsExactly(ReviewItem.State.OPEN);
        assertThat(refused()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("camera.recognitions");
            assertThat(letter.reason()).startsWith("the read by hand was matched, but completes nothing")
                    .contains("unit 01BT supervises no gate of " + ICD);
        });
    }

    @Test
    void shouldReviewAnItemOnceAndLetTheGeneralDepartmentReviewAnyIcd() throws Exception {
        list(item("R-1", ReviewItem.Kind.CORRECTED));

        take(confirm("R-1", "00", LATER));
        take(confirm("R-1", "01IK", LATER.plusSeconds(60)));

        assertThat(items()).extracting(ReviewItem::state)
                .containsExactly(ReviewItem.State.OPEN, ReviewItem.State.CONFIRMED);
        assertThat(refused()).extracting(DeadLetter::reason).singleElement().asString()
                .startsWith("already CONFIRMED by Trần Thị Bình (00)");
    }

    @Test
    void shouldTakeReviewsInEventTimeOrderWhateverOrderTheyArrive() throws Exception {
        ReviewItem item = item("R-1", ReviewItem.Kind.CORRECTED);
        // the second officer's confirmation arrives first; the first's, stamped earlier, wins
        harness.processElement(ShiftReview.Input.of(confirm("R-1", "01", LATER.plusSeconds(60)), null),
                LATER.plusSeconds(60).toEpochMilli());
        harness.processElement(ShiftReview.Input.of(item), READ_AT.toEpochMilli());
        harness.processElement(ShiftReview.Input.of(confirm("R-1", "01IK", LATER), null), LATER.toEpochMilli());
        harness.watermark(LATER.plusSeconds(60).toEpochMilli());

        assertThat(items()).last().extracting(ReviewItem::reviewedByUnit).isEqualTo("01IK");
        assertThat(refused()).extracting(DeadLetter::reason).singleElement().asString().startsWith("already");
    }

    @Test
    void shouldForgetTheItemADayAfterItsShiftAndRefuseLaterReviews() throws Exception {
        list(item("R-1", ReviewItem.Kind.CORRECTED));
        Instant forgotten = SHIFT_END.plus(ShiftReview.KEPT_AFTER_SHIFT);

        harness.watermark(forgotten.toEpochMilli());
        assertThat(keyedStateEntries()).as("item and its due time cleared").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        take(confirm("R-1", "01IK", forgotten.plusSeconds(1)));

        assertThat(items()).extracting(ReviewItem::state).containsExactly(ReviewItem.State.OPEN);
        assertThat(refused()).extracting(DeadLetter::reason).singleElement().asString()
                .startsWith("no read R-1 on a shift's review list");
    }

    @Test
    void shouldStillConfirmJustBeforeTheItemIsForgotten() throws Exception {
        list(item("R-1", ReviewItem.Kind.CORRECTED));

        take(confirm("R-1", "01IK", SHIFT_END.plus(ShiftReview.KEPT_AFTER_SHIFT).minusSeconds(1)));

        assertThat(items()).last().extracting(ReviewItem::state).isEqualTo(ReviewItem.State.CONFIRMED);
    }

    @Test
    void shouldRefuseAnUnsignedConfirmationWithAKeyAndTakeASignedOne() throws Exception {
        harness.close();
        open(KEY);
        list(item("R-1", ReviewItem.Kind.CORRECTED));
        ReviewAction unsigned = confirm("R-1", "01IK", LATER);

        take(unsigned);
        take(ActionSignature.sign(confirm("R-1", "01IK", LATER.plusSeconds(1)), KEY));

        assertThat(refused()).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).startsWith("unsigned action: ");
            assertThat(letter.payload()).isEqualTo(Json.write(unsigned));
        });
        assertThat(items()).last().extracting(ReviewItem::state).isEqualTo(ReviewItem.State.CONFIRMED);
    }

    private void open(ActionSignature.Key key) throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new ShiftReview(key),
                ShiftReview.Input::eventId, Types.STRING, NearestOfficeEnricher.OFFICES);
        for (CustomsOffice office : List.of(GENERAL, HANOI, GIA_LAM, BAC_HA_NOI)) {
            harness.processBroadcastElement(office, 0);
        }
    }

    private void list(ReviewItem item) throws Exception {
        harness.processElement(ShiftReview.Input.of(item), item.ts().toEpochMilli());
        harness.watermark(item.ts().toEpochMilli());
    }

    private void take(ShiftReview.Input input) throws Exception {
        harness.processElement(input, input.ts().toEpochMilli());
        harness.watermark(input.ts().toEpochMilli());
    }

    private void take(ReviewAction action) throws Exception {
        take(ShiftReview.Input.of(action, Json.write(action)));
    }

    private static ReviewItem item(String eventId, ReviewItem.Kind kind) {
        boolean corrected = kind == ReviewItem.Kind.CORRECTED;
        return ReviewItem.open(eventId, ICD, ICD + "-G1", ICD + "-G1-CAM1", READ_AT, kind,
                corrected ? "MSKU1234S65" : null, corrected ? "MSKU1234565" : null, "29C-123.45",
                corrected ? "check digit corrected" : "container number not read", SHIFT_END, Direction.IN, "L1");
    }

    private static Recognition handRead(String completes, String unit, Instant at) {
        return new Recognition(completes + "-hand", ICD, ICD + "-G1", "L1", "HAND", Direction.IN, at, "MSKU1234565",
                null, "29C-123.45", null, null, null, "Trần Thị Bình", unit, completes);
    }

    private static ReviewAction confirm(String eventId, String unit, Instant at) {
        return new ReviewAction(eventId, ReviewAction.Action.CONFIRM, "Trần Thị Bình", unit, at, "khớp camera quan sát",
                null, null);
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    private List<ReviewItem> items() {
        return harness.extractOutputValues();
    }

    private List<DeadLetter> refused() {
        return harness.getSideOutput(ShiftReview.REFUSED) == null ? List.of()
                : harness.getSideOutput(ShiftReview.REFUSED).stream().map(StreamRecord::getValue).toList();
    }
}
