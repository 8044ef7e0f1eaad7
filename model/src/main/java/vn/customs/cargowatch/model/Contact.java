package vn.customs.cargowatch.model;

/** A phone registered for a trip (3740 Phụ lục III), texted when its alerts are raised (§II.4). */
public record Contact(Role role, String name, String phone) {

    public enum Role { DRIVER, DECLARANT, COMPANY }

    /** A phone number: digits only, as the SMSC takes it, with an optional leading +. */
    private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile("\\+?\\d{3,20}");

    /** What breaks the contract in this contact, named as {@code field}. */
    String problem(String field) {
        return Validated.first(
                role == null ? field + ".role is missing" : null,
                Validated.text(name, field + ".name", Validated.NAME),
                phone == null || phone.isBlank() ? field + ".phone is missing"
                        : PHONE.matcher(phone).matches() ? null
                        : field + ".phone " + Validated.quote(phone) + " is not a phone number");
    }
}
