package vn.customs.cargowatch.model;

/** A phone registered for a trip (3740 Phụ lục III), texted when its alerts are raised (§II.4). */
public record Contact(Role role, String name, String phone) {

    public enum Role { DRIVER, DECLARANT, COMPANY }

    /**
     * What breaks the contract in this contact, named as {@code field}: only texts too long to be a name or a phone.
     * A phone that is no number, or a contact without a role, is not the trip's fault: the trip is monitored all the
     * same and that contact is not texted ({@code SmsRecipients}).
     */
    String problem(String field) {
        return Validated.first(
                Validated.text(name, field + ".name", Validated.NAME),
                Validated.text(phone, field + ".phone", Validated.ID));
    }
}
