package vn.customs.cargowatch.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * {@code customs.declarations}: a declaration or manifest line naming the containers (and trucks) of a
 * consignment at an ICD (1572 §II.1.2). A later record of the same declaration replaces the earlier one.
 */
public record Declaration(
        String declarationNo,
        Kind kind,
        String icdCode,
        List<String> containers,
        List<String> plates,
        Status status,
        Risk risk,
        Instant ts) implements Validated, Timed {

    public enum Kind { IMPORT, EXPORT, TRANSIT }

    /** More containers (or trucks) than one declaration or manifest line lists. */
    public static final int MAX_ITEMS = 1_000;

    public enum Status { REGISTERED, CLEARED, RELEASED, CANCELLED }

    /** The risk-management channel; RED and WATCH containers are followed closely (1572 §II.2.2.b.1). */
    public enum Risk { GREEN, YELLOW, RED, WATCH }

    @Override
    public String problem() {
        return Validated.first(
                Validated.requireText(declarationNo, "declarationNo", Validated.ID),
                Validated.requireText(icdCode, "icdCode", Validated.ID),
                kind == null ? "kind is missing" : null,
                status == null ? "status is missing" : null,
                ts == null ? "ts is missing" : null,
                containers == null || containers.isEmpty() ? "containers is missing" : null,
                Validated.list(containers, "containers", MAX_ITEMS,
                        (container, field) -> Validated.requireText(container, field, Validated.ID)),
                Validated.list(plates, "plates", MAX_ITEMS,
                        (plate, field) -> Validated.requireText(plate, field, Validated.ID)));
    }

    /** Goods may leave the ICD: cleared or released (1572 §II.3.2.d). */
    @JsonIgnore
    public boolean allowsExit() {
        return status == Status.CLEARED || status == Status.RELEASED;
    }

    @JsonIgnore
    public boolean isRisky() {
        return risk == Risk.RED || risk == Risk.WATCH;
    }
}
