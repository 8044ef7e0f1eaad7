package vn.customs.cargowatch.jobs.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.at;

import java.time.Duration;
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
import vn.customs.cargowatch.jobs.alerts.AlertFinding;
import vn.customs.cargowatch.jobs.alerts.NearestOfficeEnricher;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction.Finding;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.Inspection.Condition;
import vn.customs.cargowatch.model.Regime;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.TripStatus.State;
import vn.customs.cargowatch.model.TripTally;
import vn.customs.cargowatch.model.TripTally.Column;
import vn.customs.cargowatch.model.TripTally.Kind;
import vn.customs.cargowatch.model.TripTally.Row;

/**
 * How a trip counts in the monthly report (3740 Phụ lục IV): attached at its Branch in the month it was activated
 * (a minute either side of a month's end in Vietnam), received at the Branch that closes it under that Branch's
 * Department; its container violating by a VIOLATION finding, or by a seal alert left without finding and explanation
 * at the closing — never by a gate alert, an explained alert, or one not yet verified before the closing; the latest
 * finding wins, whatever order they arrive in; state and timers end.
 */
class TripTalliesTest {

    private static final String TRIP = "T1";
    private static final String CONTAINER = "CWTU0000017";
    private static final Instant ARRIVED = at(300);

    private KeyedBroadcastOperatorTestHarness<String, TripTallies.Input, CustomsOffice, TripTally> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new TripTallies(),
                TripTallies.Input::tripId, Types.STRING, NearestOfficeEnricher.OFFICES);
        for (CustomsOffice office : TripFixtures.offices()) {
            harness.processBroadcastElement(office, 0);
        }
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldCountTheSealAttachedAtItsBranchInTheMonthItWasActivatedInVietnam() throws Exception {
        Instant lastMinuteOfNovember = Instant.parse("2026-11-30T16:59:00Z"); // 23:59 in Hà Nội
        take(TripTallies.Input.of(active(lastMinuteOfNovember)));
        harness.watermark(lastMinuteOfNovember.toEpochMilli());
        assertThat(latest().rows()).containsExactly(
                new Row("2026-11", Kind.ATTACHED, "03PL", "03CE", Column.TN_TX, TRIP, CONTAINER));

        TripTally firstOfDecember = new TripTally(TRIP, CONTAINER, Regime.TRANSIT,
                lastMinuteOfNovember.plus(Duration.ofMinutes(2)), "03CE", "03PL", null, null, null, false, List.of(),
                lastMinuteOfNovember);
        assertThat(firstOfDecember.rows()).extracting(Row::month, Row::column)
                .containsExactly(tuple("2026-12", Column.QUA_CANH));
    }

    @Test
    void shouldCountTheSealReceivedAtTheBranchThatClosesItUnderThatBranchsDepartment() throws Exception {
        take(TripTallies.Input.of(active(at(1))));
        take(TripTallies.Input.of(closing(null)));
        harness.watermark(ARRIVED.toEpochMilli());

        assertThat(latest().rows()).extracting(Row::kind, Row::departmentCode, Row::branchCode)
                .containsExactly(tuple(Kind.ATTACHED, "03PL", "03CE"),
                        tuple(Kind.RECEIVED, "01", "01IK"));
        assertThat(latest().closed()).isFalse();
    }

    @Test
    void shouldCountAnAlertWithTheFindingViolationAtOnceAndAnUnverifiedOneOnlyOnceClosedWithoutExplanation()
            throws Exception {
        take(TripTallies.Input.of(active(at(1))));
        take(TripTallies.Input.of(alert("A-STOP", AlertType.STOP_OVER_90_MIN, at(100))));
        take(TripTallies.Input.of(alert("A-ROUTE", AlertType.WRONG_ROUTE, at(150))));
        harness.watermark(at(160).toEpochMilli());
        assertThat(latest().violations()).as("nobody has verified them, and the trip is not closed").isEmpty();

        take(TripTallies.Input.of(new AlertFinding(TRIP, "A-ROUTE", Finding.VIOLATION, at(170))));
        harness.watermark(at(170).toEpochMilli());
        assertThat(latest().violations()).containsExactly("A-ROUTE");
        assertThat(latest().rows()).extracting(Row::kind).containsExactly(Kind.ATTACHED, Kind.VIOLATING);

        take(TripTallies.Input.of(closing(inspection(List.of()))));
        harness.watermark(ARRIVED.plus(Duration.ofHours(2)).toEpochMilli());
        assertThat(latest().violations()).as("the stop left without a finding nor an explanation at the closing")
                .containsExactly("A-ROUTE", "A-STOP");
    }

    @Test
    void shouldNotCountAnExplainedAlertNorOneFoundNoViolationOrUnclearNorAGateAlert() throws Exception {
        take(TripTallies.Input.of(active(at(1))));
        take(TripTallies.Input.of(alert("A-EXPLAINED", AlertType.STOP_OVER_90_MIN, at(100))));
        take(TripTallies.Input.of(alert("A-CLEAR", AlertType.SIGNAL_LOST, at(110))));
        take(TripTallies.Input.of(alert("A-UNCLEAR", AlertType.DOOR_OPENED, at(120))));
        take(TripTallies.Input.of(new AlertFinding(TRIP, "A-CLEAR", Finding.NO_VIOLATION, at(130))));
        take(TripTallies.Input.of(new AlertFinding(TRIP, "A-UNCLEAR", Finding.UNCLEAR, at(131))));
        take(TripTallies.Input.of(closing(inspection(List.of(
                new Inspection.Explanation("A-EXPLAINED", "xe dừng chờ bốc dỡ theo lệnh cảng"))))));
        harness.watermark(ARRIVED.plus(Duration.ofHours(2)).toEpochMilli());

        assertThat(latest().closed()).isTrue();
        assertThat(latest().violations()).isEmpty();
        Alert gate = new Alert("G1", AlertType.UNCLEARED_EXIT, AlertType.UNCLEARED_EXIT.severity(), TRIP, null,
                CONTAINER, at(100), at(100), null, null, null, null, null, null, AlertDetails.NONE, null);
        assertThat(TripTallies.counts(gate)).isFalse();
        assertThat(TripTallies.counts(alert("A", AlertType.SEAL_TAMPERED, at(1)))).isTrue();
    }

    @Test
    void shouldTakeTheLatestFindingWhateverOrderTheyArriveIn() throws Exception {
        take(TripTallies.Input.of(active(at(1))));
        take(TripTallies.Input.of(alert("A-ROUTE", AlertType.WRONG_ROUTE, at(100))));
        // the later finding arrives first, within the out-of-order bound
        take(TripTallies.Input.of(new AlertFinding(TRIP, "A-ROUTE", Finding.NO_VIOLATION, at(140))));
        take(TripTallies.Input.of(new AlertFinding(TRIP, "A-ROUTE", Finding.VIOLATION, at(120))));
        harness.watermark(at(150).toEpochMilli());

        assertThat(latest().violations()).isEmpty();
        assertThat(latest().rows()).extracting(Row::kind).containsExactly(Kind.ATTACHED);
    }

    @Test
    void shouldWriteAgainOnlyWhenHowItCountsChanges() throws Exception {
        take(TripTallies.Input.of(active(at(1))));
        harness.watermark(at(1).toEpochMilli());
        take(TripTallies.Input.of(moving(at(6))));
        take(TripTallies.Input.of(moving(at(11))));
        harness.watermark(at(11).toEpochMilli());

        assertThat(tallies()).as("the status every few minutes changes nothing counted").hasSize(1);
    }

    @Test
    void shouldForgetTheTripAfterItsRetentionAndAtACancellation() throws Exception {
        take(TripTallies.Input.of(active(at(1))));
        take(TripTallies.Input.of(closing(inspection(List.of()))));
        harness.watermark(ARRIVED.plus(Duration.ofHours(2)).toEpochMilli());
        assertThat(keyedStateEntries()).isPositive();

        harness.watermark(ARRIVED.plus(Duration.ofHours(2)).plus(TripTallies.RETENTION).toEpochMilli());
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        Instant activated = ARRIVED.plus(TripTallies.RETENTION).plus(Duration.ofDays(1));
        Instant cancelled = activated.plusSeconds(60);
        take(TripTallies.Input.of(new TripStatus("T2", "356938035643810", "CWTU0000022", State.ACTIVE, activated, null,
                null, null, 0, null, "03CE", "03PL", Regime.OTHER, activated, null)));
        harness.watermark(activated.toEpochMilli());
        assertThat(tallies()).extracting(TripTally::tripId).endsWith("T2");
        take(TripTallies.Input.of(new TripStatus("T2", "356938035643810", "CWTU0000022", State.CANCELLED, cancelled,
                null, null, null, 0, null, "03CE", "03PL", Regime.OTHER, activated, cancelled)));
        harness.watermark(cancelled.toEpochMilli());
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void take(TripTallies.Input input) throws Exception {
        harness.processElement(new StreamRecord<>(input, input.ts().toEpochMilli()));
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    private List<TripTally> tallies() {
        return harness.extractOutputValues();
    }

    private TripTally latest() {
        List<TripTally> tallies = tallies();
        assertThat(tallies).isNotEmpty();
        return tallies.get(tallies.size() - 1);
    }

    private static TripStatus active(Instant activated) {
        return new TripStatus(TRIP, "356938035643809", CONTAINER, State.ACTIVE, activated, 20.86, 106.68, 0.0, 0, null,
                "03CE", "03PL", Regime.TEMP_IMPORT_REEXPORT, activated, null);
    }

    private static TripStatus moving(Instant lastFix) {
        return new TripStatus(TRIP, "356938035643809", CONTAINER, State.ACTIVE, lastFix, 20.9, 106.5, 12.0, 0, null,
                "03CE", "03PL", Regime.TEMP_IMPORT_REEXPORT, at(1), null);
    }

    private static Alert alert(String id, AlertType type, Instant start) {
        return new Alert(id, type, type.severity(), TRIP, "356938035643809", CONTAINER, start, start, null, 20.9, 106.3,
                "03CE", "03PL", null, AlertDetails.NONE, null);
    }

    private static TripClosing closing(Inspection inspection) {
        TripClosing awaiting = new TripClosing(TRIP, "356938035643809", CONTAINER, "01IK", "03CE", "03PL", ARRIVED,
                TripStatus.ArrivedBy.CONFIRMATION, ARRIVED.plus(Duration.ofHours(24)), TripClosing.State.AWAITING,
                null, ARRIVED);
        return inspection == null ? awaiting : awaiting.closedBy(inspection);
    }

    private static Inspection inspection(List<Inspection.Explanation> explanations) {
        return new Inspection(TRIP, "Đỗ Thị Mai", "01IK", ARRIVED.plus(Duration.ofHours(1)), Condition.INTACT,
                Condition.INTACT, Condition.INTACT, null, null, null, explanations);
    }
}
