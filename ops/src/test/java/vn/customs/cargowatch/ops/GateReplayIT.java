package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.ContainerNumber;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.GateMatch.Barrier;
import vn.customs.cargowatch.model.GateMatch.Result;
import vn.customs.cargowatch.model.Place;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.ReviewAction;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.YardEntry;

/**
 * {@code cargowatch replay} end to end with ICD gate traffic (1572): every recognition gets its gate match,
 * a sealed trip seen entering its destination ICD is arrived (and not reported as not arrived), the yard is
 * what went in minus what went out, and bad recognitions are dead letters.
 */
class GateReplayIT {

    private static final String ICD = "ICDGL";
    private static final String PLATE = "29C-123.45";

    @TempDir
    Path work;

    /** A container number with its right check digit, serial {@code serial} of owner CWTU. */
    static String container(int serial) {
        String body = String.format("CWTU%06d", serial);
        int check = ContainerNumber.checkValue(body);
        return check == 10 ? container(serial + 1000) : body + check;
    }

    private static Recognition truck(String eventId, Direction direction, double minute, String containerNo) {
        return new Recognition(eventId, ICD, ICD + "-G1", null, ICD + "-G1-CAM-" + direction, direction, at(minute),
                containerNo, null, PLATE, 0.95, null, null);
    }

    private static Declaration declaration(String no, Declaration.Status status, double minute, String containerNo) {
        return new Declaration(no, Declaration.Kind.IMPORT, ICD, List.of(containerNo), List.of("29C12345"), status,
                Declaration.Risk.GREEN, at(minute));
    }

    @Test
    void shouldMatchEveryTruckKeepTheYardAndArriveSealedTripsSeenAtTheGate() throws Exception {
        String sealed = container(100), cleared = container(1), late = container(2), tooLate = container(3),
                uncleared = container(4), cancelled = container(5);
        String imei = "356938035643801";
        InputFolder input = new InputFolder();
        offices().forEach(office -> input.add(Topic.CUSTOMS_OFFICES, office));

        // A sealed trip to ICD Gia Lâm, expected at minute 60, seen entering at minute 50, never confirmed.
        TripEvent registration = registered("SEALED", imei, sealed, at(0), at(60));
        input.add(Topic.SEAL_TRIPS, new TripEvent(registration.tripId(), registration.type(), registration.ts(), imei,
                sealed, registration.declarationNo(), registration.truckPlate(), null, registration.regime(),
                registration.origin(), new Place("01IK", "Chi cục HQ Gia Lâm", GIA_LAM[0], GIA_LAM[1], ICD),
                registration.expectedStart(), registration.expectedEnd(), registration.route(), null,
                registration.contacts(), registration.branchCode(), registration.departmentCode()));
        input.add(Topic.SEAL_TRIPS, lifecycle("SEALED", imei, TripEvent.Type.ACTIVATED, at(1)));
        for (int minute = 2; minute <= 49; minute++) {
            input.add(Topic.SEAL_FIXES, fix(imei, at(minute), minute / 50.0, 0, 50));
        }
        input.add(Topic.CAMERA_RECOGNITIONS, truck("in-sealed", Direction.IN, 50, sealed));
        input.add(Topic.CUSTOMS_DECLARATIONS, declaration("D0", Declaration.Status.REGISTERED, 5, sealed));

        // REGISTERED at the IN gate, CLEARED before the OUT gate.
        input.add(Topic.CUSTOMS_DECLARATIONS, declaration("D1", Declaration.Status.REGISTERED, 10, cleared));
        input.add(Topic.CAMERA_RECOGNITIONS, truck("in-1", Direction.IN, 11, cleared));
        input.add(Topic.CUSTOMS_DECLARATIONS, declaration("D1", Declaration.Status.CLEARED, 60, cleared));
        input.add(Topic.CAMERA_RECOGNITIONS, truck("out-1", Direction.OUT, 70, cleared));
        // The declaration 1 minute after the truck (within the 2-minute wait), and 5 minutes after (beyond).
        input.add(Topic.CAMERA_RECOGNITIONS, truck("in-2", Direction.IN, 20, late));
        input.add(Topic.CUSTOMS_DECLARATIONS, declaration("D2", Declaration.Status.REGISTERED, 21, late));
        input.add(Topic.CAMERA_RECOGNITIONS, truck("in-3", Direction.IN, 30, tooLate));
        input.add(Topic.CUSTOMS_DECLARATIONS, declaration("D3", Declaration.Status.REGISTERED, 35, tooLate));
        // Leaving while the declaration is only registered; leaving on a cancelled declaration.
        input.add(Topic.CUSTOMS_DECLARATIONS, declaration("D4", Declaration.Status.REGISTERED, 10, uncleared));
        input.add(Topic.CAMERA_RECOGNITIONS, truck("in-4", Direction.IN, 12, uncleared));
        input.add(Topic.CAMERA_RECOGNITIONS, truck("out-4", Direction.OUT, 40, uncleared));
        input.add(Topic.CUSTOMS_DECLARATIONS, declaration("D5", Declaration.Status.REGISTERED, 10, cancelled));
        input.add(Topic.CUSTOMS_DECLARATIONS, declaration("D5", Declaration.Status.CANCELLED, 15, cancelled));
        input.add(Topic.CAMERA_RECOGNITIONS, truck("out-5", Direction.OUT, 45, cancelled));
        // Keeps the cameras talking so event time passes well beyond every deadline.
        for (int minute = 75; minute <= 200; minute += 10) {
            input.add(Topic.CAMERA_RECOGNITIONS, truck("idle-" + minute, Direction.IN, minute, null));
        }
        // Bad recognitions.
        input.addLine(Topic.CAMERA_RECOGNITIONS, "{\"eventId\":\"bad-1\",\"icdCode\":\"" + ICD
                + "\",\"cameraId\":\"c\",\"direction\":\"IN\",\"ts\":\"2026-11-22T01:00:00Z\"}");
        input.addLine(Topic.CAMERA_RECOGNITIONS, "{\"eventId\":\"bad-2\",\"icdCode\":\"" + ICD
                + "\",\"gateId\":\"g\",\"cameraId\":\"c\",\"direction\":\"SIDEWAYS\",\"ts\":\"2026-11-22T01:01:00Z\"}");
        input.addLine(Topic.CAMERA_RECOGNITIONS, "{\"eventId\":\"bad-3\",");

        Path output = work.resolve("out");
        int exit = Cargowatch.run("replay", "--input", input.writeTo(work.resolve("in")).toString(),
                "--output", output.toString());
        assertThat(exit).isZero();
        OutputFolder out = new OutputFolder(output);

        Map<String, GateMatch> matches = new TreeMap<>();
        out.records(Topic.GATE_MATCHES).forEach(match -> matches.put(match.eventId(), match));
        assertThat(matches.values()).filteredOn(match -> !match.eventId().startsWith("idle"))
                .extracting(GateMatch::eventId, GateMatch::result, GateMatch::barrier)
                .containsExactlyInAnyOrder(
                        tuple("in-sealed", Result.MATCHED, Barrier.OPEN),
                        tuple("in-1", Result.MATCHED, Barrier.OPEN),
                        tuple("out-1", Result.MATCHED, Barrier.OPEN),
                        tuple("in-2", Result.MATCHED, Barrier.OPEN),
                        tuple("in-3", Result.NO_DECLARATION, Barrier.OPEN),
                        tuple("in-4", Result.MATCHED, Barrier.OPEN),
                        tuple("out-4", Result.NOT_CLEARED, Barrier.HOLD),
                        tuple("out-5", Result.NO_DECLARATION, Barrier.HOLD));
        assertThat(out.records(Topic.GATE_MATCHES)).as("one match per recognition").hasSize(8 + 13);

        Map<AlertType, List<String>> alerts = out.finalAlerts().values().stream().collect(
                Collectors.groupingBy(Alert::type, TreeMap::new, Collectors.mapping(Alert::containerNo, Collectors.toList())));
        assertThat(alerts).containsEntry(AlertType.UNCLEARED_EXIT, List.of(uncleared))
                .containsEntry(AlertType.NO_DECLARATION, List.of(cancelled))
                .doesNotContainKey(AlertType.CONTAINER_NOT_ARRIVED);
        assertThat(alerts.get(AlertType.INCOMPLETE_RECOGNITION)).hasSize(13);

        assertThat(out.finalStatuses().get("SEALED")).satisfies(status -> {
            assertThat(status.state()).isEqualTo(TripStatus.State.ARRIVED);
            assertThat(status.arrivedBy()).isEqualTo(TripStatus.ArrivedBy.GATE_CAMERA);
        });

        Set<String> yard = new java.util.TreeSet<>();
        out.records(Topic.YARD_INVENTORY).forEach(entry -> {
            if (entry.op() == YardEntry.Op.UPSERT) {
                yard.add(entry.containerNo());
            } else {
                yard.remove(entry.containerNo());
            }
        });
        assertThat(yard).containsExactlyInAnyOrder(sealed, late, tooLate);

        assertThat(out.deadLetters()).extracting(DeadLetter::topic, DeadLetter::reason).containsExactlyInAnyOrder(
                tuple("camera.recognitions", "gateId is missing"),
                tuple("camera.recognitions", "direction: 'SIDEWAYS' is not one of [IN, OUT]"),
                tuple("camera.recognitions", "not valid JSON: Unexpected end-of-input within/between Object entries"));
    }


    /**
     * The shift's review list worked through (1572 §II.1.5, §I.3.4): the ICD's Branch completes an unread container
     * by a read by hand, which is matched like any read (a declaration, the yard) and does not count as its camera
     * talking; it confirms a corrected read; another Branch's completion and a confirmation of an unread container
     * are refused as dead letters, the items left open.
     */
    @Test
    void shouldCompleteAndConfirmTheShiftReviewList() throws Exception {
        String corrected = container(20), completed = container(21);
        String misread = corrected.replaceFirst("0", "O");
        InputFolder input = new InputFolder();
        offices().stream().map(office -> office.unitCode().equals("01IK")
                        ? new CustomsOffice("01IK", office.name(), office.level(), office.parentCode(), office.lat(),
                                office.lon(), office.phone(), List.of(ICD))
                        : office)
                .forEach(office -> input.add(Topic.CUSTOMS_OFFICES, office));
        input.add(Topic.CUSTOMS_DECLARATIONS, declaration("D20", Declaration.Status.REGISTERED, 5, corrected));
        input.add(Topic.CUSTOMS_DECLARATIONS, declaration("D21", Declaration.Status.REGISTERED, 5, completed));
        input.add(Topic.CAMERA_RECOGNITIONS, truck("in-misread", Direction.IN, 20, misread));
        for (int minute = 30; minute <= 200; minute += 10) {
            input.add(Topic.CAMERA_RECOGNITIONS, truck("idle-" + minute, Direction.IN, minute, null));
        }
        // minute 60: the Branch completes the unread container of minute 30; minute 65: a Branch of another ICD tries
        input.add(Topic.CAMERA_RECOGNITIONS, byHand("idle-30", "01IK", 60, completed));
        input.add(Topic.CAMERA_RECOGNITIONS, byHand("idle-40", "03TG", 65, container(22)));
        input.add(Topic.GATE_REVIEW_ACTIONS, new ReviewAction("in-misread", ReviewAction.Action.CONFIRM,
                "Trần Thị Bình", "01IK", at(70), "khớp camera quan sát", null, null));
        input.add(Topic.GATE_REVIEW_ACTIONS, new ReviewAction("idle-50", ReviewAction.Action.CONFIRM,
                "Trần Thị Bình", "01IK", at(75), null, null, null));

        Path output = work.resolve("out");
        assertThat(Cargowatch.run("replay", "--input", input.writeTo(work.resolve("in")).toString(),
                "--output", output.toString())).isZero();
        OutputFolder out = new OutputFolder(output);

        Map<String, ReviewItem> review = new TreeMap<>();
        out.records(Topic.GATE_REVIEW).forEach(item -> review.put(item.eventId(), item));
        assertThat(review.get("idle-30")).satisfies(item -> {
            assertThat(item.state()).isEqualTo(ReviewItem.State.COMPLETED);
            assertThat(item.completedBy()).isEqualTo("idle-30-hand");
            assertThat(item.completedContainerNo()).isEqualTo(completed);
            assertThat(item.reviewedBy()).isEqualTo("Trần Thị Bình");
            assertThat(item.reviewedAt()).isEqualTo(at(60));
        });
        assertThat(review.get("in-misread")).extracting(ReviewItem::kind, ReviewItem::state, ReviewItem::reviewNote)
                .containsExactly(ReviewItem.Kind.CORRECTED, ReviewItem.State.CONFIRMED, "khớp camera quan sát");
        assertThat(review.get("idle-40").state()).isEqualTo(ReviewItem.State.OPEN);
        assertThat(review.get("idle-50").state()).isEqualTo(ReviewItem.State.OPEN);
        assertThat(out.deadLetters()).filteredOn(letter -> letter.kind() == DeadLetter.Kind.REFUSED)
                .extracting(DeadLetter::topic).containsExactlyInAnyOrder("camera.recognitions", "gate.review.actions");

        Map<String, GateMatch> matches = new TreeMap<>();
        out.records(Topic.GATE_MATCHES).forEach(match -> matches.put(match.eventId(), match));
        assertThat(matches.get("idle-30-hand")).extracting(GateMatch::containerNo, GateMatch::result)
                .containsExactly(completed, Result.MATCHED);
        assertThat(out.records(Topic.YARD_INVENTORY)).extracting(YardEntry::containerNo).contains(completed);
        assertThat(out.finalAlerts().values()).filteredOn(alert -> alert.type() == AlertType.CAMERA_SILENT)
                .as("a read by hand is no camera falling silent after it").isEmpty();
    }

    private static Recognition byHand(String completes, String unit, double minute, String containerNo) {
        return new Recognition(completes + "-hand", ICD, ICD + "-G1", null, "HAND", Direction.IN, at(minute),
                containerNo, null, PLATE, null, null, null, "Trần Thị Bình", unit, completes);
    }
}
