package vn.customs.cargowatch.ops.report;

import java.util.Locale;
import java.util.Map;
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

    /** "Chi cục Hải quan Gia Lâm (HN-GIALAM)": the name with its code, or the code alone. */
    static String named(Map<String, CustomsOffice> offices, String unit) {
        String name = unitName(offices, unit);
        return name.equals(unit) ? unit : name + " (" + unit + ")";
    }
}
