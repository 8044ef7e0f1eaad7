package vn.customs.cargowatch.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code customs.offices}: a customs unit, to find the one nearest an alert (3740 §II.4), and the inland container
 * depots a Branch supervises ({@code icdCodes}, optional), which make it the Branch of the gate alerts of those ICDs:
 * the Branch's leaders run the ICD's camera centre and act on what it finds (1572 §I.3.3–3.4, §II.1.4), and a unit
 * acts on its own alerts (3740 §I.7). Only a Branch's {@code icdCodes} are read; the Department of its gate alerts
 * is its {@code parentCode}.
 */
public record CustomsOffice(
        String unitCode, String name, Level level, String parentCode, Double lat, Double lon, String phone,
        List<String> icdCodes)
        implements Validated {

    public enum Level { GENERAL, DEPARTMENT, BRANCH }

    /** More ICDs than one Branch supervises. */
    public static final int MAX_ICDS = 100;

    /** An office that supervises no ICD, as every office was before {@code icdCodes}. */
    public CustomsOffice(
            String unitCode, String name, Level level, String parentCode, Double lat, Double lon, String phone) {
        this(unitCode, name, level, parentCode, lat, lon, phone, null);
    }

    /** Whether this office is a Branch that lists {@code icdCode} among the ICDs it supervises. */
    public boolean supervises(String icdCode) {
        return level == Level.BRANCH && icdCodes != null && icdCode != null && icdCodes.contains(icdCode);
    }

    /**
     * The Branch of an ICD's gates among {@code offices}: the Branch whose {@code icdCodes} list it, the lowest unit code
     * when several do (so that a replay names the same one every time); empty when none does.
     */
    public static Optional<CustomsOffice> branchOf(String icdCode, Collection<CustomsOffice> offices) {
        return offices.stream().filter(office -> office.supervises(icdCode))
                .min(Comparator.comparing(CustomsOffice::unitCode));
    }

    @Override
    public String problem() {
        return Validated.first(
                Validated.requireText(unitCode, "unitCode", Validated.ID),
                Validated.text(name, "name", Validated.NAME),
                level == null ? "level is missing" : null,
                Validated.text(parentCode, "parentCode", Validated.ID),
                Validated.latLon(lat, lon),
                Validated.text(phone, "phone", Validated.ID),
                Validated.list(icdCodes, "icdCodes", MAX_ICDS,
                        (icdCode, field) -> Validated.requireText(icdCode, field, Validated.ID)));
    }
}
