package vn.customs.cargowatch.ops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.ops.report.ReportFiles.pdfToText;
import static vn.customs.cargowatch.ops.report.ReportFiles.write;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CameraIncident;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Regime;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TrackPoint;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.ops.Cargowatch;

/**
 * {@code report shift} on a replay's folders: the night shift of 22 November 2026 (18:00 to 06:00 Vietnam time, the
 * default {@code gate.shiftChanges}), asserted at its edges — a trip activated a minute before and a minute after the
 * shift began, a trip arrived a minute before and one a minute after it ended, an alert resolved a minute before and
 * one a minute after its end, another Branch's trip and alert, an ICD's reads reviewed in the shift, after it and not
 * at all; from the camera incident log, a camera silent in the shift, one silent only before it, one whose images
 * were useless from before the shift's start into it (its open record replaced by its end), one still useless at the
 * end, one ended at the shift's first instant and one begun at the next shift's.
 */
class ShiftJournalTest {

    private static final String AT = "2026-11-22T20:00:00+07:00";
    private static final Instant START = vn("2026-11-22T18:00");
    private static final Instant END = vn("2026-11-23T06:00");

    @TempDir
    Path work;

    private Path input;
    private Path output;

    @BeforeEach
    void replayFolders() throws Exception {
        input = Files.createDirectories(work.resolve("in"));
        output = Files.createDirectories(work.resolve("out"));
        write(input, Topic.CUSTOMS_OFFICES, List.of(
                new CustomsOffice("00", "Tổng cục Hải quan", CustomsOffice.Level.GENERAL, null, 21.02, 105.84, null),
                new CustomsOffice("03PL", "Cục Hải quan TP Hải Phòng", CustomsOffice.Level.DEPARTMENT, "00", 20.86,
                        106.68, null),
                new CustomsOffice("03CE", "Chi cục HQ CK cảng Hải Phòng KV III", CustomsOffice.Level.BRANCH, "03PL",
                        20.85, 106.70, null),
                new CustomsOffice("03TG", "Chi cục HQ Hải Dương", CustomsOffice.Level.BRANCH, "03PL", 20.94, 106.33,
                        null),
                new CustomsOffice("01TT", "Cục Hải quan TP Hà Nội", CustomsOffice.Level.DEPARTMENT, "00", 21.03,
                        105.85, null),
                new CustomsOffice("01IK", "Chi cục HQ Gia Lâm", CustomsOffice.Level.BRANCH, "01TT", 21.03, 105.93,
                        null, List.of("ICDGL"))));
        write(output, Topic.TRIPS_STATUS, List.of(
                trip("T-BEFORE", "MSKU1000001", "03CE", vn("2026-11-22T17:59"), null, null),
                trip("T-AFTER", "MSKU1000002", "03CE", vn("2026-11-22T18:01"), null, null),
                trip("T-ENDED", "MSKU1000003", "03CE", vn("2026-11-22T12:00"), vn("2026-11-23T05:59"),
                        TripStatus.ArrivedBy.GATE_CAMERA),
                trip("T-LATER", "MSKU1000004", "03CE", vn("2026-11-22T12:00"), vn("2026-11-23T06:01"),
                        TripStatus.ArrivedBy.CONFIRMATION),
                trip("T-OLD", "MSKU1000005", "03CE", vn("2026-11-21T08:00"), vn("2026-11-22T17:59"),
                        TripStatus.ArrivedBy.CONFIRMATION),
                trip("T-OTHER", "TGHU9000001", "03TG", vn("2026-11-22T19:00"), null, null)));
        write(output, Topic.TRIPS_TRACK, List.of(
                new TrackPoint("T-AFTER", "356938035643802", vn("2026-11-23T05:50"), 20.9, 106.5, 40.0, 0.0, null,
                        null),
                new TrackPoint("T-AFTER", "356938035643802", vn("2026-11-23T06:05"), 20.9, 106.5, 40.0, 0.0, null,
                        null)));
        write(output, Topic.TRIPS_CLOSINGS, List.of(
                closing("T-ENDED", "MSKU1000003", "01IK", vn("2026-11-23T05:59")),
                closing("T-OVERDUE", "MSKU1000006", "03CE", vn("2026-11-22T02:00")),
                closing("T-WAITING", "MSKU1000007", "03CE", vn("2026-11-22T20:00"))));
        Alert resolvedBefore = alert("A-RESOLVED-BEFORE", "MSKU1000001", "03CE", vn("2026-11-22T19:00"),
                AlertState.RESOLVED);
        Alert resolvedAfter = alert("A-RESOLVED-AFTER", "MSKU1000002", "03CE", vn("2026-11-22T21:00"),
                AlertState.RESOLVED);
        write(output, Topic.ALERTS, List.of(resolvedBefore, resolvedAfter,
                alert("A-OTHER", "TGHU9000001", "03TG", vn("2026-11-22T22:00"), AlertState.OPEN),
                silence("S-IN-SHIFT", "CAM-2", vn("2026-11-23T03:00"), vn("2026-11-23T04:00")),
                silence("S-BEFORE", "CAM-1", vn("2026-11-22T15:00"), vn("2026-11-22T17:30")),
                frozen("D-ACROSS", "CAM-3", vn("2026-11-22T17:00"), vn("2026-11-22T19:30"))));
        write(output, Topic.CAMERAS_INCIDENTS, List.of(
                incident("S-BEFORE", CameraIncident.Kind.SILENT, null, "CAM-1", vn("2026-11-22T15:00"), null),
                incident("S-BEFORE", CameraIncident.Kind.SILENT, null, "CAM-1", vn("2026-11-22T15:00"),
                        vn("2026-11-22T17:30")),
                incident("D-ACROSS", CameraIncident.Kind.DEGRADED, "FROZEN", "CAM-3", vn("2026-11-22T17:00"), null),
                incident("S-AT-START", CameraIncident.Kind.SILENT, null, "CAM-4", vn("2026-11-22T17:00"),
                        START),
                incident("S-IN-SHIFT", CameraIncident.Kind.SILENT, null, "CAM-2", vn("2026-11-23T03:00"), null),
                incident("D-ACROSS", CameraIncident.Kind.DEGRADED, "FROZEN", "CAM-3", vn("2026-11-22T17:00"),
                        vn("2026-11-22T19:30")),
                incident("S-IN-SHIFT", CameraIncident.Kind.SILENT, null, "CAM-2", vn("2026-11-23T03:00"),
                        vn("2026-11-23T04:00")),
                incident("D-OPEN", CameraIncident.Kind.DEGRADED, "BLACK", "CAM-6", vn("2026-11-23T05:00"), null),
                incident("S-AT-END", CameraIncident.Kind.SILENT, null, "CAM-5", END, null)));
        write(output, Topic.ALERTS_HISTORY, List.of(
                history("A-RESOLVED-BEFORE", Action.ACK, vn("2026-11-22T19:10"), AlertState.OPEN,
                        AlertState.ACKNOWLEDGED),
                history("A-RESOLVED-BEFORE", Action.VERIFY, vn("2026-11-22T19:30"), AlertState.ACKNOWLEDGED,
                        AlertState.VERIFIED),
                history("A-RESOLVED-BEFORE", Action.RESOLVE, vn("2026-11-23T05:59"), AlertState.VERIFIED,
                        AlertState.RESOLVED),
                history("S-BEFORE", Action.RESOLVE, vn("2026-11-22T17:45"), AlertState.VERIFIED,
                        AlertState.RESOLVED),
                history("A-RESOLVED-AFTER", Action.ACK, vn("2026-11-22T21:10"), AlertState.OPEN,
                        AlertState.ACKNOWLEDGED),
                history("A-RESOLVED-AFTER", Action.VERIFY, vn("2026-11-22T21:30"), AlertState.ACKNOWLEDGED,
                        AlertState.VERIFIED),
                history("A-RESOLVED-AFTER", Action.RESOLVE, vn("2026-11-23T06:01"), AlertState.VERIFIED,
                        AlertState.RESOLVED)));
        write(output, Topic.DEADLETTER, List.of(
                new DeadLetter("seal.fixes", "lat is out of range", "{}", vn("2026-11-22T23:00"),
                        DeadLetter.Kind.INVALID),
                new DeadLetter("seal.fixes", "lon is out of range", "{}", vn("2026-11-23T01:00"),
                        DeadLetter.Kind.INVALID),
                new DeadLetter("camera.recognitions", "not JSON", "x", vn("2026-11-23T02:00"),
                        DeadLetter.Kind.UNREADABLE),
                new DeadLetter("seal.fixes", "late", "{}", vn("2026-11-23T06:00"), DeadLetter.Kind.LATE)));
        write(output, Topic.GATE_REVIEW, List.of(
                review("R-OPEN", "ICDGL", vn("2026-11-22T19:00"), ReviewItem.State.OPEN, null),
                review("R-IN-SHIFT", "ICDGL", vn("2026-11-22T20:00"), ReviewItem.State.COMPLETED,
                        vn("2026-11-23T05:30")),
                review("R-LATE", "ICDGL", vn("2026-11-22T21:00"), ReviewItem.State.CONFIRMED,
                        vn("2026-11-23T06:10")),
                review("R-OTHER-ICD", "ICDHP", vn("2026-11-22T21:00"), ReviewItem.State.OPEN, null)));
    }

    @Test
    void shouldListTheShiftsTripsAlertsAndClosingsAsOfItsEndForABranch() throws Exception {
        List<Map<String, String>> rows = csv("03CE");

        assertThat(rows).allSatisfy(row -> assertThat(row).containsEntry("unit", "03CE")
                .containsEntry("shift_start_utc", START.toString()).containsEntry("shift_end_utc", END.toString()));
        assertThat(ids(rows, "ACTIVATED")).as("activated a minute after the start, not a minute before")
                .containsExactly("T-AFTER");
        assertThat(ids(rows, "ENDED")).as("arrived a minute before the end; another Branch's trip excluded")
                .containsExactly("T-ENDED");
        assertThat(ids(rows, "UNDER_WATCH")).as("handed over: under way at the end, arrived a minute after it too")
                .containsExactly("T-LATER", "T-BEFORE", "T-AFTER");
        assertThat(ids(rows, "OPEN_ALERT")).as("resolved a minute after the end: handed over; before: not")
                .containsExactly("A-RESOLVED-AFTER");
        assertThat(section(rows, "OPEN_ALERT").get(0)).containsEntry("state", "VERIFIED")
                .containsEntry("type", "WRONG_ROUTE").containsEntry("container_no", "MSKU1000002");
        assertThat(section(rows, "AWAITING_CLOSING")).extracting(row -> row.get("id") + "=" + row.get("state"))
                .containsExactly("T-OVERDUE=OVERDUE", "T-WAITING=AWAITING");
        assertThat(section(rows, "DEADLETTERS")).extracting(row -> row.get("id") + "/" + row.get("type") + "="
                + row.get("count")).containsExactly("camera.recognitions/UNREADABLE=1", "seal.fixes/INVALID=2");
        assertThat(section(rows, "REVIEW_ITEM")).as("03CE lists no ICD").isEmpty();
        assertThat(section(rows, "CAMERA_DOWN")).isEmpty();
    }

    @Test
    void shouldCountATripEndedAtItsDestinationAndListTheIcdsReviewAtABranchWithAnIcd() throws Exception {
        List<Map<String, String>> rows = csv("01IK");

        assertThat(ids(rows, "ACTIVATED")).isEmpty();
        assertThat(section(rows, "ENDED")).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("id", "T-ENDED").containsEntry("unit_code", "01IK"));
        assertThat(section(rows, "AWAITING_CLOSING")).extracting(row -> row.get("id") + "=" + row.get("state"))
                .containsExactly("T-ENDED=AWAITING");
        assertThat(section(rows, "REVIEW_ITEM")).extracting(row -> row.get("id") + "=" + row.get("state"))
                .as("reviewed in the shift, after its end, not at all; another ICD's excluded")
                .containsExactly("R-OPEN=OPEN", "R-IN-SHIFT=REVIEWED", "R-LATE=LATE");
        assertThat(section(rows, "CAMERA_DOWN")).as("in the order they began; ended at the shift's first instant, "
                + "begun at its end, and over before it: not in the shift").extracting(row -> row.get("id") + " "
                        + row.get("type") + " " + row.get("state") + " " + row.get("kind") + "/" + row.get("reason")
                        + " " + row.get("count") + " min from " + row.get("from_utc") + " to " + row.get("to_utc"))
                .containsExactly(
                        "D-ACROSS CAM-3 RESUMED DEGRADED/FROZEN 90 min from " + vn("2026-11-22T17:00") + " to "
                                + vn("2026-11-22T19:30"),
                        "S-IN-SHIFT CAM-2 RESUMED SILENT/ 60 min from " + vn("2026-11-23T03:00") + " to "
                                + vn("2026-11-23T04:00"),
                        "D-OPEN CAM-6 DEGRADED DEGRADED/BLACK 60 min from " + vn("2026-11-23T05:00") + " to ");
        assertThat(section(rows, "CAMERA_DOWN")).allSatisfy(row -> assertThat(row)
                .containsEntry("unit_code", "ICDGL").containsEntry("container_no", ""));
        assertThat(ids(rows, "OPEN_ALERT")).as("a resumed camera's alert left open is handed over")
                .containsExactly("D-ACROSS", "S-IN-SHIFT");
    }

    @Test
    void shouldWriteTheJournalInVietnameseWithTheFormsHeadings() throws Exception {
        Path pdf = work.resolve("shift.pdf");

        assertThat(run("report", "shift", "--unit", "03CE", "--at", AT, "--output", output.toString(), "--input",
                input.toString(), "--format", "pdf", "--out", pdf.toString())).isZero();

        String text = pdfToText(pdf);
        assertThat(text).contains("NHẬT KÝ TRUNG TÂM GIÁM SÁT", "HỆ THỐNG SEAL ĐỊNH VỊ GPS", "TỔNG CỤC HẢI QUAN",
                "CỤC HẢI QUAN TP HẢI PHÒNG", "CHI CỤC HQ CK CẢNG HẢI PHÒNG KV III", "Ngày/tháng/năm",
                "Ca làm việc (từ thời gian - đến)", "Tình trạng hệ thống", "Số hiệu container xuất phát",
                "Số hiệu container kết thúc giám sát", "Ký, ghi rõ họ tên", "22/11/2026",
                "18:00 22/11/2026 - 06:00 23/11/2026", "3 bản ghi lỗi", "Dữ liệu đến 05:50 23/11",
                "seal.fixes / INVALID: 2", "bàn giao cho ca sau (mục I.10.3.b)", "MSKU1000002", "Sai lộ trình",
                "VERIFIED", "Quá hạn kết thúc", "Chờ kết thúc", "Camera cổng ICD", "2026-11-23 05:50",
                "Người nhận ca");
        assertThat(text).doesNotContain("TGHU9000001", "Rà soát dữ liệu camera");
    }

    @Test
    void shouldWriteAnIcdsGateHandoverWithItsReviewAndCameraIncidents() throws Exception {
        Path pdf = work.resolve("icd.pdf");

        assertThat(run("report", "shift", "--unit", "ICDGL", "--at", AT, "--output", output.toString(), "--input",
                input.toString(), "--format", "pdf", "--out", pdf.toString())).isZero();

        String text = pdfToText(pdf);
        assertThat(text).contains("NHẬT KÝ CA TRỰC VÀ BÀN GIAO CA", "Quyết định 1572/QĐ-TCHQ",
                "CHI CỤC HQ GIA LÂM", "ICD ICDGL", "Rà soát dữ liệu camera nhận dạng cuối ca (1572 mục II.1.5)",
                "Chưa rà soát", "Đã bổ sung 2026-11-23 05:30", "(sau khi hết ca)",
                "Sự cố camera trong ca (1572 mục II.1.8)", "3 sự cố camera",
                // the silence detected 30 minutes after the last read (its alert's detection)
                "ICDGL / G-1 / CAM-2 Mất tín hiệu 2026-11-23 03:00 2026-11-23 03:30 2026-11-23 04:00 60 phút",
                "ICDGL / G-1 / CAM-3 Ảnh không dùng được: ảnh đứng hình 2026-11-22 17:00 2026-11-22 17:10 "
                        + "2026-11-22 19:30 90 phút",
                // still black at the end, and no alert of it to say when it was detected
                "ICDGL / G-1 / CAM-6 Ảnh không dùng được: ảnh đen 2026-11-23 05:00 - chưa hoạt động lại 60 phút");
        assertThat(text).doesNotContain("CAM-1", "CAM-4", "CAM-5", "MSKU1000001", "Container bắt đầu giám sát");
    }

    @Test
    void shouldSayInOneLineThatAUnitIsUnknownOrATimeIsBad() {
        for (String[] mistake : List.of(new String[] {"--unit", "NOPE", "--at", AT},
                new String[] {"--unit", "03CE", "--at", "22/11/2026 20:00"})) {
            StringWriter err = new StringWriter();
            List<String> args = new ArrayList<>(List.of("report", "shift"));
            args.addAll(List.of(mistake));
            args.addAll(List.of("--output", output.toString(), "--input", input.toString(), "--format", "csv",
                    "--out", work.resolve("x.csv").toString()));

            int exit = Cargowatch.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                    args.toArray(String[]::new));

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString().strip()).startsWith("cargowatch: ").doesNotContain("\n");
            assertThat(work.resolve("x.csv")).doesNotExist();
        }
    }

    // ---- the folders' records ----

    private List<Map<String, String>> csv(String unit) throws Exception {
        Path csv = work.resolve(unit + ".csv");
        assertThat(run("report", "shift", "--unit", unit, "--at", AT, "--output", output.toString(), "--input",
                input.toString(), "--format", "csv", "--out", csv.toString())).isZero();
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8).get(0)).isEqualTo("unit,shift_start_utc,"
                + "shift_end_utc,section,id,container_no,type,state,from_utc,to_utc,unit_code,count,kind,reason");
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> read = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            read.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static List<Map<String, String>> section(List<Map<String, String>> rows, String section) {
        return rows.stream().filter(row -> section.equals(row.get("section"))).toList();
    }

    private static List<String> ids(List<Map<String, String>> rows, String section) {
        return section(rows, section).stream().map(row -> row.get("id")).toList();
    }

    private static TripStatus trip(String tripId, String containerNo, String branch, Instant activated, Instant ended,
            TripStatus.ArrivedBy arrivedBy) {
        return new TripStatus(tripId, "35693803564380" + tripId.length(), containerNo,
                ended == null ? TripStatus.State.ACTIVE : TripStatus.State.ARRIVED, ended == null ? activated : ended,
                20.9, 106.5, 12.0, 0, arrivedBy, branch, "03CE".equals(branch) || "03TG".equals(branch) ? "03PL"
                        : "01TT", Regime.TEMP_IMPORT_REEXPORT, activated, ended);
    }

    private static TripClosing closing(String tripId, String containerNo, String destination, Instant arrived) {
        return new TripClosing(tripId, "356938035643819", containerNo, destination, "03TG", "03PL", arrived,
                TripStatus.ArrivedBy.GATE_CAMERA, arrived.plusSeconds(86_400), TripClosing.State.AWAITING, null,
                arrived);
    }

    private static Alert alert(String alertId, String containerNo, String branch, Instant start, AlertState state) {
        return new Alert(alertId, AlertType.WRONG_ROUTE, AlertType.WRONG_ROUTE.severity(), "T-" + alertId, null,
                containerNo, start, start.plusSeconds(60), null, 20.9, 106.5, branch, "03PL", null,
                AlertDetails.builder().distanceMeters(900.0).build(), state);
    }

    private static Alert silence(String alertId, String camera, Instant lastSeen, Instant resumed) {
        return new Alert(alertId, AlertType.CAMERA_SILENT, AlertType.CAMERA_SILENT.severity(), null, null, null,
                lastSeen, lastSeen.plusSeconds(1800), resumed, null, null, "01IK", "01TT", null,
                AlertDetails.builder().icdCode("ICDGL").gateId("G-1").cameraId(camera).silentMinutes(30L).build(),
                AlertState.OPEN);
    }

    /** A camera's gate image frozen from {@code start}, raised after 10 minutes of identical images. */
    private static Alert frozen(String alertId, String camera, Instant start, Instant good) {
        return new Alert(alertId, AlertType.CAMERA_DEGRADED, AlertType.CAMERA_DEGRADED.severity(), null, null, null,
                start, start.plusSeconds(600), good, null, null, "01IK", "01TT", null,
                AlertDetails.builder().icdCode("ICDGL").gateId("G-1").cameraId(camera).reason("FROZEN").images(5L)
                        .build(), AlertState.OPEN);
    }

    private static CameraIncident incident(String incidentId, CameraIncident.Kind kind, String reason, String camera,
            Instant start, Instant end) {
        return new CameraIncident(incidentId, kind, reason, "ICDGL", "G-1", camera, start, end,
                end == null ? null : Duration.between(start, end).toMinutes());
    }

    private static AlertHistoryEntry history(String alertId, Action action, Instant ts, AlertState from,
            AlertState to) {
        return new AlertHistoryEntry(alertId, action, "Nguyễn Văn An", "03CE", ts, null, null, from, to, null, null,
                null);
    }

    private static ReviewItem review(String eventId, String icd, Instant ts, ReviewItem.State state,
            Instant reviewedAt) {
        return new ReviewItem(eventId, icd, "G-1", "CAM-2", ts, ReviewItem.Kind.INCOMPLETE, "MSKU12345", null,
                "29H-012.34", "container number unreadable", END, Recognition.Direction.IN, "1", state,
                reviewedAt == null ? null : "Đỗ Thị Mai", reviewedAt == null ? null : "01IK", reviewedAt, null, null,
                null, null);
    }

    private static Instant vn(String local) {
        return LocalDateTime.parse(local).atZone(Times.VIETNAM).toInstant();
    }

    private static int run(String... args) {
        return Cargowatch.run(args);
    }
}
