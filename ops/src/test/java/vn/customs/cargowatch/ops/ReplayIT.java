package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.*;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.DoorState;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TripStatus;

/**
 * {@code cargowatch replay} end to end on a Flink MiniCluster: eight trips, each breaking at most one rule,
 * give exactly the five alerts they should — no more, none missing — with out-of-order and duplicate
 * fixes in the input.
 */
class ReplayIT {

    static final String NORMAL = "NORMAL", DETOUR = "DETOUR", PARKED = "PARKED", SILENT = "SILENT",
            DEADSPOT = "DEADSPOT", OPENED = "OPENED", LATE = "LATE", UNACTIVATED = "UNACTIVATED";
    private static final List<String> TRIPS =
            List.of(NORMAL, DETOUR, PARKED, SILENT, DEADSPOT, OPENED, LATE, UNACTIVATED);

    @TempDir
    Path work;

    static String imei(String trip) {
        return "35693803564380" + TRIPS.indexOf(trip);
    }

    static String container(String trip) {
        return "CWTU" + String.format("%06d", TRIPS.indexOf(trip)) + "0";
    }

    /** A trip registered at minute 0, activated at 5, expected at 300 (LATE: at 240). */
    private static void trip(InputFolder input, String trip, boolean activate) {
        Instant expectedEnd = trip.equals(LATE) ? at(240) : at(300);
        input.add(Topic.SEAL_TRIPS, registered(trip, imei(trip), container(trip), at(0), expectedEnd));
        if (activate) {
            input.add(Topic.SEAL_TRIPS, lifecycle(trip, imei(trip), TripEvent.Type.ACTIVATED, at(5)));
        }
    }

    private static SealFix onRoute(String trip, double minute) {
        return fix(imei(trip), at(minute), (minute - 5) / 300, 0, 45);
    }

    private static void fixes(InputFolder input, String trip, int from, int to) {
        for (int minute = from; minute <= to; minute++) {
            input.add(Topic.SEAL_FIXES, onRoute(trip, minute));
        }
    }

    private static void arrive(InputFolder input, String trip, double minute) {
        input.add(Topic.SEAL_TRIPS, lifecycle(trip, imei(trip), TripEvent.Type.ARRIVED, at(minute)));
    }

    static InputFolder eightTrips() {
        InputFolder input = new InputFolder();
        offices().forEach(office -> input.add(Topic.CUSTOMS_OFFICES, office));
        input.add(Topic.IGNORE_ZONES, ignoreZone("deo-khe", 0.3, 2_000));
        TRIPS.forEach(trip -> trip(input, trip, !trip.equals(UNACTIVATED)));

        // NORMAL: on route all the way; one fix 90 s late (after the next one) and one sent twice.
        for (int minute = 5; minute <= 300; minute++) {
            if (minute == 20) {
                input.addArrivingLate(Topic.SEAL_FIXES, onRoute(NORMAL, minute), Duration.ofSeconds(90));
            } else {
                input.add(Topic.SEAL_FIXES, onRoute(NORMAL, minute));
            }
        }
        input.addArrivingLate(Topic.SEAL_FIXES, onRoute(NORMAL, 30), Duration.ofSeconds(30));
        arrive(input, NORMAL, 300);

        // DETOUR: 3 km off the route from minute 30 to 44, back at 45; every odd minute's fix arrives
        // after the next one, the return to the route among them.
        for (int minute = 5; minute <= 280; minute++) {
            boolean off = minute >= 30 && minute < 45;
            SealFix fix = fix(imei(DETOUR), at(minute), (minute - 5) / 300.0, off ? 3_000 : 0, 45);
            input.addArrivingLate(Topic.SEAL_FIXES, fix, Duration.ofSeconds(minute % 2 == 1 ? 75 : 0));
        }
        arrive(input, DETOUR, 280);

        // PARKED: stopped on the route from minute 30 to 129, moving again at 130.
        for (int minute = 5; minute <= 280; minute++) {
            boolean stopped = minute >= 30 && minute < 130;
            SealFix fix = stopped ? fix(imei(PARKED), at(minute), 25 / 300.0, 0, 0) : onRoute(PARKED, minute);
            input.add(Topic.SEAL_FIXES, fix);
        }
        arrive(input, PARKED, 280);

        // SILENT: no fix from minute 41 to 69.
        fixes(input, SILENT, 5, 40);
        fixes(input, SILENT, 70, 280);
        arrive(input, SILENT, 280);

        // DEADSPOT: silent from minute 96 to 139, the last fix before inside the ignore zone.
        fixes(input, DEADSPOT, 5, 95);
        fixes(input, DEADSPOT, 140, 280);
        arrive(input, DEADSPOT, 280);

        // OPENED: the door opens at minute 50 and closes at 60; fixes in between report it open.
        for (int minute = 5; minute <= 280; minute++) {
            SealFix fix = onRoute(OPENED, minute);
            boolean open = minute >= 50 && minute < 60;
            input.add(Topic.SEAL_FIXES, new SealFix(fix.imei(), fix.ts(), fix.lat(), fix.lon(), fix.speedKmh(),
                    fix.heading(), fix.satellites(), fix.hdop(), fix.battery(), open ? DoorState.OPEN : DoorState.CLOSED));
        }
        input.add(Topic.SEAL_EVENTS, door(imei(OPENED), at(50), SealEvent.Type.DOOR_OPEN, 45 / 300.0));
        input.add(Topic.SEAL_EVENTS, door(imei(OPENED), at(60), SealEvent.Type.DOOR_CLOSE, 55 / 300.0));
        arrive(input, OPENED, 280);

        // LATE: still driving at minute 300, never confirmed arrived (expected at 240).
        fixes(input, LATE, 5, 300);

        // UNACTIVATED: registered, reports off route, never activated: no alert.
        for (int minute = 5; minute <= 100; minute++) {
            input.add(Topic.SEAL_FIXES, fix(imei(UNACTIVATED), at(minute), 0.1, 5_000, 0));
        }
        return input;
    }

    @Test
    void shouldRaiseExactlyTheAlertsTheTripsDeserve() throws Exception {
        Path input = eightTrips().writeTo(work.resolve("in"));
        Path output = work.resolve("out");

        int exit = Cargowatch.run("replay", "--input", input.toString(), "--output", output.toString());

        assertThat(exit).isZero();
        OutputFolder out = new OutputFolder(output);
        assertThat(out.deadLetters()).isEmpty();
        assertThat(out.finalAlerts().values())
                .extracting(Alert::type, Alert::tripId, Alert::startTs, Alert::endTs)
                .containsExactlyInAnyOrder(
                        tuple(AlertType.WRONG_ROUTE, DETOUR, at(30), at(45)),
                        tuple(AlertType.STOP_OVER_90_MIN, PARKED, at(30), at(130)),
                        tuple(AlertType.SIGNAL_LOST, SILENT, at(40), at(70)),
                        tuple(AlertType.DOOR_OPENED, OPENED, at(50), at(60)),
                        tuple(AlertType.CONTAINER_NOT_ARRIVED, LATE, at(240), null));
        assertThat(out.finalAlerts().values()).allSatisfy(alert -> {
            assertThat(alert.alertId()).isEqualTo(Alert.idOf(alert.type(), alert.tripId(), alert.startTs()));
            assertThat(alert.nearestOffice()).isNotNull();
            assertThat(alert.containerNo()).isEqualTo(container(alert.tripId()));
            assertThat(alert.branchCode()).isEqualTo("03CE");
        });
        assertThat(out.records(Topic.ALERTS)).as("each episode raised once and ended once").hasSize(9);
        assertThat(out.finalStatuses().values())
                .extracting(TripStatus::tripId, TripStatus::state, TripStatus::alertCount)
                .containsExactlyInAnyOrder(
                        tuple(NORMAL, TripStatus.State.ARRIVED, 0),
                        tuple(DETOUR, TripStatus.State.ARRIVED, 1),
                        tuple(PARKED, TripStatus.State.ARRIVED, 1),
                        tuple(SILENT, TripStatus.State.ARRIVED, 1),
                        tuple(DEADSPOT, TripStatus.State.ARRIVED, 0),
                        tuple(OPENED, TripStatus.State.ARRIVED, 1),
                        tuple(LATE, TripStatus.State.ACTIVE, 1),
                        tuple(UNACTIVATED, TripStatus.State.REGISTERED, 0));
    }

    @Test
    void shouldApplyTheSupervisorsActionsAndRefuseTheInvalidOnes() throws Exception {
        InputFolder input = eightTrips();
        String detour = Alert.idOf(AlertType.WRONG_ROUTE, DETOUR, at(30));
        input.add(Topic.ALERTS_ACTIONS, new AlertAction(detour, Action.ACK, "Nguyễn Văn An", "03CE", at(35), null, null));
        input.add(Topic.ALERTS_ACTIONS, new AlertAction(detour, Action.ACK, "Trần Thị Bình", "03CE", at(36), null, null));
        input.add(Topic.ALERTS_ACTIONS, new AlertAction(detour, Action.VERIFY, "Lê Văn Cường", "01IK", at(38), null, null));
        input.add(Topic.ALERTS_ACTIONS, new AlertAction(detour, Action.ESCALATE, "Phạm Minh Đức", "00", at(40),
                "driver does not answer", "03TG"));
        input.add(Topic.ALERTS_ACTIONS, new AlertAction(detour, Action.VERIFY, "Nguyễn Văn An", "03CE", at(50),
                "03TG on site: road works detour, seal intact", null));
        input.add(Topic.ALERTS_ACTIONS, new AlertAction(detour, Action.RESOLVE, "Nguyễn Văn An", "03CE", at(55), null, null));
        input.add(Topic.ALERTS_ACTIONS, new AlertAction("no-such-alert", Action.ACK, "Nguyễn Văn An", "03CE", at(60),
                null, null));
        Path output = work.resolve("out");

        int exit = Cargowatch.run("replay", "--input", input.writeTo(work.resolve("in")).toString(),
                "--output", output.toString());

        assertThat(exit).isZero();
        OutputFolder out = new OutputFolder(output);
        assertThat(out.finalAlerts().get(detour)).extracting(Alert::state, Alert::endTs)
                .containsExactly(AlertState.RESOLVED, at(45));
        assertThat(out.finalAlerts().values()).filteredOn(alert -> !alert.alertId().equals(detour))
                .allSatisfy(alert -> assertThat(alert.state()).isNotEqualTo(AlertState.RESOLVED));
        assertThat(out.records(Topic.ALERTS_HISTORY))
                .extracting(AlertHistoryEntry::action, AlertHistoryEntry::byUnit, AlertHistoryEntry::toState)
                .containsExactly(
                        tuple(Action.ACK, "03CE", AlertState.ACKNOWLEDGED),
                        tuple(Action.ESCALATE, "00", AlertState.ESCALATED),
                        tuple(Action.VERIFY, "03CE", AlertState.VERIFIED),
                        tuple(Action.RESOLVE, "03CE", AlertState.RESOLVED));
        assertThat(out.deadLetters()).allSatisfy(letter -> {
            assertThat(letter.topic()).isEqualTo("alerts.actions");
            assertThat(letter.kind()).isEqualTo(DeadLetter.Kind.REFUSED);
        }).extracting(DeadLetter::reason).containsExactlyInAnyOrder(
                "the alert is already acknowledged",
                "unit 01IK may not act on this alert: only its Branch (03CE), its Department (03PL) or the General "
                        + "Department (00) may",
                "unknown alert no-such-alert: no such alert is open");
    }

    /**
     * One trip's seal reports a weak battery at minute 40, a tamper at 60 (twice), is switched off at 99.5 and on again
     * at 130, and is switched off after its arrival; another seal, on a trip never activated, reports all of these too.
     */
    @Test
    void shouldRaiseTheSealsOwnAlertsOnlyOnAnActiveTrip() throws Exception {
        String sealed = "SEALED", idle = "IDLE";
        String imei = "356938035643818", idleImei = "356938035643819";
        InputFolder input = new InputFolder();
        offices().forEach(office -> input.add(Topic.CUSTOMS_OFFICES, office));
        input.add(Topic.SEAL_TRIPS, registered(sealed, imei, "CWTU0000180", at(0), at(300)));
        input.add(Topic.SEAL_TRIPS, lifecycle(sealed, imei, TripEvent.Type.ACTIVATED, at(5)));
        input.add(Topic.SEAL_TRIPS, registered(idle, idleImei, "CWTU0000190", at(0), at(300)));
        for (int minute = 5; minute <= 280; minute++) {
            if (minute >= 100 && minute < 130) {
                continue;
            }
            SealFix fix = fix(imei, at(minute), (minute - 5) / 300.0, 0, 45);
            double battery = minute < 40 ? 21 : 19;
            input.add(Topic.SEAL_FIXES, new SealFix(fix.imei(), fix.ts(), fix.lat(), fix.lon(), fix.speedKmh(),
                    fix.heading(), fix.satellites(), fix.hdop(), battery, fix.door()));
        }
        input.add(Topic.SEAL_EVENTS, sealEvent(imei, at(40), SealEvent.Type.LOW_BATTERY, 35 / 300.0));
        input.add(Topic.SEAL_EVENTS, sealEvent(imei, at(60), SealEvent.Type.TAMPER, 55 / 300.0));
        input.add(Topic.SEAL_EVENTS, sealEvent(imei, at(61), SealEvent.Type.TAMPER, 56 / 300.0));
        input.add(Topic.SEAL_EVENTS, new SealEvent(imei, at(99.5), SealEvent.Type.POWER_OFF, null, null));
        input.add(Topic.SEAL_EVENTS, sealEvent(imei, at(130), SealEvent.Type.POWER_ON, 125 / 300.0));
        input.add(Topic.SEAL_TRIPS, lifecycle(sealed, imei, TripEvent.Type.ARRIVED, at(280)));
        input.add(Topic.SEAL_EVENTS, sealEvent(imei, at(282), SealEvent.Type.POWER_OFF, 275 / 300.0));
        for (SealEvent.Type type : List.of(SealEvent.Type.LOW_BATTERY, SealEvent.Type.TAMPER, SealEvent.Type.POWER_OFF)) {
            input.add(Topic.SEAL_EVENTS, sealEvent(idleImei, at(50 + type.ordinal()), type, 0.1));
        }
        input.add(Topic.SEAL_FIXES, fix(idleImei, at(300), 0.1, 0, 0)); // the input goes on past the silences' deadlines
        Path output = work.resolve("out");

        int exit = Cargowatch.run("replay", "--input", input.writeTo(work.resolve("in")).toString(),
                "--output", output.toString());

        assertThat(exit).isZero();
        OutputFolder out = new OutputFolder(output);
        assertThat(out.deadLetters()).isEmpty();
        assertThat(out.finalAlerts().values())
                .extracting(Alert::type, Alert::tripId, Alert::startTs, Alert::endTs)
                .containsExactlyInAnyOrder(
                        tuple(AlertType.SEAL_LOW_BATTERY, sealed, at(40), at(280)),
                        tuple(AlertType.SEAL_TAMPERED, sealed, at(60), at(280)),
                        tuple(AlertType.SEAL_POWER_OFF, sealed, at(99.5), at(130)),
                        tuple(AlertType.SIGNAL_LOST, sealed, at(99), at(130)));
        assertThat(out.finalAlerts().values()).allSatisfy(alert -> {
            assertThat(alert.alertId()).isEqualTo(Alert.idOf(alert.type(), alert.tripId(), alert.startTs()));
            assertThat(alert.severity()).isEqualTo(alert.type().severity());
            assertThat(alert.nearestOffice()).isNotNull();
        });
        Alert silence = out.finalAlerts().get(Alert.idOf(AlertType.SIGNAL_LOST, sealed, at(99)));
        assertThat(silence.details()).returns(at(99.5).toString(), AlertDetails::powerOffAt);
        Alert switchedOff = out.finalAlerts().get(Alert.idOf(AlertType.SEAL_POWER_OFF, sealed, at(99.5)));
        double[] lastFix = along(94 / 300.0, 0);
        assertThat(switchedOff.lat()).as("where the seal was last seen").isCloseTo(lastFix[0], within(1e-6));
        assertThat(out.finalStatuses().get(sealed).alertCount()).isEqualTo(4);
    }

    @Test
    void shouldGiveTheSameAlertsOnASecondReplayOfTheSameInput() throws Exception {
        Path input = eightTrips().writeTo(work.resolve("in"));
        Cargowatch.run("replay", "--input", input.toString(), "--output", work.resolve("first").toString());
        Cargowatch.run("replay", "--input", input.toString(), "--output", work.resolve("second").toString());

        assertThat(new OutputFolder(work.resolve("second")).records(Topic.ALERTS))
                .containsExactlyInAnyOrderElementsOf(new OutputFolder(work.resolve("first")).records(Topic.ALERTS));
    }

}
