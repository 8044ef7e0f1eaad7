package vn.customs.cargowatch.ops.desk;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.Times;

/**
 * What each page of the desk shows, ready to print: the templates ({@code src/main/jte}) only lay it out, so every
 * decision (what a user may do, which time zone) is made here in Java, where it is tested. Times are Vietnam time.
 */
public final class Views {

    private Views() {}

    /** What every page shows: its title, who is signed in (null on the sign-in page) and the form token. */
    public record Frame(String title, String user, String unit, String role, String csrf, boolean admin) {}

    /** A page that says one thing: a refusal, something not found. */
    public record Message(Frame frame, String text) {}

    public record SignIn(Frame frame, String next, String username, String error) {}

    /** One line of the alert list. */
    public record AlertLine(String alertId, String type, String severity, String state, String container,
            String started, String branch, String department, String place) {}

    public record AlertList(Frame frame, List<AlertLine> alerts, List<String> types, List<String> units,
            String type, String unit) {}

    /** A labelled value of the alert page. */
    public record Field(String label, String value) {}

    /** A customs unit near the alert, its distance and phone. */
    public record Near(String unitCode, String name, String distanceKm, String phone, boolean own) {}

    /** An action applied (history) or published and not yet applied (pending). */
    public record Step(String when, String action, String states, String by, String unit, String address,
            String escalateTo, String finding, String closingReason, String note) {}

    /** A text message sent about the alert and its delivery. */
    public record Text(String sent, String phone, String delivery) {}

    /** The Phụ lục II form, filled in as far as the desk knows. */
    public record Proposal(String alertId, String alertLabel, String declarationNo, String containerNo,
            String place, String started, String branch, String proposedUnit, String proposedName,
            String proposedPhone, String text) {}

    public record AlertPage(Frame frame, String alertId, List<Field> details, List<Near> nearest,
            List<Field> trip, List<Field> contacts, List<Step> history, List<Step> pending, List<Text> texts,
            boolean smsLedger, List<String> actions, Proposal proposal, String message, String error,
            boolean evidence) {}

    public record ProposalPage(Frame frame, Proposal proposal) {}

    /**
     * A read on the review list: as the camera read it, and how it was reviewed ({@code state} in Vietnamese,
     * {@code reviewed} who and when); {@code open} offers the forms, {@code confirmable} the confirmation (CORRECTED),
     * {@code completeWith} and {@code plateValue} pre-fill the completion.
     */
    public record ReviewLine(String eventId, String icd, String gate, String camera, String when, String kind,
            String read, String containerNo, String plate, String reason, String state, String reviewed,
            boolean open, boolean confirmable, String completeWith, String plateValue) {}

    /** The review list of a shift ({@code shiftIso} for the forms), the user's ICDs for a read by hand. */
    public record Review(Frame frame, String shiftEnd, String shiftIso, List<ReviewLine> items, List<String> icds,
            String message, String error) {}

    /** An arrived trip to close: when it arrived and how, when its closing is due, whether it is overdue. */
    public record ClosingLine(String tripId, String containerNo, String unit, String arrivedAt, String arrivedBy,
            String dueAt, String state, boolean overdue) {}

    public record Closings(Frame frame, List<ClosingLine> trips) {}

    /** One of the trip's alerts on the closing form, for the declarant's explanation. */
    public record ClosingAlert(String alertId, String type, String started, String state) {}

    /**
     * The closing of one trip: its registration, its closing's state, its alerts; {@code mayClose} offers the form
     * (the destination Branch's officer, the trip not closed); {@code closed} says by whom and what was found.
     */
    public record ClosePage(Frame frame, String tripId, List<Field> trip, List<Field> closing,
            List<ClosingAlert> alerts, boolean mayClose, String message, String error) {}

    /** Who is on duty at a unit now: the roster's phones, or the configuration's ({@code sms.onDuty}). */
    public record OnDutyLine(String unitCode, String name, String phones, boolean configured) {}

    /** A shift of the roster that has not ended, as last published. */
    public record RosterLine(String unitCode, String shiftStart, String shiftEnd, String phones, String published,
            boolean now) {}

    /** The roster form as typed, to fill it in again after a mistake. */
    public record RosterForm(String unitCode, String shiftStart, String shiftEnd, String phones) {
        static final RosterForm EMPTY = new RosterForm(null, "", "", "");
    }

    /**
     * The duty roster page: who is on duty now at each of the user's units, the shifts not ended, the units whose
     * roster the user may set (none for an officer), and what the configuration answers when no shift holds now.
     */
    public record Roster(Frame frame, List<OnDutyLine> now, List<RosterLine> entries, List<String> units,
            RosterForm form, String fallback, String message, String error) {}

    public record UserLine(String name, String unit, String role, boolean disabled) {}

    public record Users(Frame frame, List<UserLine> users, List<String> units, String message, String error) {}

    static String time(Instant instant) {
        return instant == null ? "-" : Times.vietnamTime(instant);
    }

    static String or(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }

    static String km(double km) {
        return String.format(Locale.forLanguageTag("vi-VN"), "%.1f km", km);
    }

    /** The Vietnamese name of a state. */
    static String state(AlertState state) {
        return switch (state == null ? AlertState.OPEN : state) {
            case OPEN -> "Mới";
            case ACKNOWLEDGED -> "Đã tiếp nhận";
            case VERIFIED -> "Đã xác minh";
            case ESCALATED -> "Đã chuyển xác minh tại chỗ";
            case RESOLVED -> "Đã xử lý xong";
            case CLOSED -> "Đã đóng";
            case PROPOSED -> "Chờ lãnh đạo duyệt đề xuất";
        };
    }
}
