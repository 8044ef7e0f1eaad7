package vn.customs.cargowatch.ops.report;

import java.util.Locale;
import java.util.Map;
import vn.customs.cargowatch.model.CameraIncident;
import vn.customs.cargowatch.model.CustomsOffice;

/** How every report writes a unit, an absent value and a heading in Vietnamese: one way for all of them. */
final class ReportText {

    static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private ReportText() {}

    /** The text, or "-" where the data says nothing. */
    static String or(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }

    /** Upper case as Vietnamese writes it (the authority lines at the top of a form). */
    static String upper(String text) {
        return text.toUpperCase(VIETNAMESE);
    }

    /** The unit's name as the offices give it, else its code; "" for none. */
    static String unitName(Map<String, CustomsOffice> offices, String unit) {
        if (unit == null) {
            return "";
        }
        CustomsOffice office = offices.get(unit);
        return office == null || office.name() == null ? unit : office.name();
    }

    /**
     * A camera incident's kind, and for a DEGRADED one the check its images failed, as the officers' log says it
     * (1572 §II.1.8): "Mất tín hiệu", "Ảnh không dùng được: ảnh đen". A reason the words do not know is given as sent.
     */
    static String incident(CameraIncident incident) {
        if (incident.kind() != CameraIncident.Kind.DEGRADED) {
            return "Mất tín hiệu";
        }
        String reason = incident.reason() == null ? null : switch (incident.reason()) {
            case "BLACK" -> "ảnh đen";
            case "OVEREXPOSED" -> "ảnh cháy sáng";
            case "BLURRED" -> "ảnh mờ";
            case "FROZEN" -> "ảnh đứng hình";
            case "LOW_CONTRAST" -> "ảnh thiếu tương phản";
            default -> incident.reason();
        };
        return "Ảnh không dùng được" + (reason == null ? "" : ": " + reason);
    }

    /** "Chi cục Hải quan Gia Lâm (HN-GIALAM)": the name with its code, or the code alone. */
    static String named(Map<String, CustomsOffice> offices, String unit) {
        String name = unitName(offices, unit);
        return name.equals(unit) ? unit : name + " (" + unit + ")";
    }
}
