package vn.customs.cargowatch.ops.desk;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import vn.customs.cargowatch.jobs.gate.ReviewRules;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.CustomsOffice;

/**
 * Who may see and do what (3740 §I.7): each level sees and acts on its own unit's alerts and those of the units below
 * it — a Branch its own, a Department its Branches', the General Department all. The hierarchy is that of {@code
 * customs.offices} ({@code parentCode}, {@code level}). An alert belongs to its Branch and its Department
 * ({@code branchCode}, {@code departmentCode}); one with neither (a gate alert of an ICD no Branch lists) belongs to
 * the General Department alone, as the pipeline's {@code AlertLifecycle} has it.
 *
 * <p>Approving a proposal is the Branch leader's (§II.4.1.b): role {@code leader} at the alert's Branch or above. The
 * unit asked to verify on site (§II.4.2) may see the alert and record its on-site result, nothing else. An admin
 * manages users of the units strictly below their own and acts on no alert. A leader or an admin sets the duty roster
 * of their own unit and those below it; an officer only sees it. The rights are computed here from the
 * signed-in user, never from the request; the pipeline checks the unit again when it applies the action.
 */
public final class Rights {

    private final Map<String, CustomsOffice> offices = new HashMap<>();
    private final Map<String, Set<String>> below = new HashMap<>();

    public Rights(Collection<CustomsOffice> units) {
        for (CustomsOffice office : units) {
            offices.put(office.unitCode(), office);
        }
        for (CustomsOffice office : units) {
            if (office.parentCode() != null) {
                below.computeIfAbsent(office.parentCode(), parent -> new TreeSet<>()).add(office.unitCode());
            }
        }
    }

    public Optional<CustomsOffice> office(String unit) {
        return Optional.ofNullable(offices.get(unit));
    }

    /** Whether {@code unit} is a General Department unit: it sees every alert. */
    public boolean general(String unit) {
        return office(unit).map(office -> office.level() == CustomsOffice.Level.GENERAL).orElse(false);
    }

    /** The General Department's unit codes, as the lifecycle wants them. */
    public Set<String> generalDepartment() {
        return offices.values().stream().filter(office -> office.level() == CustomsOffice.Level.GENERAL)
                .map(CustomsOffice::unitCode).collect(Collectors.toCollection(TreeSet::new));
    }

    /** {@code unit} and every unit below it, down to the Branches (a cycle in the offices is walked once). */
    public Set<String> unitsOf(String unit) {
        Set<String> units = new LinkedHashSet<>();
        List<String> next = new java.util.ArrayList<>(List.of(unit));
        while (!next.isEmpty()) {
            String current = next.remove(0);
            if (units.add(current)) {
                next.addAll(below.getOrDefault(current, Set.of()));
            }
        }
        return units;
    }

    /** Every unit the offices name: each office and each parent an office names. */
    public Set<String> allUnits() {
        Set<String> units = new TreeSet<>(offices.keySet());
        units.addAll(below.keySet());
        return units;
    }

    /** The units strictly below {@code unit}: those an admin there grants access to. */
    public Set<String> unitsBelow(String unit) {
        Set<String> units = new LinkedHashSet<>(unitsOf(unit));
        units.remove(unit);
        return units;
    }

    /** Whether the alert is one of {@code user}'s units' (their own or below). */
    public boolean owns(DeskUser user, Alert alert) {
        if (general(user.unit())) {
            return true;
        }
        Set<String> units = unitsOf(user.unit());
        return (alert.branchCode() != null && units.contains(alert.branchCode()))
                || (alert.departmentCode() != null && units.contains(alert.departmentCode()));
    }

    /** Whether {@code user} may open the alert: one of their units', or they are the unit asked to verify on site. */
    public boolean maySee(DeskUser user, Alert alert, String unitAsked) {
        return owns(user, alert) || user.unit().equals(unitAsked);
    }

    /**
     * Why {@code user} may not take {@code action} on the alert, or null when they may. The unit asked records its
     * on-site result; approving is a leader's; an admin acts on no alert.
     */
    public String refusal(DeskUser user, Alert alert, String unitAsked, Action action) {
        if (user.role() == DeskUser.Role.ADMIN) {
            return "an admin manages users and acts on no alert";
        }
        boolean asked = action == Action.ONSITE_RESULT && user.unit().equals(unitAsked);
        if (!asked && !owns(user, alert)) {
            return "unit " + user.unit() + " may not act on this alert (3740 §I.7: its Branch "
                    + alert.branchCode() + ", its Department " + alert.departmentCode()
                    + " or the General Department may)";
        }
        if ((action == Action.APPROVE || action == Action.ESCALATE) && user.role() != DeskUser.Role.LEADER) {
            return "only a leader may " + (action == Action.APPROVE ? "approve an escalation proposal"
                    : "escalate directly") + " (3740 §II.4.1.b)";
        }
        return null;
    }

    /**
     * Why {@code user} may not set the duty roster of {@code unit}, in Vietnamese, or null when they may: a leader or
     * an admin sets their own unit's and those below it (a Branch its own, a Department its own and its Branches',
     * the General Department all); an officer only sees the roster.
     */
    public String rosterRefusal(DeskUser user, String unit) {
        if (user.role() == DeskUser.Role.OFFICER) {
            return "Chỉ lãnh đạo hoặc quản trị viên đặt lịch trực; công chức chỉ xem.";
        }
        if (!unitsOf(user.unit()).contains(unit)) {
            return "Đơn vị " + unit + " không thuộc đơn vị của bạn (" + user.unit() + ") hay các đơn vị cấp dưới "
                    + "(3740 §I.7).";
        }
        return null;
    }

    /** The units whose duty roster {@code user} may set, none for an officer. */
    public Set<String> rosterUnits(DeskUser user) {
        return user.role() == DeskUser.Role.OFFICER ? Set.of() : unitsOf(user.unit());
    }

    /**
     * Whether {@code user}'s unit reviews the reads of {@code icdCode} (1572 §II.1.5, §I.3.4): the pipeline's own
     * {@link ReviewRules#reviews} — the ICD's Branch, its Department or the General Department.
     */
    public boolean reviews(DeskUser user, String icdCode) {
        return ReviewRules.reviews(user.unit(), icdCode, offices.values());
    }

    /**
     * Why {@code user} may not review a read of {@code icdCode} or enter one by hand there, in Vietnamese, or null when
     * they may; an admin reviews nothing.
     */
    public String reviewRefusal(DeskUser user, String icdCode) {
        if (user.role() == DeskUser.Role.ADMIN) {
            return "Quản trị viên quản lý người dùng, không xử lý lượt nhận dạng.";
        }
        return reviews(user, icdCode) ? null : "ICD " + icdCode + " không do đơn vị của bạn (" + user.unit()
                + ") hay đơn vị cấp dưới giám sát (customs.offices icdCodes; 3740 §I.7).";
    }

    /** The ICDs {@code user}'s units supervise (for the General Department: every ICD a Branch lists), sorted. */
    public Set<String> icdsOf(DeskUser user) {
        return icdsOfUnit(user.unit());
    }

    /**
     * The ICDs {@code unit} and the units below it supervise: a Branch's {@code icdCodes}, a Department's Branches',
     * every ICD a Branch lists for the General Department; sorted.
     */
    public Set<String> icdsOfUnit(String unit) {
        boolean all = general(unit);
        Set<String> units = unitsOf(unit);
        return offices.values().stream()
                .filter(office -> office.icdCodes() != null && (all || units.contains(office.unitCode())))
                .flatMap(office -> office.icdCodes().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Whether an admin at {@code admin}'s unit may grant or withdraw access at {@code unit}. */
    public boolean administers(DeskUser admin, String unit) {
        return admin.role() == DeskUser.Role.ADMIN && unitsBelow(admin.unit()).contains(unit);
    }
}
