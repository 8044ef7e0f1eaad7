package vn.customs.cargowatch.ops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.CustomsOffice.Level;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.NearestOffice;

/**
 * The acting-on-alerts tests' replay (the {@code alert} command's, the desk's): the General Department, the Hà Nội
 * Department and three of its Branches, and one WRONG_ROUTE alert near Long Biên on a trip of the Gia Lâm Branch.
 */
public final class HanoiAlert {

    public static final String ID = "5f0c2a1e-0000-3000-8000-000000000001";
    public static final Instant START = Instant.parse("2026-11-22T08:15:00Z");

    public static final List<CustomsOffice> OFFICES = List.of(
            new CustomsOffice("TCHQ", "Tổng cục Hải quan", Level.GENERAL, null, 21.0236, 105.7889, null),
            new CustomsOffice("CHQ-HN", "Cục Hải quan thành phố Hà Nội", Level.DEPARTMENT, "TCHQ", 21.0436,
                    105.7886, null),
            new CustomsOffice("HN-GIALAM", "Chi cục Hải quan Gia Lâm", Level.BRANCH, "CHQ-HN", 21.0600, 105.8945,
                    "02438271486"),
            new CustomsOffice("HN-LONGBIEN", "Chi cục Hải quan Long Biên", Level.BRANCH, "CHQ-HN", 21.0350,
                    105.9135, "02436740350"),
            new CustomsOffice("HN-MYDINH", "Chi cục Hải quan ICD Mỹ Đình", Level.BRANCH, "CHQ-HN", 21.0290,
                    105.7775, "02437686135"));

    private HanoiAlert() {}

    /** Off route 2.0 km from Long Biên, 4.5 km from Gia Lâm (its own Branch), in {@code state}. */
    public static Alert alert(AlertState state) {
        return new Alert(ID, AlertType.WRONG_ROUTE, AlertType.WRONG_ROUTE.severity(), "TRIP-7", "860000000000001",
                "MSCU1234565", START, START.plusSeconds(120), null, 21.0200, 105.9030, "HN-GIALAM", "CHQ-HN",
                new NearestOffice("HN-LONGBIEN", "Chi cục Hải quan Long Biên", 2.0),
                AlertDetails.builder().distanceMeters(800.0).build(),
                state);
    }

    /** {@code records} as the NDJSON file {@code file}. */
    public static void write(Path file, List<?> records) throws Exception {
        Files.writeString(file, records.stream().map(Json::write).collect(Collectors.joining("\n", "", "\n")),
                StandardCharsets.UTF_8);
    }
}
