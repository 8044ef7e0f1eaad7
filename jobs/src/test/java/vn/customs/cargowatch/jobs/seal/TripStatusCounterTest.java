package vn.customs.cargowatch.jobs.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.at;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.TripStatus.State;

/**
 * A trip's alert count does not depend on whether its statuses or its alerts reach the counter first (they come from
 * different subtasks): both are taken in event time, and the final status counts every alert raised up to the end.
 */
class TripStatusCounterTest {

    private KeyedTwoInputStreamOperatorTestHarness<String, TripStatus, Alert, TripStatus> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new TripStatusCounter()),
                TripStatus::tripId, Alert::tripId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static TripStatus status(State state, Instant ts) {
        return new TripStatus("T1", "356938035643809", "CWTU0000017", state, ts, 21.0, 106.0, 1.0, 0,
                state == State.ARRIVED ? TripStatus.ArrivedBy.GATE_CAMERA : null, "03CE", "03PL", null, at(1),
                state == State.ARRIVED ? ts : null);
    }

    private static Alert raised(String id, Instant at) {
        return new Alert(id, AlertType.STOP_OVER_90_MIN, AlertType.Severity.MEDIUM, "T1", "356938035643809",
                "CWTU0000017", at.minusSeconds(5400), at, null, 21.0, 106.0, "03CE", "03PL", null, null,
                AlertState.OPEN);
    }

    private static Alert ended(Alert alert, Instant end) {
        return new Alert(alert.alertId(), alert.type(), alert.severity(), alert.tripId(), alert.imei(),
                alert.containerNo(), alert.startTs(), alert.detectedAt(), end, alert.lat(), alert.lon(),
                alert.branchCode(), alert.departmentCode(), null, null, AlertState.CLOSED);
    }

    private void status(TripStatus status) throws Exception {
        harness.processElement1(status, status.lastTs().toEpochMilli());
    }

    private void alert(Alert alert) throws Exception {
        harness.processElement2(alert, (alert.endTs() != null ? alert.endTs() : alert.detectedAt()).toEpochMilli());
    }

    private List<TripStatus> published() {
        return harness.getOutput().stream().filter(StreamRecord.class::isInstance)
                .map(record -> (TripStatus) ((StreamRecord<?>) record).getValue()).toList();
    }

    @Test
    void shouldCountAnAlertThatReachesTheCounterBeforeTheStatusesOfItsTrip() throws Exception {
        Alert stop = raised("stop-1", at(100));
        alert(stop);
        alert(ended(stop, at(110)));
        status(status(State.ACTIVE, at(1)));
        status(status(State.ACTIVE, at(100)));
        status(status(State.ARRIVED, at(120)));
        harness.processBothWatermarks(new Watermark(at(120).toEpochMilli()));

        assertThat(published()).extracting(TripStatus::state, TripStatus::lastTs, TripStatus::alertCount)
                .containsExactly(tuple(State.ACTIVE, at(1), 0), tuple(State.ACTIVE, at(100), 0),
                        tuple(State.ACTIVE, at(100), 1), tuple(State.ARRIVED, at(120), 1));
    }

    @Test
    void shouldCountAnAlertRaisedAtTheEndButNotOneRaisedAfterItAndKeepNothing() throws Exception {
        status(status(State.ACTIVE, at(1)));
        status(status(State.ARRIVED, at(120)));
        alert(raised("after", at(121)));
        alert(raised("at-the-end", at(120)));
        alert(raised("at-the-end", at(120)));
        harness.processBothWatermarks(new Watermark(at(119).toEpochMilli()));
        assertThat(published()).extracting(TripStatus::state).as("the end waits for the watermark")
                .containsExactly(State.ACTIVE);

        harness.processBothWatermarks(new Watermark(at(200).toEpochMilli()));

        assertThat(published().get(published().size() - 1)).extracting(TripStatus::state, TripStatus::alertCount)
                .containsExactly(State.ARRIVED, 1);
        assertThat(harness.numKeyedStateEntries()).as("state ends with the trip").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
