package vn.customs.cargowatch.ops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.ops.report.ReportFiles.pdfToText;
import static vn.customs.cargowatch.ops.report.ReportFiles.write;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.along;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.at;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.offices;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.registered;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertAction.Finding;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TrackPoint;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TripRegistration;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.ops.Cargowatch;

/**
 * {@code report trip} on a replay's folders (3740 §II.3): the PDF, turned to text by Debian's {@code pdftotext}
 * (poppler-utils, which {@code ./cargowatch test} installs), says in Vietnamese with its diacritics what the trip was —
 * its registration, its times, the alert with its handling and finding, the declarant's explanation, the closing
 * inspection — with the DejaVu font embedded; the CSV has one line per alert; an unknown trip is one plain line.
 */
class TripSummaryTest {

    private static final String TRIP = "03CE-2026-000777";
    private static final String IMEI = "356938035643819";
    private static final String ALERT = "5f0c2a1e-0000-3000-8000-000000000777";

    @TempDir
    Path work;

    private Path input;
    private Path output;

    @BeforeEach
    void replayFolders() throws Exception {
        input = Files.createDirectories(work.resolve("in"));
        output = Files.createDirectories(work.resolve("out"));
        TripEvent registration = registered(TRIP, IMEI, "CWTU0000017", at(0), at(120));
        write(input, Topic.SEAL_TRIPS, List.of(registration));
        write(input, Topic.CUSTOMS_OFFICES, offices());
        write(output, Topic.TRIPS_REGISTRATIONS, List.of(TripRegistration.of(registration)));
        write(output, Topic.TRIPS_STATUS, List.of(new TripStatus(TRIP, IMEI, "CWTU0000017",
                TripStatus.State.ARRIVED, at(110), 21.03, 105.93, 84.6, 1, TripStatus.ArrivedBy.GATE_CAMERA, "03CE",
                "03PL", null, at(2), at(110))));
        List<TrackPoint> track = new ArrayList<>();
        for (int minute = 2; minute < 110; minute += 4) {
            double[] point = along(minute / 110.0, minute > 40 && minute < 60 ? 900 : 0);
            track.add(new TrackPoint(TRIP, IMEI, at(minute), point[0], point[1], 50.0, 0.0, null, null));
        }
        write(output, Topic.TRIPS_TRACK, track);
        double[] off = along(44 / 110.0, 900);
        write(output, Topic.ALERTS, List.of(new Alert(ALERT, AlertType.WRONG_ROUTE, AlertType.WRONG_ROUTE.severity(),
                TRIP, IMEI, "CWTU0000017", at(44), at(46), at(58), off[0], off[1], "03CE", "03PL", null,
                AlertDetails.builder().distanceMeters(900.0).build(), AlertState.RESOLVED)));
        write(output, Topic.ALERTS_HISTORY, List.of(
                new AlertHistoryEntry(ALERT, Action.ACK, "Nguyễn Văn An", "03CE", at(50), "đã tiếp nhận", null,
                        AlertState.OPEN, AlertState.ACKNOWLEDGED, null, null, null),
                new AlertHistoryEntry(ALERT, Action.RESOLVE, "Nguyễn Văn An", "03CE", at(70), null, null,
                        AlertState.ACKNOWLEDGED, AlertState.RESOLVED, Finding.NO_VIOLATION, "tránh đường ngập",
                        null)));
        Inspection inspection = new Inspection(TRIP, "Đỗ Thị Mai", "01IK", at(130), Inspection.Condition.INTACT,
                Inspection.Condition.INTACT, Inspection.Condition.INTACT, null, null, "đã thu hồi seal",
                List.of(new Inspection.Explanation(ALERT, "xe tránh đoạn đường ngập nước")));
        write(output, Topic.TRIPS_CLOSINGS, List.of(new TripClosing(TRIP, IMEI, "CWTU0000017", "01IK", "03CE",
                "03PL", at(110), TripStatus.ArrivedBy.GATE_CAMERA, at(110).plusSeconds(86_400),
                TripClosing.State.AWAITING, null, at(110)).closedBy(inspection)));
    }

    @Test
    void shouldWriteTheTripSummaryAsAVietnamesePdfWithItsFontEmbedded() throws Exception {
        Path pdf = work.resolve("reports/trip.pdf");

        assertThat(run("report", "trip", TRIP, "--output", output.toString(), "--input", input.toString(),
                "--format", "pdf", "--out", pdf.toString())).isZero();

        String text = pdfToText(pdf);
        assertThat(text).contains("BÁO CÁO TÓM TẮT KẾT QUẢ THEO DÕI", "TỔNG CỤC HẢI QUAN",
                "CHI CỤC HQ CK CẢNG HẢI PHÒNG KV III", "Cộng hòa xã hội chủ nghĩa Việt Nam".toUpperCase(
                        java.util.Locale.forLanguageTag("vi")), "Số hiệu container", "CWTU0000017",
                "Tạm nhập - tái xuất", "Nguyễn Văn An", "Sai lộ trình", "NO_VIOLATION",
                "xe tránh đoạn đường ngập nước", "Đỗ Thị Mai (01IK)", "nguyên vẹn", "đã thu hồi seal", "84,6 km",
                "Lái xe", "0912345678");
        String fonts = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertThat(fonts).as("the font is embedded, not named").contains("/FontFile2").contains("DejaVuSans");
    }

    @Test
    void shouldWriteTheAlertsAsCsvWithTheExplanationAndTheFinding() throws Exception {
        Path csv = work.resolve("trip.csv");

        assertThat(run("report", "trip", TRIP, "--output", output.toString(), "--format", "csv", "--out",
                csv.toString())).isZero();

        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8).get(0)).isEqualTo("trip_id,alert_id,type,"
                + "started_utc,ended_utc,lat,lon,state,finding,explanation,handling");
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> read = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            read.forEachRemaining(rows::add);
        }
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("trip_id", TRIP).containsEntry("alert_id", ALERT)
                    .containsEntry("type", "WRONG_ROUTE").containsEntry("started_utc", at(44).toString())
                    .containsEntry("ended_utc", at(58).toString()).containsEntry("state", "RESOLVED")
                    .containsEntry("finding", "NO_VIOLATION")
                    .containsEntry("explanation", "xe tránh đoạn đường ngập nước");
            assertThat(row.get("handling")).contains("ACK", "RESOLVE", "Nguyễn Văn An").contains("\n");
        });
    }

    @Test
    void shouldSayInOneLineThatATripIsUnknown() {
        StringWriter err = new StringWriter();

        int exit = Cargowatch.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "report", "trip",
                "NOPE", "--output", output.toString(), "--format", "pdf", "--out", work.resolve("x.pdf").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("cargowatch: no trip NOPE in").doesNotContain("\n");
        assertThat(work.resolve("x.pdf")).doesNotExist();
    }

    private static int run(String... args) {
        return Cargowatch.run(args);
    }
}
