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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CameraIncident;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.GateMatch.Result;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.Cargowatch;

/**
 * {@code report quarterly-cameras} on a replay's folders (1572 §III.3): the quarter's edges in Vietnam time (a read at
 * its last second counts, one at the next quarter's first does not), a truck counted once with both its containers,
 * complete and incomplete reads, reads by hand left out; from the camera incident log, a SILENT incident across the
 * quarter's start counted from the start only, one still going counted to the quarter's end or to the newest data,
 * one ended at the quarter's first instant and one begun at the next quarter's left out, a DEGRADED incident (its
 * later record replacing its open one) and one overlapping a silence counted once; another Department's ICD left out
 * with {@code --department}; the PDF in Vietnamese and the CSV; a user's mistake in one line.
 */
class CameraQuarterTest {

    /** 2026-Q4 in Vietnam time: 2026-10-01 00:00 +07:00 to 2027-01-01 00:00 +07:00. */
    private static final Instant Q4_START = Instant.parse("2026-09-30T17:00:00Z");
    private static final Instant Q4_END = Instant.parse("2026-12-31T17:00:00Z");
    private static final String HAI_PHONG = "ICDHAIPHONG";
    private static final String GIA_LAM = "ICDGIALAM";
    private static final String HAI_DUONG = "ICDHAIDUONG";
    private static final String HEADER = "quarter,department_code,branch_code,icd_code,camera_id,gate_id,recognitions,"
            + "complete,completeness_pct,incidents,downtime_minutes,uptime_pct,period_start_utc,period_end_utc,"
            + "silent_incidents,degraded_incidents";

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
                        20.84, 106.75, null, List.of(HAI_PHONG)),
                new CustomsOffice("03TG", "Chi cục HQ Hải Dương", CustomsOffice.Level.BRANCH, "03PL", 20.94, 106.33,
                        null, List.of(HAI_DUONG)),
                new CustomsOffice("01", "Cục Hải quan TP Hà Nội", CustomsOffice.Level.DEPARTMENT, "00", 21.03,
                        105.85, null),
                new CustomsOffice("01IK", "Chi cục HQ Gia Lâm", CustomsOffice.Level.BRANCH, "01", 21.05, 105.91, null,
                        List.of(GIA_LAM))));
        write(output, Topic.GATE_MATCHES, List.of(
                read("HP-0", HAI_PHONG, "HP-CAM1", Q4_START.minusSeconds(1), Result.MATCHED),
                read("HP-1", HAI_PHONG, "HP-CAM1", Q4_START, Result.MATCHED),
                read("HP-2", HAI_PHONG, "HP-CAM1", at("2026-11-10T03:00:00Z"), Result.INCOMPLETE),
                // a truck with two containers, its second unread: one recognition, incomplete
                read("HP-3", HAI_PHONG, "HP-CAM1", at("2026-11-10T04:00:00Z"), Result.MATCHED),
                read("HP-3/2", HAI_PHONG, "HP-CAM1", at("2026-11-10T04:00:00Z"), Result.INCOMPLETE),
                // a read by hand while the camera was down: no camera's
                read("HP-H", HAI_PHONG, null, at("2026-11-11T04:00:00Z"), Result.MATCHED),
                read("HP-4", HAI_PHONG, "HP-CAM1", Q4_END.minusSeconds(1), Result.NOT_CLEARED),
                // the same decision again, corrected live: still one read
                read("HP-4", HAI_PHONG, "HP-CAM1", Q4_END.minusSeconds(1), Result.MATCHED).correcting("late declaration"),
                read("HP-5", HAI_PHONG, "HP-CAM1", Q4_END, Result.MATCHED),
                read("HP-6", HAI_PHONG, "HP-CAM2", at("2026-12-01T02:00:00Z"), Result.MATCHED),
                read("GL-1", GIA_LAM, "GL-CAM1", at("2026-11-05T02:00:00Z"), Result.PLATE_MISMATCH)));
        write(output, Topic.CAMERAS_INCIDENTS, List.of(
                silent(HAI_PHONG, "HP-CAM2", Q4_START.minusSeconds(3600 * 5), Q4_START.minusSeconds(3600 * 2)),
                // ended at the quarter's first instant: nothing of it inside
                silent(HAI_PHONG, "HP-CAM2", Q4_START.minusSeconds(1800), Q4_START),
                // across the quarter's start: the 2 hours after it count
                silent(HAI_PHONG, "HP-CAM2", Q4_START.minusSeconds(3600), Q4_START.plusSeconds(7200)),
                // still going: to the quarter's end, 2 hours
                silent(HAI_PHONG, "HP-CAM2", Q4_END.minusSeconds(7200), null),
                // begun at the next quarter's first instant
                silent(HAI_PHONG, "HP-CAM1", Q4_END, null),
                // opened, then ended 30 minutes later: its later record counts
                degraded(HAI_PHONG, "HP-CAM1", "BLURRED", at("2026-11-20T01:00:00Z"), null),
                degraded(HAI_PHONG, "HP-CAM1", "BLURRED", at("2026-11-20T01:00:00Z"), at("2026-11-20T01:30:00Z")),
                // black from 02:30 to 03:50, silent from 03:00 to 03:45 inside it: 80 minutes down, not 125
                degraded(GIA_LAM, "GL-CAM1", "BLACK", at("2026-11-05T02:30:00Z"), at("2026-11-05T03:50:00Z")),
                silent(GIA_LAM, "GL-CAM1", at("2026-11-05T03:00:00Z"), at("2026-11-05T03:45:00Z"))));
    }

    @Test
    void shouldWriteTheQuarterAsAVietnamesePdfPerIcdAndCamera() throws Exception {
        Path pdf = work.resolve("reports/cameras.pdf");

        assertThat(run("report", "quarterly-cameras", "--quarter", "2026-Q4", "--output", output.toString(),
                "--input", input.toString(), "--format", "pdf", "--out", pdf.toString())).isZero();

        String text = pdfToText(pdf);
        assertThat(text).contains("BÁO CÁO TÌNH HÌNH HOẠT ĐỘNG HỆ THỐNG CAMERA GIÁM SÁT", "TỔNG CỤC HẢI QUAN",
                "Quyết định 1572/QĐ-TCHQ, mục III.3", "Quý IV năm 2026", "từ 01/10/2026 đến 31/12/2026",
                "Số liệu tính đến hết quý",
                "ICD ICDHAIPHONG — Chi cục HQ CK cảng Hải Phòng KV III (03CE)", "ICD ICDGIALAM — Chi cục HQ Gia Lâm",
                "ICD ICDHAIDUONG", "Lượt nhận dạng", "Tỷ lệ đầy đủ", "Thời gian hoạt động",
                // HP-CAM1: four trucks, two complete, blurred 30 minutes; HP-CAM2: two incidents of 2 hours inside
                "HP-CAM1 G-HP-CAM1 4 2 50,00 % 1 30 phút 99,98 %",
                "HP-CAM2 G-HP-CAM2 1 1 100,00 % 2 4 giờ 99,82 %",
                "HP-CAM2 Mất tín hiệu 2026-09-30 23:00 2026-10-01 02:00 2 giờ",
                "HP-CAM2 Mất tín hiệu 2026-12-31 22:00 chưa khắc phục 2 giờ",
                "HP-CAM1 Ảnh không dùng được: ảnh mờ 2026-11-20 08:00 2026-11-20 08:30 30 phút",
                "GL-CAM1 G-GL-CAM1 1 1 100,00 % 2 1 giờ 20 phút",
                "GL-CAM1 Ảnh không dùng được: ảnh đen 2026-11-05 09:30 2026-11-05 10:50 1 giờ 20 phút",
                "GL-CAM1 Mất tín hiệu 2026-11-05 10:00 2026-11-05 10:45 45 phút",
                "5 (3 mất tín hiệu, 2 ảnh không dùng được)", "CAMERA_SILENT", "CAMERA_DEGRADED", "1572 §II.1.8");
        assertThat(text).as("incidents over before the quarter, and begun after it")
                .doesNotContain("2026-09-30 19:00", "2026-09-30 23:30", "2027-01-01 00:00");
        String fonts = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertThat(fonts).as("the font is embedded, not named").contains("/FontFile2").contains("DejaVuSans");
    }

    @Test
    void shouldWriteOneCsvRowPerIcdAndCameraOfTheDepartmentOnly() throws Exception {
        Path csv = work.resolve("cameras.csv");

        assertThat(run("report", "quarterly-cameras", "--quarter", "2026-Q4", "--department", "03PL", "--output",
                output.toString(), "--input", input.toString(), "--format", "csv", "--out", csv.toString())).isZero();

        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8).get(0)).isEqualTo(HEADER);
        Map<String, Map<String, String>> rows = rows(csv);
        assertThat(rows).containsOnlyKeys(HAI_DUONG + "/", HAI_PHONG + "/HP-CAM1", HAI_PHONG + "/HP-CAM2");
        assertThat(rows.get(HAI_PHONG + "/HP-CAM1")).containsEntry("quarter", "2026-Q4")
                .containsEntry("department_code", "03PL").containsEntry("branch_code", "03CE")
                .containsEntry("gate_id", "G-HP-CAM1").containsEntry("recognitions", "4")
                .containsEntry("complete", "2").containsEntry("completeness_pct", "50.00")
                .containsEntry("incidents", "1").containsEntry("downtime_minutes", "30")
                .containsEntry("uptime_pct", "99.98").containsEntry("period_start_utc", Q4_START.toString())
                .containsEntry("period_end_utc", Q4_END.toString()).containsEntry("silent_incidents", "0")
                .containsEntry("degraded_incidents", "1");
        // 240 minutes down of the quarter's 92 days
        assertThat(rows.get(HAI_PHONG + "/HP-CAM2")).containsEntry("recognitions", "1")
                .containsEntry("incidents", "2").containsEntry("downtime_minutes", "240")
                .containsEntry("uptime_pct", "99.82").containsEntry("silent_incidents", "2")
                .containsEntry("degraded_incidents", "0");
        assertThat(rows.get(HAI_DUONG + "/")).as("a listed ICD with nothing in the quarter")
                .containsEntry("branch_code", "03TG").containsEntry("recognitions", "0")
                .containsEntry("completeness_pct", "").containsEntry("uptime_pct", "");
    }

    @Test
    void shouldCountADegradedCameraDownOnceWhileItIsAlsoSilent() throws Exception {
        Path csv = work.resolve("hanoi.csv");

        assertThat(run("report", "quarterly-cameras", "--quarter", "2026-Q4", "--department", "01", "--output",
                output.toString(), "--input", input.toString(), "--format", "csv", "--out", csv.toString())).isZero();

        assertThat(rows(csv).get(GIA_LAM + "/GL-CAM1")).containsEntry("incidents", "2")
                .containsEntry("silent_incidents", "1").containsEntry("degraded_incidents", "1")
                .as("02:30 to 03:50, the silence inside it once").containsEntry("downtime_minutes", "80");
    }

    @Test
    void shouldLeaveOutAnotherDepartmentsIcds() throws Exception {
        Path pdf = work.resolve("hanoi.pdf");

        assertThat(run("report", "quarterly-cameras", "--quarter", "2026-q4", "--department", "01", "--output",
                output.toString(), "--input", input.toString(), "--format", "pdf", "--out", pdf.toString())).isZero();

        String text = pdfToText(pdf);
        assertThat(text).contains("CỤC HẢI QUAN TP HÀ NỘI", "Cục Hải quan TP Hà Nội (01)", "ICD ICDGIALAM", "GL-CAM1")
                .doesNotContain(HAI_PHONG).doesNotContain("HP-CAM").doesNotContain(HAI_DUONG);
    }

    @Test
    void shouldEndAnUnfinishedQuarterAndAnOpenIncidentAtTheNewestData() throws Exception {
        Instant newest = at("2026-11-10T05:00:00Z");
        write(output, Topic.GATE_MATCHES, List.of(read("HP-1", HAI_PHONG, "HP-CAM1", newest, Result.MATCHED)));
        write(output, Topic.CAMERAS_INCIDENTS, List.of(silent(HAI_PHONG, "HP-CAM2", newest.minusSeconds(7200),
                null)));
        Path csv = work.resolve("unfinished.csv");

        assertThat(run("report", "quarterly-cameras", "--quarter", "2026-Q4", "--output", output.toString(),
                "--input", input.toString(), "--format", "csv", "--out", csv.toString())).isZero();

        assertThat(rows(csv).get(HAI_PHONG + "/HP-CAM2")).containsEntry("downtime_minutes", "120")
                .containsEntry("period_end_utc", newest.toString());
        String message = error("report", "quarterly-cameras", "--quarter", "2027-Q1", "--output", output.toString(),
                "--input", input.toString(), "--format", "csv", "--out", work.resolve("q1.csv").toString());
        assertThat(message).isEqualTo("cargowatch: quarter 2027-Q1 has no data yet: the data reaches 2026-11-10 "
                + "12:00 (Vietnam time)");
    }

    @Test
    void shouldSayAUsersMistakeInOneLine() {
        assertThat(error("report", "quarterly-cameras", "--quarter", "2026-Q5", "--output", output.toString(),
                "--input", input.toString(), "--format", "pdf", "--out", work.resolve("x.pdf").toString()))
                .isEqualTo("cargowatch: --quarter '2026-Q5' is not a quarter: YYYY-Qn, n from 1 to 4 (e.g. 2026-Q4)");
        assertThat(error("report", "quarterly-cameras", "--quarter", "2026-Q4", "--department", "79", "--output",
                output.toString(), "--input", input.toString(), "--format", "pdf", "--out",
                work.resolve("x.pdf").toString()))
                .isEqualTo("cargowatch: --department 79 is no unit of customs.offices (Departments: 01, 03PL)");
        assertThat(error("report", "quarterly-cameras", "--quarter", "2026-Q4", "--department", "03CE", "--output",
                output.toString(), "--input", input.toString(), "--format", "pdf", "--out",
                work.resolve("x.pdf").toString()))
                .isEqualTo("cargowatch: --department 03CE is a BRANCH, not a Department (Departments: 01, 03PL)");
        assertThat(work.resolve("x.pdf")).doesNotExist();
    }

    /** Exit code 2 and the one line on standard error. */
    private static String error(String... args) {
        StringWriter err = new StringWriter();
        int exit = Cargowatch.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
        assertThat(exit).as(err.toString()).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n");
        return err.toString().strip();
    }

    private static GateMatch read(String eventId, String icd, String camera, Instant ts, Result result) {
        return new GateMatch(eventId, icd, camera == null ? "G-HAND" : "G-" + camera, Direction.IN, ts,
                result == Result.INCOMPLETE ? null : "MSKU1234565", null, "15C12345", result, null,
                GateMatch.Barrier.OPEN, List.of(), null, camera);
    }

    private static CameraIncident silent(String icd, String camera, Instant lastRead, Instant readAgain) {
        return incident(CameraIncident.Kind.SILENT, null, icd, camera, lastRead, readAgain);
    }

    private static CameraIncident degraded(String icd, String camera, String reason, Instant start, Instant end) {
        return incident(CameraIncident.Kind.DEGRADED, reason, icd, camera, start, end);
    }

    /** The incident of the alert episode that would have opened it: its id is the alert's. */
    private static CameraIncident incident(CameraIncident.Kind kind, String reason, String icd, String camera,
            Instant start, Instant end) {
        AlertType type = kind == CameraIncident.Kind.SILENT ? AlertType.CAMERA_SILENT : AlertType.CAMERA_DEGRADED;
        return new CameraIncident(Alert.idOf(type, icd + "/" + camera, start), kind, reason, icd, "G-" + camera,
                camera, start, end, end == null ? null : Duration.between(start, end).toMinutes());
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    /** The CSV's rows by ICD and camera. */
    private static Map<String, Map<String, String>> rows(Path csv) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> read = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            read.forEachRemaining(rows::add);
        }
        return rows.stream().collect(Collectors.toMap(row -> row.get("icd_code") + "/" + row.get("camera_id"),
                row -> row));
    }

    private static int run(String... args) {
        return Cargowatch.run(args);
    }
}
