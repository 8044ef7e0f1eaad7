package vn.customs.cargowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.bench.PeerDriver.BEGINNING;
import static vn.customs.cargowatch.bench.PeerDriver.IMEI;
import static vn.customs.cargowatch.bench.PeerDriver.ROUTE_LAT;
import static vn.customs.cargowatch.bench.PeerDriver.TRIP;
import static vn.customs.cargowatch.bench.PeerDriver.minutes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.DoorState;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;

/** The peer's five rules at their boundaries, one seal on one trip through the Kafka Streams topology. */
class SealRulesProcessorTest {

    private PeerDriver peer;

    @BeforeEach
    void setUp() {
        peer = new PeerDriver();
    }

    @AfterEach
    void tearDown() {
        peer.close();
    }

    private void stoppedEveryFiveMinutes(double fromMinute, double toMinute) {
        for (double minute = fromMinute; minute <= toMinute; minute += 5) {
            peer.stopped(minutes(minute));
        }
    }

    // ---- STOP_OVER_90_MIN ----

    @Test
    void shouldRaiseAStopOfNinetyOneMinutesAtItsNinetiethMinute() {
        peer.onActiveTrip();
        stoppedEveryFiveMinutes(10, 100);
        peer.stopped(minutes(101));

        assertThat(peer.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.STOP_OVER_90_MIN);
            assertThat(alert.startTs()).isEqualTo(minutes(10));
            assertThat(alert.detectedAt()).isEqualTo(minutes(100).plusMillis(1));
            assertThat(alert.alertId()).isEqualTo(Alert.idOf(AlertType.STOP_OVER_90_MIN, TRIP, minutes(10)));
            assertThat(alert.endTs()).isNull();
        });
    }

    @Test
    void shouldNotRaiseAStopOfEightyNineMinutes() {
        peer.onActiveTrip();
        stoppedEveryFiveMinutes(10, 95);
        peer.stopped(minutes(99));
        peer.driving(minutes(99.5), 1_000);
        peer.clock(minutes(110));

        assertThat(peer.alerts()).isEmpty();
    }

    @Test
    void shouldNotRaiseAStopThatEndsExactlyAtNinetyMinutes() {
        peer.onActiveTrip();
        stoppedEveryFiveMinutes(10, 100);
        peer.driving(minutes(100).plusMillis(1), 1_000); // "longer than 90 minutes" begins here, and the truck is gone
        peer.clock(minutes(110));

        assertThat(peer.alerts()).isEmpty();
    }

    @Test
    void shouldRaiseTheStopWhenItsTimePassesThoughTheSealSendsNothingMore() {
        peer.onActiveTrip();
        stoppedEveryFiveMinutes(10, 95);
        peer.clock(minutes(100));
        assertThat(peer.alerts()).isEmpty();

        peer.clock(minutes(100.1));

        assertThat(peer.alerts()).extracting(Alert::type).containsExactly(AlertType.STOP_OVER_90_MIN);
    }

    @Test
    void shouldEndTheStopAtTheFixThatMovesOn() {
        peer.onActiveTrip();
        stoppedEveryFiveMinutes(10, 100);
        peer.fix(minutes(102), 150, 0, DoorState.CLOSED); // 150 m from where the stop began

        assertThat(peer.alerts()).hasSize(2).allSatisfy(alert -> assertThat(alert.alertId())
                .isEqualTo(Alert.idOf(AlertType.STOP_OVER_90_MIN, TRIP, minutes(10))));
        assertThat(peer.alerts().get(1).endTs()).isEqualTo(minutes(102));
    }

    // ---- WRONG_ROUTE ----

    private void excursion(double metersOffRoute, double minutesOutside) {
        peer.onActiveTrip();
        peer.driving(minutes(1), 0);
        for (double minute = 2; minute <= 2 + minutesOutside; minute += 0.5) {
            peer.fix(minutes(minute), metersOffRoute, 40, DoorState.CLOSED);
        }
        peer.driving(minutes(3 + minutesOutside), 2_000);
    }

    @Test
    void shouldRaiseAnExcursionAtFiveHundredAndTenMetres() {
        excursion(510, 3);

        assertThat(peer.alerts()).hasSize(2).allSatisfy(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.WRONG_ROUTE);
            assertThat(alert.alertId()).isEqualTo(Alert.idOf(AlertType.WRONG_ROUTE, TRIP, minutes(2)));
            assertThat(alert.startTs()).isEqualTo(minutes(2));
            assertThat(alert.detectedAt()).isEqualTo(minutes(4));
        });
        Alert ended = peer.alerts().get(1);
        assertThat(ended.endTs()).isEqualTo(minutes(6));
        assertThat(ended.details().maxDistanceMeters()).isBetween(509.0, 511.0);
    }

    @Test
    void shouldNotRaiseAnExcursionAtFourHundredAndNinetyMetres() {
        excursion(490, 3);

        assertThat(peer.alerts()).isEmpty();
    }

    @Test
    void shouldNotRaiseOneStrayFix() {
        excursion(800, 0);

        assertThat(peer.alerts()).isEmpty();
    }

    @Test
    void shouldNotRaiseAnExcursionShorterThanTwoMinutes() {
        excursion(1_500, 1.5);

        assertThat(peer.alerts()).isEmpty();
    }

    // ---- SIGNAL_LOST ----

    @Test
    void shouldRaiseASilenceOfFifteenMinutesOutsideAnIgnoreZone() {
        peer.ignoreZone("elsewhere", 21.3, 105.6, 0.01).onActiveTrip();
        peer.driving(minutes(1), 0).driving(minutes(2), 800);
        peer.clock(minutes(17));
        assertThat(peer.alerts()).isEmpty();

        peer.clock(minutes(17.01));
        peer.driving(minutes(30), 20_000);

        assertThat(peer.alerts()).hasSize(2).allSatisfy(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.SIGNAL_LOST);
            assertThat(alert.startTs()).isEqualTo(minutes(2));
            assertThat(alert.detectedAt()).isEqualTo(minutes(17));
        });
        assertThat(peer.alerts().get(1).endTs()).isEqualTo(minutes(30));
    }

    @Test
    void shouldNotRaiseASilenceWhoseLastFixLiesInAnIgnoreZone() {
        peer.ignoreZone("tunnel", ROUTE_LAT, 105.2, 0.02).onActiveTrip();
        peer.driving(minutes(1), 0).driving(minutes(2), 800);
        peer.clock(minutes(60));

        assertThat(peer.alerts()).isEmpty();
    }

    // ---- CONTAINER_NOT_ARRIVED ----

    /** A trip due at minute 60, driving on its route every minute until {@code lastFixMinute}. */
    private void dueAtMinuteSixty(int lastFixMinute) {
        peer.register(minutes(60)).trip(TripEvent.Type.ACTIVATED, BEGINNING);
        for (int minute = 1; minute <= lastFixMinute; minute++) {
            peer.driving(minutes(minute), minute * 100);
        }
    }

    @Test
    void shouldNotRaiseAnArrivalBeforeExpectedEndAndGrace() {
        dueAtMinuteSixty(88);
        peer.trip(TripEvent.Type.ARRIVED, minutes(89));
        peer.clock(minutes(200));

        assertThat(peer.alerts()).isEmpty();
    }

    @Test
    void shouldRaiseNotArrivedAtExpectedEndAndGraceAndEndItAtTheLateArrival() {
        dueAtMinuteSixty(90);
        assertThat(peer.alerts()).isEmpty();

        peer.trip(TripEvent.Type.ARRIVED, minutes(91));

        assertThat(peer.alerts()).hasSize(2).allSatisfy(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.CONTAINER_NOT_ARRIVED);
            assertThat(alert.alertId()).isEqualTo(Alert.idOf(AlertType.CONTAINER_NOT_ARRIVED, TRIP, minutes(60)));
            assertThat(alert.startTs()).isEqualTo(minutes(60));
            assertThat(alert.detectedAt()).isEqualTo(minutes(90));
        });
        assertThat(peer.alerts().get(1).endTs()).isEqualTo(minutes(91));
    }

    // ---- DOOR_OPENED ----

    @Test
    void shouldRaiseOneDoorOpenedPerOpeningAndEndItWhenClosed() {
        peer.onActiveTrip();
        peer.driving(minutes(1), 0);
        peer.event(minutes(2), SealEvent.Type.DOOR_OPEN);
        peer.fix(minutes(3), 0, 0, DoorState.OPEN);
        peer.fix(minutes(4), 0, 0, DoorState.OPEN);
        peer.event(minutes(5), SealEvent.Type.DOOR_CLOSE);

        assertThat(peer.alerts()).hasSize(2).allSatisfy(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.DOOR_OPENED);
            assertThat(alert.startTs()).isEqualTo(minutes(2));
            assertThat(alert.details()).returns("DOOR_OPEN event", AlertDetails::reportedBy);
        });
        assertThat(peer.alerts().get(1).endTs()).isEqualTo(minutes(5));
    }

    @Test
    void shouldRaiseDoorOpenedWhenAFixReportsTheDoorOpenAfterClosed() {
        peer.onActiveTrip();
        peer.fix(minutes(1), 0, 0, DoorState.CLOSED);
        peer.fix(minutes(2), 0, 0, DoorState.OPEN);

        assertThat(peer.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.DOOR_OPENED);
            assertThat(alert.startTs()).isEqualTo(minutes(2));
            assertThat(alert.details()).returns("fix door state", AlertDetails::reportedBy);
        });
    }

    // ---- only active trips; state ends with the trip ----

    @Test
    void shouldRaiseNothingForATripNotYetActivated() {
        peer.register(minutes(30));
        for (double minute = 1; minute <= 10; minute += 0.5) {
            peer.fix(minutes(minute), 2_000, 0, DoorState.OPEN);
        }
        peer.clock(minutes(300));

        assertThat(peer.alerts()).isEmpty();
    }

    @Test
    void shouldEndEveryOpenEpisodeAndForgetItsStateWhenTheTripArrives() {
        peer.onActiveTrip();
        stoppedEveryFiveMinutes(10, 100);
        peer.event(minutes(101), SealEvent.Type.DOOR_OPEN);
        peer.trip(TripEvent.Type.ARRIVED, minutes(102));

        assertThat(peer.finalAlerts().values()).extracting(Alert::type)
                .containsExactlyInAnyOrder(AlertType.STOP_OVER_90_MIN, AlertType.DOOR_OPENED);
        assertThat(peer.finalAlerts().values()).allSatisfy(alert -> assertThat(alert.endTs()).isEqualTo(minutes(102)));
        for (String store : SealRulesProcessor.EPISODE_STORES) {
            assertThat(peer.keysOf(store)).as(store).doesNotContain(IMEI);
        }
        assertThat(peer.keysOf(SealRulesProcessor.DEADLINES)).isEmpty();
        assertThat(peer.keysOf(SealRulesProcessor.TRIPS)).containsExactly(IMEI); // the ended trip's id only
    }

    @Test
    void shouldSetALineThatIsNoRecordAsideAndGoOn() throws Exception {
        peer.onActiveTrip();
        peer.line(Topic.SEAL_FIXES.name(), "{\"imei\": \"" + IMEI + "\", \"ts\": ", minutes(1));
        peer.event(minutes(2), SealEvent.Type.DOOR_OPEN);

        assertThat(peer.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo(Topic.SEAL_FIXES.name());
            assertThat(letter.kind()).isEqualTo(DeadLetter.Kind.UNREADABLE);
        });
        assertThat(peer.alerts()).extracting(Alert::type).containsExactly(AlertType.DOOR_OPENED);
    }
}
