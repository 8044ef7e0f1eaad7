package vn.customs.cargowatch.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trips.tally} (an output added by issue 14, key {@code tripId}): how a sealed trip counts in the monthly report
 * on the GPS seal system (3740 Phụ lục IV, due before the 10th of the next month by §III.2). Its {@link #rows()} are
 * what the report and the monthly board both count, so that they agree.
 *
 * <ul>
 *   <li>A seal <b>attached for outgoing goods</b> counts at the departure Branch (the trip's own, as registered), in
 *       the month monitoring began ({@code attachedAt}, the activation).</li>
 *   <li>A seal <b>received from incoming goods</b> counts at the destination Branch, the one that closes the trip, in
 *       the month it arrived ({@code receivedAt}); {@code receivedDepartment} is that Branch's Department.</li>
 *   <li>A <b>violating container</b> is a trip with a seal alert (not a gate alert) that has the finding VIOLATION,
 *       or that was left without a finding and without an explanation when the trip was closed; {@code violations}
 *       names those alerts. It counts with the seal's attachment: the departure Branch, which supervised the journey
 *       and handled its alerts (3740 §II.4), in the month monitoring began.</li>
 * </ul>
 * A later record of the same trip replaces the earlier; {@code ts} is the event time of the change.
 */
public record TripTally(
        String tripId,
        String containerNo,
        Regime regime,
        Instant attachedAt,
        String attachedBranch,
        String attachedDepartment,
        Instant receivedAt,
        String receivedBranch,
        String receivedDepartment,
        Boolean closed,
        List<String> violations,
        Instant ts) {

    /** A unit a row cannot name (the data did not say): counted, never dropped. */
    public static final String UNKNOWN_UNIT = "-";

    /** The form's two rows of seals, and its violating containers. */
    public enum Kind { ATTACHED, RECEIVED, VIOLATING }

    /** The form's columns by customs regime. */
    public enum Column {
        CHUYEN_CK("Chuyển CK"), TN_TX("TN-TX"), QUA_CANH("Quá cảnh"), KHAC("Khác");

        private final String label;

        Column(String label) {
            this.label = label;
        }

        /** The heading printed on the form. */
        public String label() {
            return label;
        }

        /** BORDER_GATE_TRANSFER → Chuyển CK, TEMP_IMPORT_REEXPORT → TN-TX, TRANSIT → Quá cảnh, the rest → Khác. */
        public static Column of(Regime regime) {
            if (regime == null) {
                return KHAC;
            }
            switch (regime) {
                case BORDER_GATE_TRANSFER:
                    return CHUYEN_CK;
                case TEMP_IMPORT_REEXPORT:
                    return TN_TX;
                case TRANSIT:
                    return QUA_CANH;
                default:
                    return KHAC;
            }
        }
    }

    /** One counted line: a trip under a unit, a month, a row of the form and a column. */
    public record Row(String month, Kind kind, String departmentCode, String branchCode, Column column, String tripId,
            String containerNo) {}

    public boolean violating() {
        return violations != null && !violations.isEmpty();
    }

    /**
     * The lines it counts as: ATTACHED once activated, RECEIVED once arrived, VIOLATING (with the attachment) while it
     * violates.
     */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(3);
        Column column = Column.of(regime);
        if (attachedAt != null) {
            rows.add(attachedRow(Kind.ATTACHED));
            if (violating()) {
                rows.add(attachedRow(Kind.VIOLATING));
            }
        }
        if (receivedAt != null) {
            rows.add(new Row(Times.vietnamMonth(receivedAt).toString(), Kind.RECEIVED, unit(receivedDepartment),
                    unit(receivedBranch), column, tripId, containerNo));
        }
        return rows;
    }

    /**
     * The VIOLATING line it would count as, whether it violates or not: a store drops it when the trip no longer
     * violates (a finding changed). Null before the attachment.
     */
    public Row violatingRow() {
        return attachedAt == null ? null : attachedRow(Kind.VIOLATING);
    }

    private Row attachedRow(Kind kind) {
        return new Row(Times.vietnamMonth(attachedAt).toString(), kind, unit(attachedDepartment), unit(attachedBranch),
                Column.of(regime), tripId, containerNo);
    }

    private static String unit(String code) {
        return code == null || code.isBlank() ? UNKNOWN_UNIT : code;
    }
}
