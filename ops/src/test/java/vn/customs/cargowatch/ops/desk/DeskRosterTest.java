package vn.customs.cargowatch.ops.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.DutyRoster;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.desk.DeskHttp.Signed;

/**
 * The duty roster at the desk over HTTP (issue 13): a leader or an admin sets a shift of their units' roster, which
 * the desk appends to the input's {@code customs.duty-roster.jsonl} as the server stamps it; officers only see it;
 * mistakes are answered in Vietnamese and publish nothing.
 */
class DeskRosterTest {

    /** 16:00 in Vietnam, in the day shift. */
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant DAY_SHIFT_START = Instant.parse("2026-11-22T00:00:00Z");
    private static final Instant DAY_SHIFT_END = Instant.parse("2026-11-22T12:00:00Z");
    private static final Instant AN_HOUR_BEFORE_THE_SHIFT = DAY_SHIFT_START.minusSeconds(3600);

    @TempDir
    Path work;

    private DeskFolders folders;
    private DeskServer desk;
    private DeskHttp client;

    @BeforeEach
    void startDesk() throws Exception {
        folders = new DeskFolders(work);
        desk = folders.startDesk(ActionSigner.UNSIGNED, NOW);
        client = new DeskHttp(desk);
    }

    @AfterEach
    void stopDesk() {
        desk.stop();
    }

    @Test
    void shouldPublishALeadersRosterForTheirBranchAsTheServerStampsIt() throws Exception {
        HttpResponse<String> response = setRoster(client.signIn("hung"), "{\"unitCode\":\"HN-GIALAM\","
                + "\"shiftStart\":\"2026-11-22T07:00:00+07:00\",\"shiftEnd\":\"2026-11-22T19:00:00+07:00\","
                + "\"phones\":[\"0912 345 678\",\"84987654321\"],\"ts\":\"2020-01-01T00:00:00Z\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        DutyRoster expected = new DutyRoster("HN-GIALAM", DAY_SHIFT_START, DAY_SHIFT_END,
                List.of("84912345678", "84987654321"), NOW);
        assertThat(folders.published(Topic.CUSTOMS_DUTY_ROSTER)).containsExactly(expected);
        assertThat(Json.read(response.body(), DutyRoster.class)).isEqualTo(expected);
        JsonNode line = Json.mapper().readTree(Files.readAllLines(rosterFile(), StandardCharsets.UTF_8).get(0));
        assertThat(line.path("ts").asText()).isEqualTo("2026-11-22T09:00:00Z");
        assertThat(line.has("signature")).isFalse();
    }

    @Test
    void shouldLetADepartmentsAdminSetItsBranchesRosterButNoOtherDepartments() throws Exception {
        Signed admin = client.signIn("admin-hn");

        assertThat(setRoster(admin, dayShift("HN-LONGBIEN", "84911111111")).statusCode()).isEqualTo(200);
        assertThat(setRoster(admin, dayShift("HP-KV3", "84911111111")).statusCode()).isEqualTo(403);
        assertThat(folders.published(Topic.CUSTOMS_DUTY_ROSTER)).extracting(DutyRoster::unitCode)
                .containsExactly("HN-LONGBIEN");
    }

    @Test
    void shouldRefuseAnOfficer() throws Exception {
        HttpResponse<String> response = setRoster(client.signIn("an"), dayShift("HN-GIALAM", "84911111111"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("công chức chỉ xem");
        assertThat(rosterFile()).doesNotExist();
    }

    @Test
    void shouldRefuseAnotherBranchsUnit() throws Exception {
        Signed hung = client.signIn("hung");

        assertThat(setRoster(hung, dayShift("HN-LONGBIEN", "84911111111")).statusCode()).isEqualTo(403);
        HttpResponse<String> haiphong = setRoster(hung, dayShift("HP-KV3", "84911111111"));
        assertThat(haiphong.statusCode()).isEqualTo(403);
        assertThat(haiphong.body()).contains("không thuộc đơn vị của bạn");
        assertThat(rosterFile()).doesNotExist();
    }

    @Test
    void shouldRefuseWithoutASessionOrWithoutTheCsrfToken() throws Exception {
        Signed hung = client.signIn("hung");
        String body = dayShift("HN-GIALAM", "84911111111");

        assertThat(client.get("/api/roster", null).statusCode()).isEqualTo(401);
        assertThat(client.postJson("/api/roster", body, null, null).statusCode()).isEqualTo(401);
        assertThat(client.postJson("/api/roster", body, hung.cookie(), null).statusCode()).isEqualTo(403);
        assertThat(client.postJson("/api/roster", body, hung.cookie(), "not-the-token").statusCode()).isEqualTo(403);
        assertThat(client.postForm("/roster", Map.of("unitCode", "HN-GIALAM", "shiftStart", "2026-11-22T07:00",
                "shiftEnd", "2026-11-22T19:00", "phones", "84911111111"), hung.cookie()).statusCode())
                .as("a form without its csrf field").isEqualTo(403);
        assertThat(rosterFile()).doesNotExist();
    }

    @Test
    void shouldAnswer400InVietnameseToAnInvalidRoster() throws Exception {
        Signed hung = client.signIn("hung");

        HttpResponse<String> badPhone = setRoster(hung, dayShift("HN-GIALAM", "12ab"));
        assertThat(badPhone.statusCode()).isEqualTo(400);
        assertThat(error(badPhone)).startsWith("Số điện thoại không hợp lệ").contains("12ab");
        HttpResponse<String> endFirst = setRoster(hung, "{\"unitCode\":\"HN-GIALAM\",\"shiftStart\":"
                + "\"2026-11-22T19:00\",\"shiftEnd\":\"2026-11-22T07:00\",\"phones\":[\"84911111111\"]}");
        assertThat(endFirst.statusCode()).isEqualTo(400);
        assertThat(error(endFirst)).startsWith("Giờ kết thúc ca phải sau giờ bắt đầu");
        HttpResponse<String> noTime = setRoster(hung, "{\"unitCode\":\"HN-GIALAM\",\"shiftStart\":\"sáng nay\","
                + "\"shiftEnd\":\"2026-11-22T19:00\",\"phones\":[\"84911111111\"]}");
        assertThat(noTime.statusCode()).isEqualTo(400);
        assertThat(error(noTime)).startsWith("Giờ bắt đầu ca không đọc được");
        assertThat(setRoster(hung, "{\"unitCode\":\"HN-GIALAM\",\"shiftStart\":\"2026-11-22T07:00\","
                + "\"shiftEnd\":\"2026-11-22T19:00\",\"phones\":\"84911111111\"}").statusCode()).isEqualTo(400);
        assertThat(setRoster(hung, "not json").statusCode()).isEqualTo(400);
        assertThat(setRoster(hung, "{\"shiftStart\":\"2026-11-22T07:00\"}").statusCode()).isEqualTo(400);
        assertThat(rosterFile()).doesNotExist();
    }

    @Test
    void shouldSetTheRosterFromThePagesFormInVietnamTimeAndShowIt() throws Exception {
        HttpResponse<String> signedIn = client.postForm("/login", Map.of("username", "hung", "password",
                DeskFolders.PASSWORD), null);
        String cookie = DeskHttp.cookieOf(signedIn);
        String page = client.get("/roster", cookie).body();
        assertThat(page).contains("id=\"nav-roster\"", "id=\"form-roster\"", "<option value=\"HN-GIALAM\"");
        String csrf = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");

        HttpResponse<String> set = client.postForm("/roster", Map.of("csrf", csrf, "unitCode", "HN-GIALAM",
                "shiftStart", "2026-11-22T07:00", "shiftEnd", "2026-11-22T19:00",
                "phones", "0912345678,\n 84987654321"), cookie);

        assertThat(set.statusCode()).isEqualTo(302);
        assertThat(set.headers().firstValue("Location")).hasValue("/roster?done=HN-GIALAM");
        assertThat(folders.published(Topic.CUSTOMS_DUTY_ROSTER)).containsExactly(new DutyRoster("HN-GIALAM",
                DAY_SHIFT_START, DAY_SHIFT_END, List.of("84912345678", "84987654321"), NOW));
        assertThat(client.get("/roster?done=HN-GIALAM", cookie).body()).contains("id=\"message\"",
                "84912345678, 84987654321", "2026-11-22 07:00", "2026-11-22 19:00");
    }

    @Test
    void shouldRenderThePageAgainWithTheReasonOfAMistake() throws Exception {
        Signed hung = client.signIn("hung");

        HttpResponse<String> refused = client.postForm("/roster", Map.of("csrf", hung.csrf(), "unitCode",
                "HN-GIALAM", "shiftStart", "2026-11-22T19:00", "shiftEnd", "2026-11-22T07:00", "phones",
                "84911111111"), hung.cookie());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"error\"", "Giờ kết thúc ca phải sau giờ bắt đầu",
                "id=\"form-roster\"", "value=\"2026-11-22T19:00\"").doesNotContain("Exception");
        assertThat(rosterFile()).doesNotExist();
    }

    @Test
    void shouldShowAnOfficerHerUnitsNewestShiftsAndTheConfigurationWhereNoShiftHoldsNow() throws Exception {
        DeskFolders.write(rosterFile(), List.of(
                shift("HN-GIALAM", "84900000001", AN_HOUR_BEFORE_THE_SHIFT),
                shift("HN-GIALAM", "84900000002", AN_HOUR_BEFORE_THE_SHIFT.plusSeconds(60)),
                shift("HP-KV3", "84900000003", AN_HOUR_BEFORE_THE_SHIFT),
                new DutyRoster("HN-GIALAM", DAY_SHIFT_END, DAY_SHIFT_END.plusSeconds(12 * 3600),
                        List.of("84900000004"), AN_HOUR_BEFORE_THE_SHIFT),
                new DutyRoster("HN-GIALAM", DAY_SHIFT_START.minusSeconds(12 * 3600), DAY_SHIFT_START,
                        List.of("84900000005"), AN_HOUR_BEFORE_THE_SHIFT)));
        Signed an = client.signIn("an");

        String page = client.get("/roster", an.cookie()).body();

        assertThat(page).contains("84900000002", "84900000004", "id=\"roster-read-only\"")
                .doesNotContain("84900000001", "84900000003", "84900000005", "id=\"form-roster\"");
        assertThat(row(page, "on-duty-HN-GIALAM")).contains("84900000002").doesNotContain("configured");
        assertThat(page).doesNotContain("on-duty-HP-KV3");
        JsonNode listed = Json.mapper().readTree(client.get("/api/roster", an.cookie()).body());
        assertThat(listed).extracting(entry -> entry.path("phones").get(0).asText())
                .containsExactly("84900000002", "84900000004");

        String department = client.get("/roster", client.signIn("cuc").cookie()).body();
        assertThat(row(department, "on-duty-HN-LONGBIEN")).contains("configured", "cấu hình (sms.onDuty)");
    }

    // ---- helpers ----

    private Path rosterFile() {
        return folders.input.resolve(Topic.CUSTOMS_DUTY_ROSTER.fileName());
    }

    private static DutyRoster shift(String unit, String phone, Instant ts) {
        return new DutyRoster(unit, DAY_SHIFT_START, DAY_SHIFT_END, List.of(phone), ts);
    }

    /** A request for today's day shift, 07:00 to 19:00 Vietnam time. */
    private static String dayShift(String unit, String phone) {
        return Json.mapper().createObjectNode().put("unitCode", unit).put("shiftStart", "2026-11-22T07:00")
                .put("shiftEnd", "2026-11-22T19:00").set("phones", Json.mapper().createArrayNode().add(phone))
                .toString();
    }

    private HttpResponse<String> setRoster(Signed user, String body) throws Exception {
        return client.postJson("/api/roster", body, user.cookie(), user.csrf());
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body()).path("error").asText();
    }

    /** The table row of {@code id} in {@code page}. */
    private static String row(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isNotNegative();
        return page.substring(page.lastIndexOf("<tr", start), page.indexOf("</tr>", start));
    }
}
