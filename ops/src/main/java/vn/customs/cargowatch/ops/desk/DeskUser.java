package vn.customs.cargowatch.ops.desk;

import java.time.Instant;
import java.util.Locale;
import vn.customs.cargowatch.ops.UserError;

/**
 * A user of the alert desk: a name, the customs unit they work at, their role there, the hash of their password
 * (bcrypt; never the password) and whether an admin disabled them. 3740 §I.7: each level sees and acts on its own
 * units and those below it; which level a user is at comes from their unit in {@code customs.offices}.
 */
public record DeskUser(String name, String unit, Role role, String passwordHash, boolean disabled, Instant since) {

    /**
     * What a user may do at their unit. An officer acknowledges, verifies, proposes, records results and resolves;
     * a leader also approves a proposal (3740 §II.4.1.b: the Branch leader decides the escalation); an admin manages
     * the users of the units below their own (§I.7: the General Department grants the Departments, a Department its
     * Branches) and acts on no alert.
     */
    public enum Role {
        OFFICER, LEADER, ADMIN;

        /** The role a user typed ({@code officer}, {@code leader}, {@code admin}, any case). */
        public static Role parse(String text) {
            for (Role role : values()) {
                if (role.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return role;
                }
            }
            throw new UserError("role '" + text + "' is not one of officer, leader, admin");
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The Vietnamese name the pages show. */
        public String vietnamese() {
            return switch (this) {
                case OFFICER -> "công chức";
                case LEADER -> "lãnh đạo";
                case ADMIN -> "quản trị";
            };
        }
    }

    public DeskUser disabledNow() {
        return new DeskUser(name, unit, role, passwordHash, true, since);
    }
}
