package vn.customs.cargowatch.jobs.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.at;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.registered;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.Inspection.Condition;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Place;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.TripStatus.State;

/**
 * Closing a trip at its destination (3740 §II.3): the arrival awaits the destination Branch's inspection, which closes
 * it, due {@code trips.closingDue} after the arrival (overdue is a reader's comparison with its clock: 23 h 59 vs
 * 24 h 01, and no timer fires for it, not even at a replay's end of input); an inspection before the arrival,
 * by another unit, or a second one is refused; a destination change moves who closes it; state ends.
 */
class TripClosingsTest {

    private static final String TRIP = "T1";
    private static final String IMEI = "356938035643809";
    private static final Duration DUE = Duration.ofHours(24);
    /** Arrived at minute 100 of the fixtures' day. */
    private static final Instant ARRIVED = at(100);

    private KeyedOneInputStreamOperatorTestHarness<String, TripClosings.Input, TripClosing> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new TripClosings(DUE),
                TripClosings.Input::tripId, Types.STRING);
        take(TripClosings.Input.of(registered(TRIP, IMEI, "CWTU0000017", at(0), at(120))));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldAwaitTheClosingFromTheArrivalAndCloseItWithTheDestinationsInspection() throws Exception {
        take(TripClosings.Input.of(arrived(ARRIVED)));
        Inspection inspection = inspection("01IK", ARRIVED.plus(Duration.ofHours(2)), Condition.INTACT);
        take(TripClosings.Input.of(inspection, Json.write(inspection)));

        assertThat(closings()).extracting(TripClosing::state)
                .containsExactly(TripClosing.State.AWAITING, TripClosing.State.CLOSED);
        assertThat(closings().get(0)).satisfies(awaiting -> {
            assertThat(awaiting.destinationUnit()).isEqualTo("01IK");
            assertThat(awaiting.branchCode()).isEqualTo("03CE");
            assertThat(awaiting.arrivedAt()).isEqualTo(ARRIVED);
            assertThat(awaiting.arrivedBy()).isEqualTo(TripStatus.ArrivedBy.GATE_CAMERA);
            assertThat(awaiting.closingDueAt()).isEqualTo(ARRIVED.plus(DUE));
        });
        assertThat(closings().get(1).inspection()).isEqualTo(inspection);
        assertThat(refused()).isEmpty();
        harness.processWatermark(ARRIVED.plus(Duration.ofDays(2)).toEpochMilli());
        assertThat(closings()).as("closed before its due time: never overdue").hasSize(2);
    }

    @Test
    void shouldBeOverdueToAReaderOnlyOnceItsDueTimeHasPassedAndWriteNothingThen() throws Exception {
        take(TripClosings.Input.of(arrived(ARRIVED)));

        harness.processWatermark(ARRIVED.plus(DUE).plusSeconds(60).toEpochMilli());
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(closings()).extracting(TripClosing::state).containsExactly(TripClosing.State.AWAITING);
        TripClosing awaiting = closings().get(0);
        assertThat(awaiting.overdueAt(ARRIVED.plus(DUE).minusSeconds(60))).isFalse();
        assertThat(awaiting.overdueAt(ARRIVED.plus(DUE).plusSeconds(60))).isTrue();
    }

    @Test
    void shouldCloseATripLaterThanItsDueTime() throws Exception {
        take(TripClosings.Input.of(arrived(ARRIVED)));
        Inspection late = inspection("01IK", ARRIVED.plus(Duration.ofHours(30)), Condition.INTACT);
        take(TripClosings.Input.of(late, Json.write(late)));

        assertThat(closings()).last().extracting(TripClosing::state).isEqualTo(TripClosing.State.CLOSED);
        assertThat(closings().get(closings().size() - 1).overdueAt(ARRIVED.plus(Duration.ofDays(3)))).isFalse();
    }

    @Test
    void shouldRefuseAnInspectionBeforeTheArrivalByAnotherUnitOrASecondOne() throws Exception {
        Inspection early = inspection("01IK", ARRIVED.minusSeconds(600), Condition.INTACT);
        take(TripClosings.Input.of(early, Json.write(early)));
        take(TripClosings.Input.of(arrived(ARRIVED)));
        Inspection departure = inspection("03CE", ARRIVED.plusSeconds(600), Condition.INTACT);
        take(TripClosings.Input.of(departure, Json.write(departure)));
        Inspection first = inspection("01IK", ARRIVED.plusSeconds(1200), Condition.NOT_INTACT);
        take(TripClosings.Input.of(first, Json.write(first)));
        Inspection second = inspection("01IK", ARRIVED.plusSeconds(1800), Condition.INTACT);
        take(TripClosings.Input.of(second, Json.write(second)));

        assertThat(refused()).extracting(DeadLetter::reason).satisfiesExactly(
                reason -> assertThat(reason).startsWith("trip T1 has not arrived"),
                reason -> assertThat(reason).startsWith("unit 03CE is not the destination Branch of trip T1 (01IK)"),
                reason -> assertThat(reason).startsWith("trip T1 is closed already"));
        assertThat(refused()).allSatisfy(letter -> {
            assertThat(letter.topic()).isEqualTo("trips.inspections");
            assertThat(letter.kind()).isEqualTo(DeadLetter.Kind.REFUSED);
        });
        assertThat(closings()).last().extracting(TripClosing::inspection).isEqualTo(first);
    }

    @Test
    void shouldBeClosedByTheNewDestinationAfterAChange() throws Exception {
        TripEvent changed = new TripEvent(TRIP, TripEvent.Type.DESTINATION_CHANGED, at(50), IMEI, null, null, null,
                null, null, null, new Place("01NV", "Chi cục HQ Bắc Hà Nội", 21.1, 105.8, null), null, at(130), null,
                null, null, null, null);
        take(TripClosings.Input.of(changed));
        take(TripClosings.Input.of(arrived(ARRIVED)));
        Inspection old = inspection("01IK", ARRIVED.plusSeconds(60), Condition.INTACT);
        take(TripClosings.Input.of(old, Json.write(old)));
        Inspection current = inspection("01NV", ARRIVED.plusSeconds(120), Condition.INTACT);
        take(TripClosings.Input.of(current, Json.write(current)));

        assertThat(closings()).extracting(TripClosing::destinationUnit).containsOnly("01NV");
        assertThat(closings()).last().extracting(TripClosing::state).isEqualTo(TripClosing.State.CLOSED);
        assertThat(refused()).singleElement().extracting(DeadLetter::reason).asString().contains("(01NV)");
    }

    @Test
    void shouldForgetAClosedTripAfterItsRetention() throws Exception {
        take(TripClosings.Input.of(arrived(ARRIVED)));
        Inspection inspection = inspection("01IK", ARRIVED.plusSeconds(600), Condition.INTACT);
        take(TripClosings.Input.of(inspection, Json.write(inspection)));
        harness.processWatermark(ARRIVED.plus(TripClosings.RETENTION).toEpochMilli());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldForgetACancelledTripAtOnce() throws Exception {
        take(TripClosings.Input.of(new TripStatus(TRIP, IMEI, "CWTU0000017", State.CANCELLED, at(10), null, null,
                null, 0, null, "03CE", "03PL", null, at(1), at(10))));

        assertThat(closings()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void take(TripClosings.Input input) throws Exception {
        long ts = input.ts().toEpochMilli();
        harness.processElement(input, ts);
        harness.processWatermark(Math.max(ts, harness.getCurrentWatermark()));
    }

    private static TripStatus arrived(Instant at) {
        return new TripStatus(TRIP, IMEI, "CWTU0000017", State.ARRIVED, at, 21.06, 105.89, 100.0, 2,
                TripStatus.ArrivedBy.GATE_CAMERA, "03CE", "03PL", null, at(1), at);
    }

    private static Inspection inspection(String unit, Instant at, Condition seal) {
        return new Inspection(TRIP, "Đỗ Thị Mai", unit, at, Condition.INTACT, seal, Condition.INTACT,
                seal == Condition.INTACT ? null : "seal bị cắt", null, null,
                List.of(new Inspection.Explanation("A-1", "xe dừng đổ dầu")));
    }

    private List<TripClosing> closings() {
        return harness.extractOutputValues();
    }

    private List<DeadLetter> refused() {
        return harness.getSideOutput(TripClosings.REFUSED) == null ? List.of()
                : harness.getSideOutput(TripClosings.REFUSED).stream().map(StreamRecord::getValue).toList();
    }
}
