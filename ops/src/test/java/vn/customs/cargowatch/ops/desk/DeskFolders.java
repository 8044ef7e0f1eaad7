package vn.customs.cargowatch.ops.desk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.CustomsOffice.Level;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.HanoiAlert;
import vn.customs.cargowatch.ops.alerts.AlertFiles;

/**
 * A replay's folders for the desk's tests: the General Department, two Departments (Hà Nội with the Gia Lâm and Long
 * Biên Branches, Hải Phòng with KV3), a WRONG_ROUTE alert of Gia Lâm and a DOOR_OPENED alert of Hải Phòng KV3, and
 * users at each level (password {@link #PASSWORD}, hashed at a low bcrypt cost to keep the tests fast).
 */
final class DeskFolders {

    static final String HANOI_ALERT = "5f0c2a1e-0000-3000-8000-000000000001";
    static final String HAIPHONG_ALERT = "5f0c2a1e-0000-3000-8000-000000000002";
    static final Instant START = Instant.parse("2026-11-22T08:15:00Z");
    static final String PASSWORD = "mật-khẩu-đủ-dài";
    static final Passwords FAST = new Passwords(4);

    final Path input;
    final Path output;
    final Path users;
    private final List<CustomsOffice> offices;

    DeskFolders(Path work) throws Exception {
        input = Files.createDirectories(work.resolve("in"));
        output = Files.createDirectories(work.resolve("out"));
        users = work.resolve("users.jsonl");
        List<CustomsOffice> offices = new ArrayList<>(HanoiAlert.OFFICES);
        offices.add(new CustomsOffice("CHQ-HP", "Cục Hải quan thành phố Hải Phòng", Level.DEPARTMENT, "TCHQ", 20.8600,
                106.6800, null));
        offices.add(new CustomsOffice("HP-KV3", "Chi cục Hải quan cửa khẩu cảng Hải Phòng KV3", Level.BRANCH, "CHQ-HP",
                20.8500, 106.7500, "02253979000"));
        write(input.resolve(Topic.CUSTOMS_OFFICES.fileName()), offices);
        this.offices = List.copyOf(offices);
        write(output.resolve(Topic.ALERTS.fileName()), List.of(hanoi(null), haiphong()));
        UserFile file = new UserFile(users);
        user(file, "an", "HN-GIALAM", DeskUser.Role.OFFICER);
        user(file, "hung", "HN-GIALAM", DeskUser.Role.LEADER);
        user(file, "cuc", "CHQ-HN", DeskUser.Role.OFFICER);
        user(file, "tong", "TCHQ", DeskUser.Role.OFFICER);
        user(file, "kv3", "HP-KV3", DeskUser.Role.OFFICER);
        user(file, "admin-hn", "CHQ-HN", DeskUser.Role.ADMIN);
    }

    /**
     * The desk on these folders, started on a free port, its clock stopped at {@code now}; {@code sms.onDuty} unknown,
     * as in embedded mode.
     */
    DeskServer startDesk(ActionSigner signer, Instant now) {
        DeskServer desk = new DeskServer(new AlertFiles(input, output), new UserFile(users),
                output.resolve("sms-ledger.jsonl"), evidence(), null, signer, false, Clock.fixed(now, ZoneOffset.UTC),
                FAST);
        desk.start("127.0.0.1", 0);
        return desk;
    }

    private static void user(UserFile file, String name, String unit, DeskUser.Role role) {
        file.add(new DeskUser(name, unit, role, FAST.hash(PASSWORD), false, START));
    }

    /** Off route near Long Biên, on a trip of the Gia Lâm Branch. */
    static Alert hanoi(AlertState state) {
        return HanoiAlert.alert(state);
    }

    static Alert haiphong() {
        return new Alert(HAIPHONG_ALERT, AlertType.DOOR_OPENED, AlertType.DOOR_OPENED.severity(), "TRIP-9",
                "860000000000002", "TGHU7654321", START.plusSeconds(600), START.plusSeconds(600), null, 20.8510,
                106.7400, "HP-KV3", "CHQ-HP", null, AlertDetails.NONE, null);
    }

    /** The replay's {@code camera.evidenceDir}: the gate alerts' photos. */
    Path evidence() {
        return output.resolve("evidence");
    }

    /** The units written to the input's customs.offices.jsonl. */
    List<CustomsOffice> offices() {
        return offices;
    }

    /** The actions the desk published (the input's alerts.actions.jsonl). */
    List<AlertAction> actions() throws Exception {
        return published(Topic.ALERTS_ACTIONS);
    }

    /** The records of {@code topic} in the input folder, each a valid one of the contract, in the order written. */
    <T> List<T> published(Topic<T> topic) throws Exception {
        Path file = input.resolve(topic.fileName());
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(line -> {
            try {
                return topic.parse(line);
            } catch (Json.Rejected e) {
                throw new AssertionError(line, e);
            }
        }).toList();
    }

    static void write(Path file, List<?> records) throws Exception {
        HanoiAlert.write(file, records);
    }
}
