package vn.customs.cargowatch.model;

/** A phone registered for a trip (3740 Phụ lục III), texted when its alerts are raised (§II.4). */
public record Contact(Role role, String name, String phone) {

    public enum Role { DRIVER, DECLARANT, COMPANY }
}
