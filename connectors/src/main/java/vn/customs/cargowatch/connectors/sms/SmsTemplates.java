package vn.customs.cargowatch.connectors.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Times;

/**
 * The Vietnamese text of an alert SMS (3740 §II.4: the departure Branch's officer is told by text message). Written
 * for an officer reading a phone on duty: what happened, which container, where (the nearest customs unit, which
 * would check on site, and the coordinates), since when in Vietnam time, and the alert's short id to find it on
 * screen. With diacritics: the sender sends UCS-2, and Vietnamese without them is ambiguous.
 *
 * <p>Contract: {@code [Hải quan] CẢNH BÁO <what>: cont <number> <where> <when>. Mã: <first 8 of the id>}; an
 * ended alert says {@code KẾT THÚC} and both times; an escalated one {@code CHUYỂN XÁC MINH} ("passed on for
 * verification on site": both the Branch and the unit asked read it right); a critical one (door opened, seal tampered
 * with, exit without clearance) says {@code CẢNH BÁO KHẨN}. Coordinates have 4 decimals (about 11 m) so an officer
 * can be sent there. A {@link #digest} stands for several alerts when a storm of them would flood a phone.
 */
public final class SmsTemplates {

    private static final String PREFIX = "[Hải quan] ";
    private static final int SHORT_ID = 8;
    private static final int DIGEST_CONTAINERS = 3;
    private static final int DEFAULT_STOP_MINUTES = 90;

    private SmsTemplates() {}

    /** The SMS for one alert: as raised, as escalated, or, when {@code endTs} is set, as ended. */
    public static String of(Alert alert) {
        AlertDetails details = alert.details() == null ? AlertDetails.NONE : alert.details();
        StringBuilder text = new StringBuilder(PREFIX);
        if (alert.endTs() != null) {
            text.append("KẾT THÚC ");
        } else if (alert.state() == AlertState.ESCALATED) {
            text.append("CHUYỂN XÁC MINH ");
        } else {
            text.append(alert.severity() == AlertType.Severity.CRITICAL ? "CẢNH BÁO KHẨN " : "CẢNH BÁO ");
        }
        text.append(label(alert.type(), details)).append(':');
        if (alert.containerNo() != null) {
            text.append(" cont ").append(alert.containerNo());
        } else if (alert.type() == AlertType.INCOMPLETE_RECOGNITION) {
            text.append(" không đọc được số cont");
        }
        if (details.plate() != null) {
            text.append(" xe ").append(details.plate());
        }
        text.append(place(alert, details));
        text.append(' ').append(when(alert));
        return text.append(". Mã: ").append(shortId(alert.alertId())).toString();
    }

    /**
     * One SMS for {@code alerts} raised within {@code window}, for when sending each would flood the phone: how
     * many of each kind, most severe first, a few of the containers, and until when.
     */
    public static String digest(List<Alert> alerts, Duration window) {
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a digest of no alert");
        }
        Map<AlertType, Long> counts = alerts.stream()
                .collect(Collectors.groupingBy(Alert::type, () -> new EnumMap<>(AlertType.class), Collectors.counting()));
        String kinds = counts.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<AlertType, Long> kind) -> kind.getKey().severity())
                        .thenComparing(Map.Entry.comparingByValue(Comparator.reverseOrder())))
                .map(kind -> kind.getValue() + " " + label(kind.getKey(), AlertDetails.NONE))
                .collect(Collectors.joining(", "));
        List<String> containers = alerts.stream().map(Alert::containerNo).filter(Objects::nonNull).distinct().toList();
        Instant latest = alerts.stream().map(Alert::raisedAt).max(Comparator.naturalOrder()).orElseThrow();
        long minutes = Math.max(1, (window.toSeconds() + 59) / 60);

        StringBuilder text = new StringBuilder(PREFIX).append(alerts.size()).append(" cảnh báo mới trong ")
                .append(minutes).append(" phút đến ").append(Times.vietnamShort(latest)).append(": ").append(kinds)
                .append('.');
        if (!containers.isEmpty()) {
            text.append(" Cont: ").append(String.join(", ", containers.subList(0, Math.min(DIGEST_CONTAINERS,
                    containers.size()))));
            if (containers.size() > DIGEST_CONTAINERS) {
                text.append(" và ").append(containers.size() - DIGEST_CONTAINERS).append(" cont khác");
            }
            text.append('.');
        }
        return text.append(" Xem chi tiết trên hệ thống giám sát.").toString();
    }

    /** What happened, in the words of 3740 §I.8 and 1572 §II where they have them. */
    public static String label(AlertType type, AlertDetails details) {
        return switch (type) {
            case WRONG_ROUTE -> "Sai lộ trình";
            case STOP_OVER_90_MIN -> "Dừng quá " + (details.maxDurationMinutes() == null ? DEFAULT_STOP_MINUTES
                    : details.maxDurationMinutes()) + " phút";
            case SIGNAL_LOST -> "Mất tín hiệu";
            case DOOR_OPENED -> "Mở cửa container";
            case CONTAINER_NOT_ARRIVED -> "Quá hạn chưa đến đích";
            case UNCLEARED_EXIT -> "Ra cổng khi chưa thông quan";
            case RISK_CONTAINER -> "Container diện rủi ro qua cổng";
            case NO_DECLARATION -> "Không có tờ khai";
            case PLATE_MISMATCH -> "Biển số xe không khớp tờ khai";
            case INCOMPLETE_RECOGNITION -> "Camera đọc thiếu số cont/biển số";
            case CAMERA_SILENT -> "Camera ngừng gửi dữ liệu";
            case CAMERA_DEGRADED -> "Camera gửi ảnh không dùng được";
            case SEAL_TAMPERED -> "Seal bị phá/can thiệp";
            case SEAL_POWER_OFF -> "Seal mất nguồn";
            case SEAL_LOW_BATTERY -> "Seal sắp hết pin";
        };
    }

    /** The nearest customs unit and the coordinates, or the ICD gate (gate alerts have no position). */
    private static String place(Alert alert, AlertDetails details) {
        StringBuilder place = new StringBuilder();
        if (alert.lat() != null && alert.lon() != null) {
            if (alert.nearestOffice() != null) {
                place.append(" gần ").append(alert.nearestOffice().name());
            } else {
                place.append(" tại");
            }
            place.append(String.format(Locale.ROOT, " (%.4f,%.4f)", alert.lat(), alert.lon()));
        } else if (details.icdCode() != null) {
            place.append(" tại ").append(details.icdCode());
            if (details.gateId() != null) {
                place.append(" cổng ").append(details.gateId());
            }
            if ((alert.type() == AlertType.CAMERA_SILENT || alert.type() == AlertType.CAMERA_DEGRADED)
                    && details.cameraId() != null) {
                place.append(" camera ").append(details.cameraId());
            }
        }
        return place.toString();
    }

    private static String when(Alert alert) {
        String start = Times.vietnamShort(alert.startTs());
        if (alert.endTs() != null) {
            return "từ " + start + " đến " + Times.vietnamShort(alert.endTs());
        }
        return switch (alert.type()) {
            case WRONG_ROUTE, STOP_OVER_90_MIN, SIGNAL_LOST, CAMERA_SILENT, CAMERA_DEGRADED, SEAL_POWER_OFF -> "từ " + start;
            case CONTAINER_NOT_ARRIVED -> "hạn đến " + start;
            default -> "lúc " + start;
        };
    }

    private static String shortId(String alertId) {
        return alertId.length() <= SHORT_ID ? alertId : alertId.substring(0, SHORT_ID);
    }
}
