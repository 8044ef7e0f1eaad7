package vn.customs.cargowatch.jobs.alerts;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.customs.cargowatch.connectors.sms.SmsTemplates;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.Times;

/**
 * The escalation proposal of 3740 §II.4 and Phụ lục II: when the Branch's verification by phone does not convince,
 * the Branch leader is asked to request the customs unit <em>nearest the alert's location</em> to verify on site.
 * Pure: the alert and the {@code customs.offices} in, the {@link #candidates()} and a printable Vietnamese
 * {@link #text()} out.
 *
 * <p>Decisions: only Branch-level units are candidates (they have the officers to send; the same rule as
 * {@code nearestOffice}); the {@value #CANDIDATES} nearest are listed in {@link NearestOffices}' ranking, the
 * alert's {@code nearestOffice} first. The alert's own Branch is listed too when it is among them, marked, since sending its own officers may
 * be the quickest; the <em>proposed</em> unit is the nearest Branch other than the alert's own — the one to ask.
 * Distances are rounded to 0.1 km, as on the alert.
 */
public record EscalationProposal(Alert alert, List<Candidate> candidates, CustomsOffice ownBranch) {

    /** How many nearest Branches are listed. */
    public static final int CANDIDATES = 3;

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");

    /** A Branch near the alert, its distance, and whether it is the alert's own Branch. */
    public record Candidate(CustomsOffice office, double distanceKm, boolean ownBranch) {}

    /** The proposal for {@code alert}, or empty when the alert has no position or no Branch is known. */
    public static Optional<EscalationProposal> of(Alert alert, Collection<CustomsOffice> offices) {
        if (alert.lat() == null || alert.lon() == null) {
            return Optional.empty();
        }
        CustomsOffice own = offices.stream().filter(office -> office.unitCode().equals(alert.branchCode()))
                .reduce((first, later) -> later).orElse(null);
        List<Candidate> nearest = NearestOffices.branchesByDistance(offices, alert.lat(), alert.lon()).stream()
                .limit(CANDIDATES)
                .map(ranked -> new Candidate(ranked.office(), ranked.km(),
                        ranked.office().unitCode().equals(alert.branchCode())))
                .toList();
        return nearest.isEmpty() ? Optional.empty() : Optional.of(new EscalationProposal(alert, nearest, own));
    }

    /** The unit to ask: the nearest Branch other than the alert's own, or empty when only the own one is near. */
    public Optional<Candidate> proposed() {
        return candidates.stream().filter(candidate -> !candidate.ownBranch()).findFirst();
    }

    /** The proposal as the Branch leader reads it (Vietnamese, diacritics, Vietnam time). */
    public String text() {
        StringBuilder text = new StringBuilder();
        text.append("ĐỀ XUẤT XÁC MINH TẠI CHỖ (Quyết định 3740/QĐ-TCHQ, mục II.4, Phụ lục II)\n");
        text.append("Kính gửi: Lãnh đạo ").append(ownBranch != null ? ownBranch.name()
                : alert.branchCode() != null ? "Chi cục " + alert.branchCode() : "Chi cục").append('\n');
        AlertDetails details = alert.details() == null ? AlertDetails.NONE : alert.details();
        text.append("Cảnh báo: ").append(SmsTemplates.label(alert.type(), details))
                .append(" (mức độ ").append(severity(alert)).append("), mã ").append(alert.alertId()).append('\n');
        if (alert.containerNo() != null || alert.tripId() != null) {
            text.append("Container: ").append(alert.containerNo() != null ? alert.containerNo() : "không rõ");
            if (alert.tripId() != null) {
                text.append(", chuyến ").append(alert.tripId());
            }
            text.append('\n');
        }
        text.append(String.format(Locale.ROOT, "Vị trí: %.5f, %.5f", alert.lat(), alert.lon()));
        if (alert.nearestOffice() != null) {
            text.append(" (gần ").append(alert.nearestOffice().name()).append(')');
        }
        text.append('\n');
        if (alert.startTs() != null) {
            text.append("Thời điểm bắt đầu: ").append(Times.vietnamTime(alert.startTs())).append(" (giờ Việt Nam)\n");
        }
        Optional<Candidate> proposed = proposed();
        if (proposed.isPresent()) {
            text.append("Đề xuất: đề nghị ").append(describe(proposed.get()))
                    .append(", kiểm tra, xác minh tại chỗ.\n");
        } else {
            text.append("Đề xuất: Chi cục cử công chức kiểm tra, xác minh tại chỗ (không có đơn vị nào khác gần hơn).\n");
        }
        List<Candidate> others = candidates.stream().filter(candidate -> proposed.isEmpty()
                || candidate != proposed.get()).toList();
        if (!others.isEmpty()) {
            text.append("Các đơn vị gần khác:\n");
            for (Candidate candidate : others) {
                text.append("  - ").append(describe(candidate))
                        .append(candidate.ownBranch() ? " — Chi cục quản lý cảnh báo" : "").append('\n');
            }
        }
        return text.toString();
    }

    private static String describe(Candidate candidate) {
        CustomsOffice office = candidate.office();
        String described = (office.name() != null ? office.name() : "đơn vị") + " (" + office.unitCode() + "), cách "
                + String.format(VIETNAMESE, "%.1f", candidate.distanceKm()) + " km";
        return office.phone() != null ? described + ", điện thoại " + office.phone() : described;
    }

    private static String severity(Alert alert) {
        if (alert.severity() == null) {
            return "không rõ";
        }
        return switch (alert.severity()) {
            case CRITICAL -> "rất nghiêm trọng";
            case HIGH -> "cao";
            case MEDIUM -> "trung bình";
            case LOW -> "thấp";
        };
    }
}
