package vn.customs.cargowatch.ops.report;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.TripTally;
import vn.customs.cargowatch.model.TripTally.Column;
import vn.customs.cargowatch.model.TripTally.Kind;
import vn.customs.cargowatch.ops.UserError;
import vn.customs.cargowatch.ops.alerts.AlertStore;

/**
 * The monthly report on the GPS seal system (Báo cáo tình hình hoạt động hệ thống seal định vị GPS, 3740 Phụ lục IV;
 * each Department sends it before the 10th of the next month, §III.2): per Branch, the seals attached for outgoing
 * goods and received from incoming goods by regime column, and the number and container numbers of the violating
 * containers; a total per Department. It counts the lines {@code trips.tally} wrote ({@link TripTally#rows()}) — the
 * lines the monthly board counts, so that the two agree. Every Branch of the offices in scope is listed, with zeros
 * when nothing counted there. Its CSV is one row per Branch and regime column.
 */
public final class MonthlyReport {

    private static final String FORM = "Phụ lục IV, Quyết định 3740/QĐ-TCHQ";

    private MonthlyReport() {}

    /** What a Branch (or a Department's total) counted in the month. */
    record Counts(Map<Kind, Map<Column, Integer>> seals, Map<Column, TreeSet<String>> violating) {

        static Counts none() {
            Map<Kind, Map<Column, Integer>> seals = new EnumMap<>(Kind.class);
            for (Kind kind : Kind.values()) {
                Map<Column, Integer> byColumn = new EnumMap<>(Column.class);
                for (Column column : Column.values()) {
                    byColumn.put(column, 0);
                }
                seals.put(kind, byColumn);
            }
            Map<Column, TreeSet<String>> violating = new EnumMap<>(Column.class);
            for (Column column : Column.values()) {
                violating.put(column, new TreeSet<>());
            }
            return new Counts(seals, violating);
        }

        void add(TripTally.Row row) {
            seals.get(row.kind()).merge(row.column(), 1, Integer::sum);
            if (row.kind() == Kind.VIOLATING) {
                violating.get(row.column()).add(row.containerNo() != null ? row.containerNo() : row.tripId());
            }
        }

        void addAll(Counts other) {
            other.seals.forEach((kind, byColumn) -> byColumn.forEach((column, count) -> seals.get(kind).merge(column,
                    count, Integer::sum)));
            other.violating.forEach((column, containers) -> violating.get(column).addAll(containers));
        }

        /** The violating containers of every column. */
        TreeSet<String> violatingContainers() {
            TreeSet<String> all = new TreeSet<>();
            violating.values().forEach(all::addAll);
            return all;
        }

        int count(Kind kind, Column column) {
            return seals.get(kind).get(column);
        }
    }

    /** The report of {@code month}, the whole country's or {@code department}'s only (null: every Department). */
    public static Report of(AlertStore store, YearMonth month, String department) {
        Map<String, CustomsOffice> offices = store.offices().stream()
                .collect(Collectors.toMap(CustomsOffice::unitCode, Function.identity(), (a, b) -> b, TreeMap::new));
        if (department != null && Optional.ofNullable(offices.get(department))
                .map(office -> office.level() != CustomsOffice.Level.DEPARTMENT).orElse(true)) {
            throw new UserError("no Department " + department + " among the customs units of " + store.describe());
        }
        // Department → Branch → what it counted; every Branch the offices list under a Department in scope
        Map<String, Map<String, Counts>> byDepartment = new TreeMap<>();
        for (CustomsOffice office : offices.values()) {
            if (office.level() == CustomsOffice.Level.BRANCH && office.parentCode() != null
                    && (department == null || department.equals(office.parentCode()))) {
                byDepartment.computeIfAbsent(office.parentCode(), code -> new TreeMap<>())
                        .put(office.unitCode(), Counts.none());
            }
        }
        for (TripTally.Row row : store.tallyRows(month)) {
            if (department == null || department.equals(row.departmentCode())) {
                byDepartment.computeIfAbsent(row.departmentCode(), code -> new TreeMap<>())
                        .computeIfAbsent(row.branchCode(), code -> Counts.none()).add(row);
            }
        }

        List<List<String>> printed = new ArrayList<>();
        List<List<String>> csvRows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Counts>> entry : byDepartment.entrySet()) {
            Counts total = Counts.none();
            for (Map.Entry<String, Counts> branch : entry.getValue().entrySet()) {
                Counts counts = branch.getValue();
                total.addAll(counts);
                printed.addAll(formRows(ReportText.named(offices, branch.getKey()), counts));
                for (Column column : Column.values()) {
                    csvRows.add(List.of(month.toString(), entry.getKey(), branch.getKey(),
                            ReportText.unitName(offices, branch.getKey()), column.name(),
                            String.valueOf(counts.count(Kind.ATTACHED, column)),
                            String.valueOf(counts.count(Kind.RECEIVED, column)),
                            String.valueOf(counts.count(Kind.VIOLATING, column)),
                            String.join(";", counts.violating().get(column))));
                }
            }
            printed.addAll(formRows("Tổng cộng " + ReportText.named(offices, entry.getKey()), total));
        }

        List<Report.Section> sections = new ArrayList<>();
        sections.add(new Report.Fields("Thông tin chung", List.of(
                new Report.Field("Tháng báo cáo", month.getMonthValue() + "/" + month.getYear()),
                new Report.Field("Cục Hải quan", department == null ? "Toàn quốc (mọi Cục)"
                        : ReportText.named(offices, department)),
                new Report.Field("Chi cục quản lý", byDepartment.values().stream().mapToInt(Map::size).sum()
                        + " Chi cục"))));
        sections.add(new Report.Table("Số lượng seal theo loại hình và container vi phạm",
                List.of("Chi cục Hải quan", "Số lượng seal", Column.CHUYEN_CK.label(), Column.TN_TX.label(),
                        Column.QUA_CANH.label(), Column.KHAC.label(), "Số lượng container vi phạm trong quá trình "
                                + "vận chuyển", "Số hiệu các container vi phạm"),
                List.of("unit", "seals", "chuyen_ck", "tn_tx", "qua_canh", "khac", "violating", "violating_containers"),
                printed));
        sections.add(new Report.Paragraph("Cách tính", "Seal gắn cho hàng đi: tính cho Chi cục đi, vào tháng bắt đầu "
                + "giám sát (kích hoạt seal). Seal nhận từ hàng đến: tính cho Chi cục đến (Chi cục kết thúc giám sát), "
                + "vào tháng hàng đến. Container vi phạm: chuyến có cảnh báo seal (không tính cảnh báo tại cổng ICD) "
                + "có kết quả xác minh VI PHẠM, hoặc không có kết quả xác minh và không được giải trình khi kết thúc "
                + "giám sát; tính cho Chi cục đi, vào tháng bắt đầu giám sát. Loại hình: Chuyển CK — chuyển cửa khẩu; "
                + "TN-TX — tạm nhập tái xuất; Quá cảnh; Khác — kho ngoại quan và loại hình khác."));
        Report.Table csv = new Report.Table("monthly", List.of("month", "department_code", "branch_code",
                "branch_name", "regime_column", "attached", "received", "violating", "violating_containers"),
                List.of("month", "department_code", "branch_code", "branch_name", "regime_column", "attached",
                        "received", "violating", "violating_containers"), csvRows);
        List<String> authority = new ArrayList<>(List.of("TỔNG CỤC HẢI QUAN"));
        if (department != null) {
            authority.add(ReportText.upper(ReportText.unitName(offices, department)));
        }
        return new Report(authority, "BÁO CÁO TÌNH HÌNH HOẠT ĐỘNG HỆ THỐNG SEAL ĐỊNH VỊ GPS",
                "Tháng " + month.getMonthValue() + "/" + month.getYear(), FORM, sections, csv);
    }

    /** The form's two lines of a Branch or a total: attached (with the violating containers), then received. */
    private static List<List<String>> formRows(String unit, Counts counts) {
        List<String> attached = new ArrayList<>(List.of(unit, "Gắn cho hàng đi"));
        List<String> received = new ArrayList<>(List.of("", "Nhận từ hàng đến"));
        for (Column column : Column.values()) {
            attached.add(String.valueOf(counts.count(Kind.ATTACHED, column)));
            received.add(String.valueOf(counts.count(Kind.RECEIVED, column)));
        }
        // trips, as the board's count(*): a container that violated on two trips counts twice
        attached.add(String.valueOf(counts.seals().get(Kind.VIOLATING).values().stream().mapToInt(Integer::intValue)
                .sum()));
        attached.add(String.join(", ", counts.violatingContainers()));
        received.add("");
        received.add("");
        return List.of(attached, received);
    }
}
