package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.Inspection.Condition;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripStatus;

/**
 * {@code trip close} in embedded mode (3740 §II.3): the destination officer's inspection appended to the replay's
 * input, refused with one plain line and exit 2 before an arrival, by another unit, twice, without a reason for what is
 * not intact, or explaining another trip's alert.
 */
class TripCommandTest {

    private static final String TRIP = HanoiAlert.alert(null).tripId();
    private static final Instant ARRIVED = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path work;

    private Path input;
    private Path output;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void replayFolders() throws Exception {
        input = Files.createDirectories(work.resolve("in"));
        output = Files.createDirectories(work.resolve("out"));
        HanoiAlert.write(input.resolve(Topic.CUSTOMS_OFFICES.fileName()), HanoiAlert.OFFICES);
        HanoiAlert.write(output.resolve(Topic.ALERTS.fileName()), List.of(HanoiAlert.alert(null)));
        HanoiAlert.write(output.resolve(Topic.TRIPS_CLOSINGS.fileName()), List.of(new TripClosing(TRIP,
                "860000000000001", "MSCU1234565", "HN-LONGBIEN", "HN-GIALAM", "CHQ-HN", ARRIVED,
                TripStatus.ArrivedBy.GATE_CAMERA, ARRIVED.plusSeconds(86_400), TripClosing.State.AWAITING, null,
                ARRIVED)));
    }

    @Test
    void shouldAppendTheInspectionWithItsExplanations() throws Exception {
        int exit = close(TRIP, "--unit", "HN-LONGBIEN", "--container", "intact", "--gps-seal", "not-intact",
                "--customs-seal", "intact", "--reason", "seal bị va đập", "--measures", "thay seal",
                "--explain", HanoiAlert.ID + "=xe tránh đường ngập", "--at", "2026-11-22T11:00:00Z");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("trip " + TRIP + ": closing published");
        assertThat(inspections()).singleElement().isEqualTo(new Inspection(TRIP, "Đỗ Thị Mai", "HN-LONGBIEN",
                Instant.parse("2026-11-22T11:00:00Z"), Condition.INTACT, Condition.NOT_INTACT, Condition.INTACT,
                "seal bị va đập", "thay seal", null,
                List.of(new Inspection.Explanation(HanoiAlert.ID, "xe tránh đường ngập"))));
    }

    @Test
    void shouldRefuseWithOnePlainLineAndPublishNothing() throws Exception {
        assertRefused(close("TRIP-NONE", "--unit", "HN-LONGBIEN"), "trip TRIP-NONE has not arrived");
        assertRefused(close(TRIP, "--unit", "HN-GIALAM"), "unit HN-GIALAM is not the destination Branch");
        assertRefused(close(TRIP, "--unit", "HN-LONGBIEN", "--at", "2026-11-22T09:59:00Z"),
                "before the trip's arrival");
        assertRefused(close(TRIP, "--unit", "HN-LONGBIEN", "--container", "not-intact"), "say why with --reason");
        assertRefused(close(TRIP, "--unit", "HN-LONGBIEN", "--container", "broken"), "--container broken: intact or");
        assertRefused(close(TRIP, "--unit", "HN-LONGBIEN", "--explain", "A-OTHER=không rõ"),
                "--explain A-OTHER: not an alert of trip " + TRIP);
        assertThat(input.resolve(Topic.TRIPS_INSPECTIONS.fileName())).doesNotExist();
    }

    @Test
    void shouldRefuseATripClosedAlready() throws Exception {
        Inspection first = new Inspection(TRIP, "Đỗ Thị Mai", "HN-LONGBIEN", ARRIVED.plusSeconds(600),
                Condition.INTACT, Condition.INTACT, Condition.INTACT, null, null, null, List.of());
        HanoiAlert.write(output.resolve(Topic.TRIPS_CLOSINGS.fileName()), List.of(new TripClosing(TRIP,
                "860000000000001", "MSCU1234565", "HN-LONGBIEN", "HN-GIALAM", "CHQ-HN", ARRIVED,
                TripStatus.ArrivedBy.GATE_CAMERA, ARRIVED.plusSeconds(86_400), TripClosing.State.AWAITING, null,
                ARRIVED).closedBy(first)));

        assertRefused(close(TRIP, "--unit", "HN-LONGBIEN"), "is closed already (by Đỗ Thị Mai");
    }

    private void assertRefused(int exit, String reason) {
        assertThat(exit).as(out.toString()).isEqualTo(2);
        assertThat(err.toString()).contains(reason).doesNotContain("Exception").doesNotContain("\tat ");
        err.getBuffer().setLength(0);
    }

    /** {@code trip close TRIP} by Đỗ Thị Mai, everything intact unless {@code options} say otherwise. */
    private int close(String trip, String... options) {
        List<String> args = new ArrayList<>(List.of("trip", "close", trip, "--by", "Đỗ Thị Mai", "--input",
                input.toString(), "--output", output.toString()));
        args.addAll(List.of(options));
        for (String condition : List.of("--container", "--gps-seal", "--customs-seal")) {
            if (!args.contains(condition)) {
                args.addAll(List.of(condition, "intact"));
            }
        }
        if (!args.contains("--at")) {
            args.addAll(List.of("--at", "2026-11-22T10:30:00Z"));
        }
        return Cargowatch.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    }

    private List<Inspection> inspections() throws Exception {
        List<Inspection> inspections = new ArrayList<>();
        for (String line : Files.readAllLines(input.resolve(Topic.TRIPS_INSPECTIONS.fileName()),
                StandardCharsets.UTF_8)) {
            inspections.add(Json.read(line, Inspection.class));
        }
        return inspections;
    }
}
