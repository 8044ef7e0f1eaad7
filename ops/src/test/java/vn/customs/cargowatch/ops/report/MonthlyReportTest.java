package vn.customs.cargowatch.ops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.ops.report.ReportFiles.write;
import static vn.customs.cargowatch.ops.report.ReportFiles.csv;
import static vn.customs.cargowatch.ops.report.ReportFiles.pdfToText;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.offices;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Regime;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripTally;
import vn.customs.cargowatch.ops.Cargowatch;

/**
 * {@code report monthly} (3740 Phụ lục IV) on a replay's {@code trips.tally}: a seal attached at 23:59 on the last day
 * of November in Hà Nội counts in November and one attached two minutes later in December; received seals count at the
 * destination Branch; the violating containers by their latest tally; one row per Branch and a Department total in the
 * PDF, one CSV row per Branch and regime column; another Department's Branch stays out; a mistake is one line.
 */
class MonthlyReportTest {

    /** 23:59 on 30 November 2026 in Hà Nội. */
    private static final Instant LAST_MINUTE_OF_NOVEMBER = Instant.parse("2026-11-30T16:59:00Z");

    @TempDir
    Path work;

    private Path input;
    private Path output;

    @BeforeEach
    void replayFolders() throws Exception {
        input = Files.createDirectories(work.resolve("in"));
        output = Files.createDirectories(work.resolve("out"));
        write(input, Topic.CUSTOMS_OFFICES, offices());
        write(output, Topic.TRIPS_TALLY, List.of(
                tally("T1", "CWTU0000017", Regime.TEMP_IMPORT_REEXPORT, LAST_MINUTE_OF_NOVEMBER, "03CE",
                        LAST_MINUTE_OF_NOVEMBER.plusSeconds(7_200), "01IK", "01", List.of("A1")),
                tally("T2", "CWTU0000022", Regime.TRANSIT, LAST_MINUTE_OF_NOVEMBER.plusSeconds(120), "03CE", null,
                        null, null, List.of("A2")),
                tally("T3", "CWTU0000038", Regime.BORDER_GATE_TRANSFER, Instant.parse("2026-11-10T02:00:00Z"), "03TG",
                        Instant.parse("2026-11-10T09:00:00Z"), "03CE", "03PL", List.of()),
                tally("T4", "CWTU0000043", Regime.BONDED_WAREHOUSE, Instant.parse("2026-11-12T02:00:00Z"), "03CE",
                        null, null, null, List.of("A4")),
                // a later finding took T4's violation back
                tally("T4", "CWTU0000043", Regime.BONDED_WAREHOUSE, Instant.parse("2026-11-12T02:00:00Z"), "03CE",
                        null, null, null, List.of()),
                tally("T5", "CWTU0000059", Regime.OTHER, Instant.parse("2026-11-05T02:00:00Z"), "01IK", null, null,
                        null, List.of("A5"))));
    }

    @Test
    void shouldCountOneCsvRowPerBranchAndRegimeColumnOfTheDepartment() throws Exception {
        Path csv = work.resolve("monthly.csv");

        assertThat(run("report", "monthly", "--month", "2026-11", "--department", "03PL", "--input", input.toString(),
                "--output", output.toString(), "--format", "csv", "--out", csv.toString())).isZero();

        List<Map<String, String>> rows = csv(csv);
        assertThat(rows).hasSize(8).allSatisfy(row -> {
            assertThat(row.get("month")).isEqualTo("2026-11");
            assertThat(row.get("department_code")).isEqualTo("03PL");
        });
        assertThat(rows).extracting(row -> row.get("branch_code") + " " + row.get("regime_column") + " "
                + row.get("attached") + " " + row.get("received") + " " + row.get("violating") + " "
                + row.get("violating_containers")).containsExactly(
                "03CE CHUYEN_CK 0 1 0 ", "03CE TN_TX 1 0 1 CWTU0000017", "03CE QUA_CANH 0 0 0 ", "03CE KHAC 1 0 0 ",
                "03TG CHUYEN_CK 1 0 0 ", "03TG TN_TX 0 0 0 ", "03TG QUA_CANH 0 0 0 ", "03TG KHAC 0 0 0 ");
        assertThat(rows.get(0).get("branch_name")).isEqualTo("Chi cục HQ CK cảng Hải Phòng KV III");
    }

    @Test
    void shouldCountTheSealAttachedTwoMinutesLaterInDecemberAndTheReceivedOneAtItsDestination() throws Exception {
        Path csv = work.resolve("december.csv");

        assertThat(run("report", "monthly", "--month", "2026-12", "--input", input.toString(),
                "--output", output.toString(), "--format", "csv",
                "--out", csv.toString())).isZero();

        assertThat(csv(csv)).filteredOn(row -> !row.get("attached").equals("0") || !row.get("received").equals("0"))
                .extracting(row -> row.get("branch_code") + " " + row.get("regime_column") + " " + row.get("attached")
                        + " " + row.get("received") + " " + row.get("violating_containers"))
                .containsExactlyInAnyOrder("01IK TN_TX 0 1 ", "03CE QUA_CANH 1 0 CWTU0000022");
    }

    @Test
    void shouldPrintTheFormInVietnameseWithABranchRowPairAndTheDepartmentTotal() throws Exception {
        Path pdf = work.resolve("monthly.pdf");

        assertThat(run("report", "monthly", "--month", "2026-11", "--department", "03PL", "--input", input.toString(),
                "--output", output.toString(), "--format", "pdf", "--out", pdf.toString())).isZero();

        String text = pdfToText(pdf);
        assertThat(text).contains("BÁO CÁO TÌNH HÌNH HOẠT ĐỘNG HỆ THỐNG SEAL ĐỊNH VỊ GPS", "Phụ lục IV",
                "CỤC HẢI QUAN TP HẢI PHÒNG", "Tháng 11/2026", "Gắn cho hàng đi", "Nhận từ hàng đến", "Chuyển CK",
                "TN-TX", "Quá cảnh", "Khác", "Chi cục HQ Hải Dương (03TG)", "Tổng cộng Cục Hải quan TP Hải Phòng (03PL)",
                "CWTU0000017")
                .doesNotContain("CWTU0000043", "CWTU0000059", "CWTU0000022", "Gia Lâm");
    }

    @Test
    void shouldSayInOneLineThatAMonthOrADepartmentIsWrong() {
        StringWriter err = new StringWriter();
        Path out = work.resolve("x.pdf");

        assertThat(Cargowatch.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "report", "monthly",
                "--month", "2026-13", "--input", input.toString(),
                "--output", output.toString(), "--format", "pdf", "--out", out.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("'2026-13' is not a month: give YYYY-MM");
        StringWriter branch = new StringWriter();
        assertThat(Cargowatch.run(new PrintWriter(new StringWriter()), new PrintWriter(branch, true), "report",
                "monthly", "--month", "2026-11", "--department", "03CE", "--input", input.toString(),
                "--output", output.toString(), "--format",
                "pdf", "--out", out.toString())).isEqualTo(2);
        assertThat(branch.toString().strip()).startsWith("cargowatch: no Department 03CE among the customs units")
                .doesNotContain("\n");
        assertThat(out).doesNotExist();
    }

    private static TripTally tally(String trip, String container, Regime regime, Instant attached, String branch,
            Instant received, String receivedBranch, String receivedDepartment, List<String> violations) {
        String department = branch.equals("01IK") ? "01" : "03PL";
        return new TripTally(trip, container, regime, attached, branch, department, received, receivedBranch,
                receivedDepartment, received != null, violations, attached);
    }

    private static int run(String... args) {
        return Cargowatch.run(args);
    }
}
