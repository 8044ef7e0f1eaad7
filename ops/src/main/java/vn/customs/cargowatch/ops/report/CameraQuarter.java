package vn.customs.cargowatch.ops.report;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.customs.cargowatch.model.CameraIncident;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.ops.UserError;
import vn.customs.cargowatch.ops.alerts.AlertStore;
import vn.customs.cargowatch.ops.alerts.AlertStore.CameraRead;
import vn.customs.cargowatch.ops.desk.Rights;

/**
 * The quarterly report on the camera system (Báo cáo tình hình hoạt động hệ thống camera giám sát) that a Department
 * with ICDs sends the General Department every quarter (1572 §III.3): per ICD and per recognition camera, its
 * recognitions, how many were complete, its incidents (of what kind, why) with their duration, and its uptime over the
 * quarter.
 *
 * <p>The contract:
 * <ul>
 *   <li><b>The quarter</b> is {@code YYYY-Qn} in Vietnam time ({@link Times#VIETNAM}): from 00:00 of its first day
 *       (inclusive) to 00:00 of the next quarter's (exclusive). While it lasts, the report's period ends where the data
 *       does ({@link AlertStore#dataUntil}), so that an unfinished quarter's hours to come are not counted as up.
 *   <li><b>A recognition</b> is one truck read by one camera, counted once however many containers it carries, from
 *       the gate's decisions ({@code gate.matches} {@code cameraId}): Kafka does not keep the reads themselves for a
 *       quarter. Reads entered by hand (1572 §I.3.4) are no camera's and are not counted.
 *   <li><b>Complete</b>: the camera read the container number(s) and the plate, i.e. none of the truck's containers was
 *       decided {@code INCOMPLETE}. A number that fails the check digit and no single misread explains is not read (the
 *       same rule that puts the read on the shift's review list, 1572 §I.4.2, §II.1.5).
 *   <li><b>An incident</b> is one of the camera incident log (1572 §II.1.8, {@code cameras.incidents}): SILENT (no
 *       read for {@code gate.cameraSilence}, from the last read to the next) or DEGRADED (images nobody can use, with
 *       the check they failed). Only the part inside the period counts; an incident still open counts to the period's
 *       end.
 *   <li><b>Uptime</b> is the share of the period outside the camera's incidents; a time two incidents overlap (silent
 *       while degraded) counts down once.
 *   <li>{@code department}: the ICDs its Branches list ({@code customs.offices} {@code icdCodes}, the desk's {@link
 *       Rights}); without it, every ICD a Branch lists or the data names. A listed ICD without any read or incident
 *       is still shown, with no camera.
 * </ul>
 * Its CSV is one row per ICD and camera.
 */
public final class CameraQuarter {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])", Pattern.CASE_INSENSITIVE);
    private static final String[] ROMAN = {"I", "II", "III", "IV"};
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** A truck's second container's decision: {@code <eventId>/2}. */
    private static final Pattern PART = Pattern.compile("(.+)/\\d+");

    private CameraQuarter() {}

    /** A quarter in Vietnam time: {@code from} inclusive, {@code to} exclusive. */
    record Quarter(String name, int year, int number, Instant from, Instant to) {

        static Quarter parse(String text) {
            Matcher matcher = QUARTER.matcher(text == null ? "" : text.strip());
            int year = matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
            if (!matcher.matches() || year < 2000 || year > 2099) {
                throw new UserError("--quarter '" + text + "' is not a quarter: YYYY-Qn, n from 1 to 4 (e.g. 2026-Q4)");
            }
            int number = Integer.parseInt(matcher.group(2));
            LocalDate first = LocalDate.of(year, 3 * (number - 1) + 1, 1);
            return new Quarter(year + "-Q" + number, year, number, first.atStartOfDay(Times.VIETNAM).toInstant(),
                    first.plusMonths(3).atStartOfDay(Times.VIETNAM).toInstant());
        }

        LocalDate firstDay() {
            return LocalDate.ofInstant(from, Times.VIETNAM);
        }

        LocalDate lastDay() {
            return LocalDate.ofInstant(to, Times.VIETNAM).minusDays(1);
        }
    }

    /** One camera at one ICD, as the quarter saw it. */
    private static final class Camera {
        final String icdCode;
        final String cameraId;
        String gateId;
        final Set<String> reads = new HashSet<>();
        final Set<String> incomplete = new HashSet<>();
        final List<CameraIncident> incidents = new ArrayList<>();
        long downMillis;

        Camera(String icdCode, String cameraId) {
            this.icdCode = icdCode;
            this.cameraId = cameraId;
        }
    }

    public static Report of(AlertStore store, String quarterText, String departmentCode) {
        Quarter quarter = Quarter.parse(quarterText);
        List<CustomsOffice> offices = store.offices();
        Rights rights = new Rights(offices);
        CustomsOffice department = departmentCode == null ? null : department(rights, offices, departmentCode);
        Set<String> icds = department == null ? null : rights.icdsOf(department.unitCode());

        Instant dataUntil = store.dataUntil();
        Instant end = dataUntil != null && dataUntil.isBefore(quarter.to()) ? dataUntil : quarter.to();
        if (!end.isAfter(quarter.from())) {
            throw new UserError("quarter " + quarter.name() + " has no data yet: the data reaches "
                    + Times.vietnamTime(dataUntil) + " (Vietnam time)");
        }

        Map<String, Map<String, Camera>> byIcd = new TreeMap<>();
        if (icds != null) {
            icds.forEach(icd -> byIcd.put(icd, new TreeMap<>()));
        } else {
            offices.stream().filter(office -> office.level() == CustomsOffice.Level.BRANCH && office.icdCodes() != null)
                    .flatMap(office -> office.icdCodes().stream())
                    .forEach(icd -> byIcd.put(icd, new TreeMap<>()));
        }
        count(store.cameraReads(icds, quarter.from(), quarter.to()), byIcd);
        for (CameraIncident incident : store.cameraIncidents(icds, quarter.from(), end)) {
            if (incident.icdCode() == null || incident.cameraId() == null) {
                continue;
            }
            Camera camera = camera(byIcd, incident.icdCode(), incident.cameraId());
            if (camera.gateId == null) {
                camera.gateId = incident.gateId();
            }
            camera.incidents.add(incident);
        }
        byIcd.values().forEach(cameras -> cameras.values().forEach(camera -> camera.downMillis =
                down(camera.incidents, quarter.from(), end).toMillis()));
        return report(quarter, end, department, offices, byIcd);
    }

    /** The Department {@code code} names, or the user's mistake in one line. */
    private static CustomsOffice department(Rights rights, List<CustomsOffice> offices, String code) {
        CustomsOffice office = rights.office(code).orElse(null);
        if (office == null || office.level() != CustomsOffice.Level.DEPARTMENT) {
            String known = offices.stream().filter(unit -> unit.level() == CustomsOffice.Level.DEPARTMENT)
                    .map(CustomsOffice::unitCode).sorted().collect(Collectors.joining(", "));
            throw new UserError("--department " + code + (office == null ? " is no unit of customs.offices"
                    : " is a " + office.level() + ", not a Department") + " (Departments: "
                    + (known.isEmpty() ? "none" : known) + ")");
        }
        return office;
    }

    /** Each decision under its camera: a truck once (its second container's decision is part of it). */
    private static void count(List<CameraRead> reads, Map<String, Map<String, Camera>> byIcd) {
        Map<String, Instant> firstContainers = new HashMap<>();
        for (CameraRead read : reads) {
            if (read.cameraId() != null) {
                firstContainers.put(read.icdCode() + "\n" + read.eventId(), read.ts());
            }
        }
        for (CameraRead read : reads) {
            if (read.cameraId() == null) {
                continue;
            }
            Camera camera = camera(byIcd, read.icdCode(), read.cameraId());
            camera.gateId = read.gateId();
            String truck = truckOf(read, firstContainers);
            camera.reads.add(truck);
            if (read.result() == GateMatch.Result.INCOMPLETE) {
                camera.incomplete.add(truck);
            }
        }
    }

    /**
     * The truck's read a decision is part of: {@code X} for {@code X/2} when {@code X} was decided at the same time at
     * the same ICD (an event id may itself hold a slash).
     */
    private static String truckOf(CameraRead read, Map<String, Instant> firstContainers) {
        Matcher part = PART.matcher(read.eventId());
        if (part.matches() && read.ts().equals(firstContainers.get(read.icdCode() + "\n" + part.group(1)))) {
            return part.group(1);
        }
        return read.eventId();
    }

    private static Camera camera(Map<String, Map<String, Camera>> byIcd, String icdCode, String cameraId) {
        return byIcd.computeIfAbsent(icdCode, icd -> new TreeMap<>())
                .computeIfAbsent(cameraId, id -> new Camera(icdCode, id));
    }

    /** The part of the incident inside {@code from} … {@code end}; one still open lasts to {@code end}. */
    static Duration inside(CameraIncident incident, Instant from, Instant end) {
        Instant start = incident.start().isBefore(from) ? from : incident.start();
        Instant stop = incident.end() == null || incident.end().isAfter(end) ? end : incident.end();
        return stop.isAfter(start) ? Duration.between(start, stop) : Duration.ZERO;
    }

    /**
     * The time inside {@code from} … {@code end} a camera was down: its incidents' union, so that a camera silent while
     * its DEGRADED incident is still open (no image has come to end it) is not down twice over.
     */
    static Duration down(List<CameraIncident> incidents, Instant from, Instant end) {
        Duration down = Duration.ZERO;
        Instant covered = from;
        for (CameraIncident incident : incidents.stream().sorted(Comparator.comparing(CameraIncident::start))
                .toList()) {
            Duration part = inside(incident, covered, end);
            down = down.plus(part);
            if (!part.isZero()) {
                covered = incident.end() == null || incident.end().isAfter(end) ? end : incident.end();
            }
        }
        return down;
    }

    private static Report report(Quarter quarter, Instant end, CustomsOffice department, List<CustomsOffice> offices,
            Map<String, Map<String, Camera>> byIcd) {
        long period = Duration.between(quarter.from(), end).toMillis();
        List<Camera> cameras = byIcd.values().stream().flatMap(icd -> icd.values().stream()).toList();
        int reads = cameras.stream().mapToInt(camera -> camera.reads.size()).sum();
        int complete = cameras.stream().mapToInt(camera -> camera.reads.size() - camera.incomplete.size()).sum();
        int incidents = cameras.stream().mapToInt(camera -> camera.incidents.size()).sum();
        long degraded = cameras.stream().flatMap(camera -> camera.incidents.stream())
                .filter(incident -> incident.kind() == CameraIncident.Kind.DEGRADED).count();
        long down = cameras.stream().mapToLong(camera -> camera.downMillis).sum();

        List<Report.Section> sections = new ArrayList<>();
        sections.add(new Report.Fields("1. Thông tin chung", List.of(
                new Report.Field("Kỳ báo cáo", "Quý " + ROMAN[quarter.number() - 1] + " năm " + quarter.year() + " (từ "
                        + DATE.format(quarter.firstDay()) + " đến " + DATE.format(quarter.lastDay()) + ")"),
                new Report.Field("Số liệu tính đến", end.equals(quarter.to()) ? "hết quý"
                        : Times.vietnamTime(end) + " (số liệu mới nhất)"),
                new Report.Field("Đơn vị", department == null ? "Tất cả các ICD"
                        : department.name() + " (" + department.unitCode() + ")"),
                new Report.Field("Số ICD", String.valueOf(byIcd.size())),
                new Report.Field("Số camera nhận dạng", String.valueOf(cameras.size())),
                new Report.Field("Tổng lượt nhận dạng", count(reads)),
                new Report.Field("Lượt đọc đủ số container và biển số", count(complete) + " (" + percent(complete, reads)
                        + ")"),
                new Report.Field("Số sự cố camera", incidents + " (" + (incidents - degraded) + " mất tín hiệu, "
                        + degraded + " ảnh không dùng được), tổng thời gian gián đoạn " + duration(down)))));
        int number = 2;
        for (Map.Entry<String, Map<String, Camera>> icd : byIcd.entrySet()) {
            String branch = CustomsOffice.branchOf(icd.getKey(), offices)
                    .map(office -> (office.name() == null ? office.unitCode() : office.name()) + " (" + office.unitCode()
                            + ")").orElse("không Chi cục nào quản lý");
            String heading = number + ". ICD " + icd.getKey() + " — " + branch;
            sections.add(new Report.Table(heading, List.of("Camera", "Cổng", "Lượt nhận dạng", "Đọc đủ",
                    "Tỷ lệ đầy đủ", "Số sự cố", "Thời gian gián đoạn", "Thời gian hoạt động"),
                    List.of("camera", "gate", "recognitions", "complete", "completeness", "incidents", "downtime",
                            "uptime"),
                    icd.getValue().values().stream().map(camera -> List.of(camera.cameraId, ReportText.or(camera.gateId),
                            count(camera.reads.size()), count(camera.reads.size() - camera.incomplete.size()),
                            percent(camera.reads.size() - camera.incomplete.size(), camera.reads.size()),
                            String.valueOf(camera.incidents.size()), duration(camera.downMillis),
                            percent(period - camera.downMillis, period))).toList()));
            sections.add(new Report.Table(number + ".1. Sự cố camera tại ICD " + icd.getKey(), List.of("Camera",
                    "Loại sự cố", "Bắt đầu", "Kết thúc", "Thời lượng trong kỳ"),
                    List.of("camera", "kind", "started", "ended", "duration"),
                    incidentRows(icd.getValue().values(), quarter.from(), end)));
            number++;
        }
        sections.add(new Report.Paragraph(number + ". Ghi chú", "Lượt nhận dạng: mỗi lượt xe qua cổng được camera "
                + "nhận dạng, tính một lần dù xe chở hai container; không tính lượt công chức nhập tay. Đọc đủ: camera đọc "
                + "được số container (đúng số kiểm tra ISO 6346 hoặc sửa được) và biển kiểm soát (1572 §II.1.5). Sự cố: "
                + "theo sổ nhật ký sự cố camera (1572 §II.1.8): mất tín hiệu (CAMERA_SILENT, camera không gửi "
                + "dữ liệu nhận dạng, từ lần đọc cuối đến lần đọc lại) hoặc ảnh không dùng được (CAMERA_DEGRADED: "
                + "ảnh đen, cháy sáng, mờ, đứng hình, thiếu tương phản, đến khi ảnh tốt trở lại); chỉ tính phần nằm "
                + "trong kỳ, sự cố chưa khắc phục tính đến hết kỳ. Thời gian hoạt động: phần thời gian của kỳ ngoài "
                + "các sự cố (hai sự cố trùng thời gian tính một lần)."));
        return new Report(department == null ? List.of("TỔNG CỤC HẢI QUAN")
                        : List.of("TỔNG CỤC HẢI QUAN", department.name() == null ? department.unitCode()
                                : ReportText.upper(department.name())),
                "BÁO CÁO TÌNH HÌNH HOẠT ĐỘNG HỆ THỐNG CAMERA GIÁM SÁT",
                "Quý " + ROMAN[quarter.number() - 1] + " năm " + quarter.year() + " — camera nhận dạng tại cổng ICD",
                "Quyết định 1572/QĐ-TCHQ, mục III.3", sections, csv(quarter, end, offices, byIcd, period));
    }

    private static List<List<String>> incidentRows(Collection<Camera> cameras, Instant from, Instant end) {
        return cameras.stream().flatMap(camera -> camera.incidents.stream())
                .sorted(Comparator.comparing(CameraIncident::start))
                .map(incident -> List.of(incident.cameraId(), ReportText.incident(incident),
                        Times.vietnamTime(incident.start()),
                        incident.end() == null ? "chưa khắc phục" : Times.vietnamTime(incident.end()),
                        duration(inside(incident, from, end).toMillis()))).toList();
    }

    private static Report.Table csv(Quarter quarter, Instant end, List<CustomsOffice> offices,
            Map<String, Map<String, Camera>> byIcd, long period) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Camera>> icd : byIcd.entrySet()) {
            CustomsOffice branch = CustomsOffice.branchOf(icd.getKey(), offices).orElse(null);
            String branchCode = branch == null ? "" : branch.unitCode();
            String departmentCode = branch == null || branch.parentCode() == null ? "" : branch.parentCode();
            Collection<Camera> cameras = icd.getValue().isEmpty() ? List.of(new Camera(icd.getKey(), ""))
                    : icd.getValue().values();
            for (Camera camera : cameras) {
                int complete = camera.reads.size() - camera.incomplete.size();
                boolean known = !camera.cameraId.isEmpty();
                rows.add(List.of(quarter.name(), departmentCode, branchCode, icd.getKey(), camera.cameraId,
                        camera.gateId == null ? "" : camera.gateId, String.valueOf(camera.reads.size()),
                        String.valueOf(complete),
                        camera.reads.isEmpty() ? "" : decimal(100.0 * complete / camera.reads.size()),
                        String.valueOf(camera.incidents.size()), String.valueOf(Math.round(camera.downMillis / 60_000.0)),
                        known ? decimal(100.0 * (period - camera.downMillis) / period) : "",
                        quarter.from().toString(), end.toString(), String.valueOf(count(camera,
                                CameraIncident.Kind.SILENT)), String.valueOf(count(camera,
                                CameraIncident.Kind.DEGRADED))));
            }
        }
        List<String> keys = List.of("quarter", "department_code", "branch_code", "icd_code", "camera_id", "gate_id",
                "recognitions", "complete", "completeness_pct", "incidents", "downtime_minutes", "uptime_pct",
                "period_start_utc", "period_end_utc", "silent_incidents", "degraded_incidents");
        return new Report.Table("cameras", keys, keys, rows);
    }

    private static long count(Camera camera, CameraIncident.Kind kind) {
        return camera.incidents.stream().filter(incident -> incident.kind() == kind).count();
    }

    private static String count(long value) {
        return NumberFormat.getIntegerInstance(ReportText.VIETNAMESE).format(value);
    }

    /** "97,50 %" as Vietnamese write it; "-" of nothing. */
    private static String percent(long part, long whole) {
        return whole <= 0 ? "-" : String.format(ReportText.VIETNAMESE, "%.2f %%", 100.0 * part / whole);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** "2 ngày 3 giờ 5 phút", to the minute. */
    static String duration(long millis) {
        long minutes = Math.round(millis / 60_000.0);
        List<String> parts = new ArrayList<>();
        if (minutes >= 1440) {
            parts.add(minutes / 1440 + " ngày");
        }
        if (minutes % 1440 >= 60) {
            parts.add(minutes % 1440 / 60 + " giờ");
        }
        if (minutes % 60 != 0 || parts.isEmpty()) {
            parts.add(minutes % 60 + " phút");
        }
        return String.join(" ", parts);
    }
}
