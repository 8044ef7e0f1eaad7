package vn.customs.cargowatch.jobs.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.model.Validated;

/**
 * Who is texted which alert, and how often at most (3740 §II.4), read from the {@code sms.*} keys of {@link Keys}.
 *
 * <p>{@code sms.onDuty} and {@code sms.contactRoles} are maps; the configuration holds them as one text,
 * {@code KEY=VALUE,VALUE; KEY=VALUE} (a YAML map in the file is turned into it, an environment variable is
 * written so).
 *
 * @param onDuty unit code → the phones of its officers on duty
 * @param contactRoles role of a trip's registered contact → the alert types texted to it
 * @param maxPerWindow at most this many SMS to one phone per {@code window}; the rest as one digest
 * @param window the rate-limit window, in event time
 */
public record SmsSettings(Map<String, List<String>> onDuty, Map<Contact.Role, Set<AlertType>> contactRoles,
        int maxPerWindow, Duration window) implements Serializable {

    public static SmsSettings defaults() {
        return from(Map.of());
    }

    public static SmsSettings from(Map<String, String> values) {
        Map<String, List<String>> onDuty = new LinkedHashMap<>();
        pairs(values, Keys.SMS_ON_DUTY).forEach((unit, phones) -> {
            for (String phone : phones) {
                if (!phone.matches(Validated.PHONE)) {
                    throw new IllegalArgumentException(Keys.SMS_ON_DUTY.name() + ": '" + phone + "' of " + unit
                            + " is not a phone number in international form without + (e.g. 84912345678)");
                }
            }
            onDuty.put(unit, List.copyOf(phones));
        });
        Map<Contact.Role, Set<AlertType>> roles = new EnumMap<>(Contact.Role.class);
        pairs(values, Keys.SMS_CONTACT_ROLES).forEach((role, types) -> {
            try {
                Set<AlertType> set = EnumSet.noneOf(AlertType.class);
                types.forEach(type -> set.add(AlertType.valueOf(type)));
                roles.put(Contact.Role.valueOf(role), set);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Keys.SMS_CONTACT_ROLES.name() + ": '" + role + "=" + types
                        + "' names an unknown role (" + List.of(Contact.Role.values()) + ") or alert type");
            }
        });
        return new SmsSettings(onDuty, roles, Keys.SMS_MAX_PER_WINDOW.read(values), Keys.SMS_WINDOW.read(values));
    }

    /** The on-duty phones of {@code unitCode}; none when it has none configured. */
    public List<String> onDuty(String unitCode) {
        return unitCode == null ? List.of() : onDuty.getOrDefault(unitCode, List.of());
    }

    /** Whether a contact of {@code role} is texted alerts of {@code type}. */
    public boolean texts(Contact.Role role, AlertType type) {
        return role != null && contactRoles.getOrDefault(role, Set.of()).contains(type);
    }

    /** {@code A=x,y; B=z} as {@code {A: [x, y], B: [z]}}. */
    private static Map<String, List<String>> pairs(Map<String, String> configuration, Key<String> key) {
        Map<String, List<String>> pairs = new LinkedHashMap<>();
        String value = key.read(configuration);
        for (String pair : value.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException(key.name() + ": '" + pair.trim()
                        + "' is not KEY=VALUE,VALUE (e.g. HQ01=84912345678,84912345679)");
            }
            List<String> values = java.util.Arrays.stream(pair.substring(equals + 1).split(","))
                    .map(String::trim).filter(item -> !item.isEmpty()).toList();
            pairs.put(pair.substring(0, equals).trim(), values);
        }
        return pairs;
    }
}
