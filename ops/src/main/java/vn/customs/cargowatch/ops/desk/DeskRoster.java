package vn.customs.cargowatch.ops.desk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vn.customs.cargowatch.jobs.config.SmsSettings;
import vn.customs.cargowatch.jobs.sms.SmsRecipients;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DutyRoster;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.TypedText;
import vn.customs.cargowatch.ops.alerts.AlertStore;

/**
 * The duty roster at the desk (issue 13): who is on duty at each unit and shift, which the pipeline texts an alert to
 * ({@code OnDutyOfficers}: the shift holding the alert's time, the newest {@code ts} of a unit and shift winning, the
 * configuration's {@code sms.onDuty} when no entry covers it). A supervisor sets one shift of a unit: built on the
 * server with {@code ts} now, checked against the user's rights ({@link Rights#rosterRefusal}) and the contract
 * ({@link DutyRoster#problem()}), and published on {@code customs.duty-roster} through the store, as actions are.
 * Roster records are not signed: the contract record has no signature and the pipeline checks none.
 */
final class DeskRoster {

    /** What the supervisor typed: the unit, the shift's start and end, the phones. */
    record Request(String unitCode, String shiftStart, String shiftEnd, List<String> phones) {

        /** The request of a JSON body ({@code unitCode, shiftStart, shiftEnd, phones: [..]}). */
        static Request of(JsonNode body) {
            JsonNode phones = body.get("phones");
            if (phones != null && !phones.isNull() && !phones.isArray()) {
                throw new DeskActions.Malformed("phones phải là một danh sách số điện thoại dạng chuỗi.");
            }
            List<String> typed = new ArrayList<>();
            if (phones != null && phones.isArray()) {
                for (JsonNode phone : phones) {
                    if (!phone.isTextual()) {
                        throw new DeskActions.Malformed("phones phải là một danh sách số điện thoại dạng chuỗi.");
                    }
                    typed.add(phone.asText());
                }
            }
            return new Request(DeskActions.Request.text(body, "unitCode"), DeskActions.Request.text(body,
                    "shiftStart"), DeskActions.Request.text(body, "shiftEnd"), typed);
        }

        /** The phones of a form's field: separated by commas, semicolons or new lines. */
        static List<String> phones(String typed) {
            return typed == null ? List.of() : Arrays.stream(typed.split("[,;\\r\\n]+")).toList();
        }
    }

    /** The outcome, and the HTTP status it answers with. */
    sealed interface Outcome {}

    /** Published: the record as it went, and where. */
    record Published(DutyRoster entry, String where) implements Outcome {}

    /** Refused: 400 malformed or invalid, 403 not the user's to set; the reason in Vietnamese. */
    record Refused(int status, String reason) implements Outcome {}

    /** The phones on duty at a unit now, and whether they are the configuration's (no roster entry covers now). */
    record OnDuty(String unitCode, List<String> phones, boolean configured) {}

    private final AlertStore store;
    private final SmsSettings configuration;
    private final Clock clock;

    /** {@code configuration}: the pipeline's {@code sms.onDuty}, or null when the desk does not know it. */
    DeskRoster(AlertStore store, SmsSettings configuration, Clock clock) {
        this.store = store;
        this.configuration = configuration;
        this.clock = clock;
    }

    /**
     * The roster page for {@code user}: who is on duty now at each of their units, the shifts not ended, and the form
     * for the units whose roster they may set.
     */
    Views.Roster page(Views.Frame frame, DeskUser user, Views.RosterForm form, String message, String error) {
        Rights rights = new Rights(store.offices());
        List<DutyRoster> visible = visible(user, rights);
        Instant now = clock.instant();
        List<Views.OnDutyLine> onDuty = new TreeSet<>(rights.unitsOf(user.unit())).stream()
                .map(unit -> onDuty(unit, visible))
                .map(duty -> new Views.OnDutyLine(duty.unitCode(), rights.office(duty.unitCode())
                        .map(CustomsOffice::name).orElse("-"), phonesOf(duty), duty.configured()))
                .toList();
        List<Views.RosterLine> entries = visible.stream().map(entry -> new Views.RosterLine(entry.unitCode(),
                Views.time(entry.shiftStart()), Views.time(entry.shiftEnd()), String.join(", ", entry.phones()),
                Views.time(entry.ts()), entry.covers(now))).toList();
        String fallback = configuration != null
                ? "Số trực trong cấu hình (sms.onDuty) là của tệp cấu hình mà bàn xử lý này đọc (--config); "
                        + "đơn vị không có số nào thì không ai được nhắn."
                : "Bàn xử lý đang đọc thư mục của một lần replay nên không biết cấu hình: khi không có lịch trực, "
                        + "hệ thống dùng sms.onDuty trong cấu hình của lần replay.";
        return new Views.Roster(frame, onDuty, entries, List.copyOf(new TreeSet<>(rights.rosterUnits(user))),
                form, fallback, message, error);
    }

    private String phonesOf(OnDuty duty) {
        if (!duty.phones().isEmpty()) {
            return String.join(", ", duty.phones());
        }
        return configuration == null ? "theo cấu hình của lần replay" : "không có";
    }

    /** Sets the roster of one unit's shift for {@code user} from a JSON body; a wrong shape is refused (400). */
    Outcome set(DeskUser user, JsonNode body) {
        try {
            return set(user, Request.of(body));
        } catch (DeskActions.Malformed e) {
            return new Refused(400, e.getMessage());
        }
    }

    /** Sets the roster of one unit's shift for {@code user}. */
    synchronized Outcome set(DeskUser user, Request request) {
        Rights rights = new Rights(store.offices());
        String unit = TypedText.nfc(request.unitCode() == null ? null : request.unitCode().strip());
        if (unit == null || unit.isEmpty()) {
            return new Refused(400, "Chưa chọn đơn vị.");
        }
        String forbidden = rights.rosterRefusal(user, unit);
        if (forbidden != null) {
            return new Refused(403, forbidden);
        }
        DutyRoster entry;
        try {
            entry = new DutyRoster(unit, instant(request.shiftStart(), "Giờ bắt đầu ca"),
                    instant(request.shiftEnd(), "Giờ kết thúc ca"), phones(request.phones()), clock.instant());
        } catch (DeskActions.Malformed e) {
            return new Refused(400, e.getMessage());
        }
        String problem = entry.problem();
        if (problem != null) {
            return new Refused(400, vietnamese(problem) + " (" + problem + ")");
        }
        return new Published(entry, store.publish(Topic.CUSTOMS_DUTY_ROSTER, entry));
    }

    /**
     * The entries of {@code user}'s units (their own and below) whose shift has not ended, the newest {@code ts} of
     * each unit and shift, by unit and start.
     */
    List<DutyRoster> visible(DeskUser user) {
        return visible(user, new Rights(store.offices()));
    }

    private List<DutyRoster> visible(DeskUser user, Rights rights) {
        Set<String> units = rights.unitsOf(user.unit());
        Instant now = clock.instant();
        return newestOfEachShift(store.roster()).stream()
                .filter(entry -> units.contains(entry.unitCode()) && entry.shiftEnd().isAfter(now))
                .sorted(Comparator.comparing(DutyRoster::unitCode).thenComparing(DutyRoster::shiftStart)
                        .thenComparing(DutyRoster::shiftEnd))
                .toList();
    }

    /**
     * Who is on duty at {@code unit} now, as the pipeline decides it: the phones of the shifts of {@code visible}
     * holding now (published by now), or else the configuration's.
     */
    OnDuty onDuty(String unit, List<DutyRoster> visible) {
        Instant now = clock.instant();
        Set<String> phones = new LinkedHashSet<>();
        visible.stream().filter(entry -> entry.unitCode().equals(unit) && entry.covers(now)
                && !entry.ts().isAfter(now)).forEach(entry -> phones.addAll(entry.phones()));
        if (!phones.isEmpty()) {
            return new OnDuty(unit, List.copyOf(phones), false);
        }
        return new OnDuty(unit, configuration == null ? List.of() : configuration.onDuty(unit), true);
    }

    /** Of each unit and shift (start, end), the record with the newest {@code ts}; the later one of equal ones. */
    static List<DutyRoster> newestOfEachShift(List<DutyRoster> roster) {
        Map<String, DutyRoster> newest = new LinkedHashMap<>();
        for (DutyRoster entry : roster) {
            newest.merge(entry.unitCode() + "/" + entry.shiftStart() + "/" + entry.shiftEnd(), entry,
                    (kept, later) -> later.ts().isBefore(kept.ts()) ? kept : later);
        }
        return List.copyOf(newest.values());
    }

    /**
     * A time as typed: an ISO-8601 time with offset, or a local date and time (a form's {@code datetime-local}) in
     * Vietnam time; none when blank (the contract's check says it is missing).
     */
    static Instant instant(String typed, String label) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String text = typed.strip();
        try {
            return Times.parse(LocalDateTime.parse(text).atZone(Times.VIETNAM).toOffsetDateTime().toString());
        } catch (DateTimeParseException local) {
            try {
                return Times.parse(text);
            } catch (IllegalArgumentException e) {
                throw new DeskActions.Malformed(label + " không đọc được: '" + text + "' (cần ngày giờ Việt Nam "
                        + "như 2026-11-22T07:00, hoặc ISO-8601 có múi giờ như 2026-11-22T07:00:00+07:00).");
            }
        } catch (IllegalArgumentException e) {
            throw new DeskActions.Malformed(label + " ngoài khoảng 2000-2100: '" + text + "'.");
        }
    }

    /**
     * The phones as the pipeline texts them: {@code 0912 345 678} and {@code +84 912…} become {@code 84912345678}, as
     * the trips' contacts are; one that is no phone is kept as typed, for the contract's check to name it. Blanks and
     * repeats are dropped.
     */
    static List<String> phones(List<String> typed) {
        Set<String> phones = new LinkedHashSet<>();
        for (String phone : typed == null ? List.<String>of() : typed) {
            String text = TypedText.nfc(phone == null ? "" : phone.strip());
            if (!text.isEmpty()) {
                String international = SmsRecipients.international(text);
                phones.add(international == null ? text : international);
            }
        }
        return List.copyOf(phones);
    }

    /** What {@link DutyRoster#problem()} says, in Vietnamese, by the field it is about. */
    static String vietnamese(String problem) {
        if (problem.startsWith("phones has")) {
            return "Tối đa " + DutyRoster.MAX_PHONES + " số điện thoại cho một ca.";
        }
        if (problem.startsWith("phones")) {
            return "Số điện thoại không hợp lệ: cần ít nhất một số, mỗi số 8 đến 15 chữ số (ví dụ 0912345678 hoặc "
                    + "84912345678).";
        }
        if (problem.startsWith("shiftStart")) {
            return "Thiếu giờ bắt đầu ca.";
        }
        if (problem.startsWith("shiftEnd is missing")) {
            return "Thiếu giờ kết thúc ca.";
        }
        if (problem.startsWith("shiftEnd")) {
            return "Giờ kết thúc ca phải sau giờ bắt đầu.";
        }
        if (problem.startsWith("the shift")) {
            return "Một ca trực dài tối đa " + DutyRoster.MAX_SHIFT.toHours() + " giờ.";
        }
        if (problem.startsWith("unitCode")) {
            return "Mã đơn vị không hợp lệ.";
        }
        return "Lịch trực không hợp lệ.";
    }
}
