package vn.customs.cargowatch.ops.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.customs.cargowatch.connectors.sms.SmsTemplates;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.Regime;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.TrackPoint;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TripRegistration;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.ops.UserError;
import vn.customs.cargowatch.ops.alerts.AlertStore;

/**
 * The trip summary (Báo cáo tóm tắt kết quả theo dõi, 3740 §II.3) that the destination Branch prints for the customs
 * file: the registration (Phụ lục III's fields), planned and actual times, the map of the route, its corridor, the
 * track and where each alert began, the alerts with their whole handling and what the verifications found, and the
 * closing inspection. Its CSV is the alerts, one line each, with the trip's id.
 */
public final class TripSummary {

    private TripSummary() {}

    public static Report of(AlertStore store, String tripId) {
        Optional<TripRegistration> registration = store.registration(tripId);
        Optional<TripStatus> status = store.status(tripId);
        if (registration.isEmpty() && status.isEmpty()) {
            throw new UserError("no trip " + tripId + " in " + store.describe());
        }
        Optional<TripEvent> registered = store.registered(tripId,
                registration.map(TripRegistration::ts).orElse(null));
        Optional<TripClosing> closing = store.closing(tripId);
        List<Alert> alerts = store.tripAlerts(tripId);
        Map<String, CustomsOffice> offices = store.offices().stream()
                .collect(Collectors.toMap(CustomsOffice::unitCode, Function.identity(), (a, b) -> b));
        String branch = registration.map(TripRegistration::branchCode)
                .orElse(status.map(TripStatus::branchCode).orElse(null));
        String department = registration.map(TripRegistration::departmentCode)
                .orElse(status.map(TripStatus::departmentCode).orElse(null));

        List<Report.Section> sections = new ArrayList<>();
        sections.add(new Report.Fields("1. Thông tin đăng ký (Phụ lục III)", registrationFields(registration,
                registered)));
        sections.add(new Report.Fields("2. Thời gian và hành trình", journey(registration, status, closing)));
        List<TrackPoint> track = store.track(tripId);
        List<TripMap.Marker> markers = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            if (alerts.get(i).lat() != null && alerts.get(i).lon() != null) {
                markers.add(new TripMap.Marker(i + 1, alerts.get(i).lat(), alerts.get(i).lon()));
            }
        }
        double[][] route = registered.map(TripEvent::route).map(line -> line.coordinates()).orElse(null);
        double corridor = registration.map(TripRegistration::corridorMeters).orElse(null) != null
                ? registration.get().corridorMeters() : 500;
        sections.add(new Report.Image("3. Bản đồ hành trình", TripMap.png(route, corridor,
                track.stream().map(point -> new double[] {point.lon(), point.lat()}).toList(), markers),
                "Nét đứt xanh: tuyến đường đăng ký; dải xanh nhạt: hành lang " + Math.round(corridor)
                        + " m; đường xanh lá: hành trình thực tế (" + track.size() + " điểm); chấm đỏ: nơi bắt đầu "
                        + "cảnh báo, đánh số như bảng 4." + (route == null ? " Không có tuyến đăng ký trong dữ liệu."
                        : "")));
        Map<String, String> explained = closing.map(TripClosing::inspection).map(Inspection::explanationsOrNone)
                .orElse(List.of()).stream()
                .collect(Collectors.toMap(Inspection.Explanation::alertId, Inspection.Explanation::text, (a, b) -> b));
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> csvRows = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            Alert alert = alerts.get(i);
            List<AlertHistoryEntry> history = store.history(alert.alertId());
            String finding = history.stream().filter(entry -> entry.finding() != null)
                    .reduce((first, second) -> second).map(entry -> entry.finding().name()).orElse("-");
            List<String> row = List.of(String.valueOf(i + 1),
                    SmsTemplates.label(alert.type(), alert.details() == null ? AlertDetails.NONE : alert.details()),
                    time(alert.startTs()), time(alert.endTs()), place(alert),
                    alert.state() == null ? "OPEN" : alert.state().name(), finding,
                    explained.getOrDefault(alert.alertId(), "-"), handling(history));
            rows.add(row);
            List<String> csv = new ArrayList<>(List.of(tripId, alert.alertId(), alert.type().name()));
            csv.addAll(List.of(iso(alert.startTs()), iso(alert.endTs()),
                    alert.lat() == null ? "" : String.valueOf(alert.lat()),
                    alert.lon() == null ? "" : String.valueOf(alert.lon()), row.get(5), row.get(6),
                    explained.getOrDefault(alert.alertId(), ""), row.get(8)));
            csvRows.add(csv);
        }
        sections.add(new Report.Table("4. Cảnh báo và kết quả xử lý", List.of("#", "Cảnh báo", "Bắt đầu",
                "Kết thúc", "Vị trí", "Trạng thái", "Kết quả xác minh", "Giải trình", "Quá trình xử lý"),
                List.of("number", "type", "started", "ended", "place", "state", "finding", "explanation", "handling"),
                rows));
        sections.add(new Report.Fields("5. Kiểm tra khi kết thúc (3740 §II.3)", closingFields(closing)));
        Report.Table csv = new Report.Table("alerts", List.of("trip_id", "alert_id", "type", "started", "ended",
                "lat", "lon", "state", "finding", "explanation", "handling"), List.of("trip_id", "alert_id", "type",
                "started_utc", "ended_utc", "lat", "lon", "state", "finding", "explanation", "handling"), csvRows);
        return new Report(List.of("TỔNG CỤC HẢI QUAN", ReportText.upper(ReportText.unitName(offices, department)),
                        ReportText.upper(ReportText.unitName(offices, branch))),
                "BÁO CÁO TÓM TẮT KẾT QUẢ THEO DÕI",
                "Hàng hóa chịu sự giám sát hải quan bằng seal định vị điện tử — chuyến " + tripId
                        + registration.map(r -> ", container " + r.containerNo()).orElse(""),
                "Quyết định 3740/QĐ-TCHQ, mục II.3", sections, csv);
    }

    private static List<Report.Field> registrationFields(Optional<TripRegistration> found,
            Optional<TripEvent> registered) {
        List<Report.Field> fields = new ArrayList<>();
        found.ifPresent(trip -> fields.addAll(List.of(
                new Report.Field("Số tờ khai", ReportText.or(trip.declarationNo())),
                new Report.Field("Số hiệu container", ReportText.or(trip.containerNo())),
                new Report.Field("Biển kiểm soát xe", ReportText.or(trip.truckPlate())),
                new Report.Field("Biển kiểm soát rơ moóc", ReportText.or(trip.trailerPlate())),
                new Report.Field("Loại hình", regime(trip.regime())),
                new Report.Field("Địa điểm đi", ReportText.or(trip.originName())),
                new Report.Field("Địa điểm đến", ReportText.or(trip.destinationName())),
                new Report.Field("Seal định vị (IMEI)", ReportText.or(trip.imei())),
                new Report.Field("Chi cục / Cục quản lý", ReportText.or(trip.branchCode()) + " / " + ReportText.or(trip.departmentCode())))));
        registered.map(TripEvent::contacts).orElse(List.of()).forEach(contact -> fields.add(new Report.Field(
                role(contact.role()), (contact.name() == null ? "" : contact.name() + ", ") + ReportText.or(contact.phone()))));
        if (fields.isEmpty()) {
            fields.add(new Report.Field("Đăng ký", "không có trong dữ liệu"));
        }
        return fields;
    }

    private static List<Report.Field> journey(Optional<TripRegistration> registration, Optional<TripStatus> status,
            Optional<TripClosing> closing) {
        return List.of(
                new Report.Field("Dự kiến đi", registration.map(r -> time(r.expectedStart())).orElse("-")),
                new Report.Field("Dự kiến đến", registration.map(r -> time(r.expectedEnd())).orElse("-")),
                new Report.Field("Kích hoạt seal (thực tế)", status.map(s -> time(s.activatedTs())).orElse("-")),
                new Report.Field("Đến đích (thực tế)", status.map(s -> time(s.endTs())).orElse("-")
                        + status.map(TripStatus::arrivedBy).map(by -> by == TripStatus.ArrivedBy.GATE_CAMERA
                                ? " (camera cổng ICD)" : " (xác nhận)").orElse("")),
                new Report.Field("Tình trạng", status.map(s -> s.state().name()).orElse("-")
                        + closing.map(c -> ", kết thúc: " + c.state().name()).orElse("")),
                new Report.Field("Quãng đường", status.map(TripStatus::distanceKm)
                        .map(km -> String.format(ReportText.VIETNAMESE, "%.1f km", km)).orElse("-")),
                new Report.Field("Số cảnh báo", status.map(s -> String.valueOf(s.alertCount())).orElse("-")));
    }

    private static List<Report.Field> closingFields(Optional<TripClosing> found) {
        if (found.isEmpty()) {
            return List.of(new Report.Field("Tình trạng", "chuyến chưa đến đích"));
        }
        TripClosing closing = found.get();
        Inspection inspection = closing.inspection();
        if (inspection == null) {
            return List.of(new Report.Field("Tình trạng", "chờ kết thúc (hạn " + time(closing.closingDueAt()) + ")"));
        }
        return List.of(
                new Report.Field("Công chức kiểm tra", inspection.by() + " (" + inspection.byUnit() + ")"),
                new Report.Field("Thời điểm", time(inspection.ts())),
                new Report.Field("Container", inspection.container().vietnamese()),
                new Report.Field("Seal định vị", inspection.gpsSeal().vietnamese()),
                new Report.Field("Niêm phong hải quan", inspection.customsSeal().vietnamese()),
                new Report.Field("Lý do", ReportText.or(inspection.reason())),
                new Report.Field("Biện pháp xử lý", ReportText.or(inspection.measures())),
                new Report.Field("Kết quả xử lý", ReportText.or(inspection.result())));
    }

    /** Each handling step: when, what, the states, who, the note and what was found. */
    private static String handling(List<AlertHistoryEntry> history) {
        if (history.isEmpty()) {
            return "chưa xử lý";
        }
        return history.stream().map(entry -> Times.vietnamShort(entry.ts()) + " " + entry.action()
                + " " + entry.fromState() + "→" + entry.toState() + ", " + entry.by() + " (" + entry.byUnit() + ")"
                + (entry.finding() == null ? "" : ", " + entry.finding())
                + (entry.note() == null ? "" : ": " + entry.note())
                + (entry.closingReason() == null ? "" : "; " + entry.closingReason()))
                .collect(Collectors.joining("\n"));
    }

    private static String place(Alert alert) {
        return alert.lat() == null || alert.lon() == null ? "-"
                : String.format(Locale.ROOT, "%.5f, %.5f", alert.lat(), alert.lon())
                        + (alert.nearestOffice() == null ? "" : " (gần " + alert.nearestOffice().name() + ")");
    }

    static String regime(Regime regime) {
        return regime == null ? "-" : switch (regime) {
            case BORDER_GATE_TRANSFER -> "Chuyển cửa khẩu";
            case TEMP_IMPORT_REEXPORT -> "Tạm nhập - tái xuất";
            case TRANSIT -> "Quá cảnh";
            case BONDED_WAREHOUSE -> "Kho ngoại quan";
            case OTHER -> "Khác";
        };
    }

    private static String role(Contact.Role role) {
        return role == null ? "Liên hệ" : switch (role) {
            case DRIVER -> "Lái xe";
            case DECLARANT -> "Người khai hải quan";
            case COMPANY -> "Doanh nghiệp";
        };
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : Times.vietnamTime(instant);
    }

    private static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
