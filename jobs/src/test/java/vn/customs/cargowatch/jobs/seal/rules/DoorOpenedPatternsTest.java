package vn.customs.cargowatch.jobs.seal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.Harnesses.alerts;
import static vn.customs.cargowatch.jobs.seal.Harnesses.feed;
import static vn.customs.cargowatch.jobs.seal.Signals.*;

import java.util.List;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.seal.Harnesses;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.DoorState;

class DoorOpenedPatternsTest {

    private KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> raised;
    private KeyedOneInputStreamOperatorTestHarness<String, TripSignal, Alert> ended;

    @BeforeEach
    void setUp() throws Exception {
        raised = Harnesses.cep(DoorOpenedPatterns.raised(), new DoorOpenedPatterns.ToAlert());
        ended = Harnesses.cep(DoorOpenedPatterns.ended(), new DoorOpenedPatterns.ToAlert());
    }

    private void drive(TripSignal... signals) throws Exception {
        for (var harness : List.of(raised, ended)) {
            feed(harness, activated(BEGINNING));
            feed(harness, signals);
            harness.processWatermark(minutes(600).toEpochMilli());
        }
    }

    private static TripSignal fixWithDoor(double minute, DoorState door) {
        return fixAt(minutes(minute), LAT, LON, 20, 40, null, door);
    }

    @Test
    void shouldAlertOnADoorOpenEventAndEndAtTheDoorCloseEvent() throws Exception {
        drive(door(minutes(30), DoorState.OPEN), door(minutes(40), DoorState.CLOSED));

        assertThat(alerts(raised)).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.DOOR_OPENED);
            assertThat(alert.startTs()).isEqualTo(minutes(30));
            assertThat(alert.details()).returns("DOOR_OPEN event", AlertDetails::reportedBy);
        });
        assertThat(alerts(ended)).singleElement().satisfies(end -> {
            assertThat(end.alertId()).isEqualTo(alerts(raised).get(0).alertId());
            assertThat(end.endTs()).isEqualTo(minutes(40));
        });
    }

    @Test
    void shouldAlertWhenAFixReportsTheDoorChangedToOpen() throws Exception {
        drive(fixWithDoor(1, DoorState.CLOSED), fixWithDoor(2, DoorState.OPEN));

        assertThat(alerts(raised)).extracting(Alert::startTs).containsExactly(minutes(2));
    }

    @Test
    void shouldRaiseOneAlertForOneOpeningReportedByEventAndFixes() throws Exception {
        drive(fixWithDoor(1, DoorState.CLOSED), door(minutes(2), DoorState.OPEN), fixWithDoor(2.5, DoorState.OPEN),
                fixWithDoor(3, DoorState.OPEN), door(minutes(4), DoorState.CLOSED), fixWithDoor(4.5, DoorState.CLOSED));

        assertThat(alerts(raised)).hasSize(1);
        assertThat(alerts(ended)).extracting(Alert::endTs).containsExactly(minutes(4));
    }

    @Test
    void shouldNotAlertWhileTheDoorStaysClosed() throws Exception {
        drive(fixWithDoor(1, DoorState.CLOSED), fixWithDoor(2, DoorState.CLOSED), door(minutes(3), DoorState.CLOSED));

        assertThat(alerts(raised)).isEmpty();
        assertThat(alerts(ended)).isEmpty();
    }

    @Test
    void shouldAlertAgainForASecondOpening() throws Exception {
        drive(door(minutes(10), DoorState.OPEN), door(minutes(12), DoorState.CLOSED),
                door(minutes(50), DoorState.OPEN), door(minutes(55), DoorState.CLOSED));

        assertThat(alerts(raised)).extracting(Alert::startTs).containsExactly(minutes(10), minutes(50));
        assertThat(alerts(ended)).extracting(Alert::endTs).containsExactly(minutes(12), minutes(55));
    }

    @Test
    void shouldEndAnOpeningWhenTheTripEnds() throws Exception {
        drive(door(minutes(10), DoorState.OPEN), ended(minutes(20)));

        assertThat(alerts(ended)).extracting(Alert::endTs).containsExactly(minutes(20));
    }

    /** In the job the door patterns see only the signals {@link DoorOpenedPatterns#isRelevant} lets through. */
    @Test
    void shouldNotLetTheSealsOtherEventsComeBetweenClosedAndOpen() throws Exception {
        List<TripSignal> signals = List.of(door(minutes(10), DoorState.CLOSED),
                sealEvent(TripSignal.Kind.TAMPER, minutes(11)), sealEvent(TripSignal.Kind.POWER_OFF, minutes(12)),
                sealEvent(TripSignal.Kind.POWER_ON, minutes(13)), sealEvent(TripSignal.Kind.LOW_BATTERY, minutes(14)),
                door(minutes(15), DoorState.OPEN), door(minutes(20), DoorState.CLOSED));
        drive(signals.stream().filter(DoorOpenedPatterns::isRelevant).toArray(TripSignal[]::new));

        assertThat(alerts(raised)).extracting(Alert::startTs).containsExactly(minutes(15));
        assertThat(alerts(ended)).extracting(Alert::endTs).containsExactly(minutes(20));
    }
}
