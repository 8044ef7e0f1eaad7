package vn.customs.cargowatch.ops.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.ops.desk.DeskFolders.HAIPHONG_ALERT;
import static vn.customs.cargowatch.ops.desk.DeskFolders.HANOI_ALERT;
import static vn.customs.cargowatch.ops.desk.DeskFolders.PASSWORD;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
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
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.desk.DeskHttp.Signed;

/**
 * The desk over HTTP, started in-process on a crafted replay's folders on a free port: sessions, CSRF, lockout,
 * rights (3740 §I.7) and the actions it publishes, through {@link DeskHttp} (no browser, no redirect followed).
 */
class DeskServerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

    @TempDir
    Path work;

    /** The desk signs what it publishes, as with CARGOWATCH_ACTIONS_KEY set (DeskCommand). */
    private static final ActionSignature.Key KEY = ActionSignature.key("the desk test's key, 32 bytes or more");

    private DeskFolders folders;
    private DeskServer desk;
    private DeskHttp client;

    @BeforeEach
    void startDesk() throws Exception {
        folders = new DeskFolders(work);
        desk = folders.startDesk(ActionSigner.with(KEY), NOW);
        client = new DeskHttp(desk);
    }

    @AfterEach
    void stopDesk() {
        desk.stop();
    }

    @Test
    void shouldAnswer401ToTheApiWithoutASession() throws Exception {
        assertThat(client.get("/api/alerts", null).statusCode()).isEqualTo(401);
        assertThat(client.postJson("/api/alerts/" + HANOI_ALERT + "/actions", "{\"action\":\"ACK\"}", null, null)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void shouldSendAPageWithoutASessionToSignInAndBackAfterwards() throws Exception {
        HttpResponse<String> page = client.get("/alerts/" + HANOI_ALERT, null);

        assertThat(page.statusCode()).isEqualTo(302);
        String location = page.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/login?next=" + URLEncoder.encode("/alerts/" + HANOI_ALERT,
                StandardCharsets.UTF_8));

        HttpResponse<String> signInPage = client.get(location, null);
        assertThat(signInPage.statusCode()).isEqualTo(200);
        assertThat(signInPage.body()).contains("id=\"sign-in\"", "name=\"username\"", "name=\"password\"",
                "Đăng nhập");

        HttpResponse<String> signedIn = client.postForm("/login", Map.of("username", "an", "password", PASSWORD,
                "next", "/alerts/" + HANOI_ALERT), null);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/alerts/" + HANOI_ALERT);
        String cookie = DeskHttp.cookieOf(signedIn);
        HttpResponse<String> alert = client.get("/alerts/" + HANOI_ALERT, cookie);
        assertThat(alert.statusCode()).isEqualTo(200);
        assertThat(alert.body()).contains("MSCU1234565", "Chi cục Hải quan Long Biên", "id=\"form-ack\"");
    }

    @Test
    void shouldNotGoBackToAnotherSiteAfterSigningIn() throws Exception {
        HttpResponse<String> signedIn = client.postForm("/login", Map.of("username", "an", "password", PASSWORD,
                "next", "//evil.example/steal"), null);

        assertThat(signedIn.headers().firstValue("Location")).hasValue("/alerts");
    }

    @Test
    void shouldRefuseAWrongPasswordAndAnUnknownUser() throws Exception {
        assertThat(client.login("an", "wrong password").statusCode()).isEqualTo(401);
        assertThat(client.login("nobody", PASSWORD).statusCode()).isEqualTo(401);
        assertThat(client.postForm("/login", Map.of("username", "an", "password", "wrong password"), null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void shouldLockAUserOutAfterFiveFailedSignInsEvenWithTheRightPassword() throws Exception {
        for (int attempt = 0; attempt < 4; attempt++) {
            assertThat(client.login("an", "wrong " + attempt).statusCode()).isEqualTo(401);
        }
        assertThat(client.login("an", PASSWORD).statusCode()).as("4 failures, not yet locked").isEqualTo(200);

        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(client.login("an", "wrong " + attempt).statusCode()).isEqualTo(401);
        }
        assertThat(client.login("an", PASSWORD).statusCode()).as("locked after 5 failures").isEqualTo(401);
        assertThat(client.login("hung", PASSWORD).statusCode()).as("another user is not locked").isEqualTo(200);
    }

    @Test
    void shouldRefuseADisabledUser() throws Exception {
        Signed an = client.signIn("an");
        new UserFile(folders.users).disable("an");

        assertThat(client.login("an", PASSWORD).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/alerts", an.cookie()).statusCode()).as("the session ends").isEqualTo(401);
    }

    @Test
    void shouldSetTheSessionCookieHttpOnlyAndSameSiteStrict() throws Exception {
        HttpResponse<String> response = client.login("an", PASSWORD);

        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(DeskServer.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain("Secure");
        assertThat(Json.mapper().readTree(response.body()).path("csrfToken").asText()).hasSizeGreaterThan(20);
    }

    @Test
    void shouldRefuseAnActionWithoutOrWithAWrongCsrfToken() throws Exception {
        Signed an = client.signIn("an");

        assertThat(client.postJson("/api/alerts/" + HANOI_ALERT + "/actions", "{\"action\":\"ACK\"}", an.cookie(), null)
                .statusCode()).isEqualTo(403);
        assertThat(client.postJson("/api/alerts/" + HANOI_ALERT + "/actions", "{\"action\":\"ACK\"}", an.cookie(),
                "not-the-token").statusCode()).isEqualTo(403);
        assertThat(client.postForm("/alerts/" + HANOI_ALERT + "/actions", Map.of("action", "ACK"), an.cookie())
                .statusCode()).as("a form without its csrf field").isEqualTo(403);
        assertThat(folders.actions()).isEmpty();
    }

    @Test
    void shouldNotListAnotherUnitsAlertAndRefuseItsActionAndPage() throws Exception {
        Signed an = client.signIn("an");

        assertThat(alertIds(an)).containsExactly(HANOI_ALERT);
        assertThat(act(an, HAIPHONG_ALERT, "{\"action\":\"ACK\"}").statusCode()).isEqualTo(403);
        assertThat(client.get("/alerts/" + HAIPHONG_ALERT, an.cookie()).statusCode()).isEqualTo(403);
        assertThat(client.get("/alerts", an.cookie()).body()).contains(HANOI_ALERT).doesNotContain(HAIPHONG_ALERT);
        assertThat(folders.actions()).isEmpty();
    }

    /** 1572 §II.1.4: the photo to print with the on-site record, to those who may see the alert, and nothing else. */
    @Test
    void shouldServeAnAlertsPhotoOnlyToAUserWhoMaySeeTheAlert() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x01, 0x02, (byte) 0xFF, (byte) 0xD9};
        Path hanoiPhoto = Files.write(Files.createDirectories(folders.evidence()).resolve(HANOI_ALERT + ".jpg"), jpeg);
        Path haiphongPhoto = Files.write(folders.evidence().resolve(HAIPHONG_ALERT + ".jpg"), jpeg);
        // as the pipeline names them: the file's name in camera.evidenceDir
        withEvidence(hanoiPhoto.getFileName().toString(), haiphongPhoto.getFileName().toString());
        Signed an = client.signIn("an");

        HttpResponse<byte[]> photo = client.getBytes("/alerts/" + HANOI_ALERT + "/evidence", an.cookie());
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(photo.body()).isEqualTo(jpeg);
        assertThat(client.get("/alerts/" + HANOI_ALERT, an.cookie()).body())
                .contains("src=\"/alerts/" + HANOI_ALERT + "/evidence\"");
        assertThat(client.getBytes("/alerts/" + HAIPHONG_ALERT + "/evidence", an.cookie()).statusCode())
                .as("another unit's alert").isEqualTo(403);
        assertThat(client.getBytes("/alerts/" + HAIPHONG_ALERT + "/evidence", client.signIn("kv3").cookie())
                .body()).isEqualTo(jpeg);
        HttpResponse<byte[]> anonymous = client.getBytes("/alerts/" + HANOI_ALERT + "/evidence", null);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).startsWith("/login");
        assertThat(anonymous.body()).isNotEqualTo(jpeg);
    }

    @Test
    void shouldServeNoFileOutsideTheEvidenceFolder() throws Exception {
        Files.createDirectories(folders.evidence());
        Path outside = Files.writeString(work.resolve("secret.jpg"), "not for the desk");
        Path link = Files.createSymbolicLink(folders.evidence().resolve("link.jpg"), outside);
        Signed an = client.signIn("an");

        for (String evidence : List.of(outside.toString(), "../../secret.jpg",
                folders.evidence().resolve("../../secret.jpg").toString(),
                link.toString(), folders.evidence().toString(), folders.evidence().resolve("none.jpg").toString())) {
            withEvidence(evidence, null);
            assertThat(client.get("/alerts/" + HANOI_ALERT + "/evidence", an.cookie()).statusCode()).as(evidence)
                    .isEqualTo(404);
        }
        withEvidence(null, null);
        assertThat(client.get("/alerts/" + HANOI_ALERT + "/evidence", an.cookie()).statusCode()).isEqualTo(404);
        assertThat(client.get("/alerts/" + HANOI_ALERT, an.cookie()).body()).doesNotContain("/evidence");
    }

    @Test
    void shouldShowADepartmentItsBranchesAlertsAndTheGeneralDepartmentAll() throws Exception {
        assertThat(alertIds(client.signIn("cuc"))).containsExactly(HANOI_ALERT);
        assertThat(alertIds(client.signIn("tong"))).containsExactlyInAnyOrder(HANOI_ALERT, HAIPHONG_ALERT);
        assertThat(alertIds(client.signIn("kv3"))).containsExactly(HAIPHONG_ALERT);
    }

    @Test
    void shouldAnswer409WhenTheLifecycleRefusesTheAction() throws Exception {
        HttpResponse<String> response = act(client.signIn("an"), HANOI_ALERT,
                "{\"action\":\"RESOLVE\",\"note\":\"xong\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("the alert must be acknowledged before it can be resolved");
        assertThat(folders.actions()).isEmpty();
    }

    @Test
    void shouldAnswer400ToAMalformedRequest() throws Exception {
        Signed an = client.signIn("an");

        assertThat(act(an, HANOI_ALERT, "not json").statusCode()).isEqualTo(400);
        assertThat(act(an, HANOI_ALERT, "{\"note\":\"no action\"}").statusCode()).isEqualTo(400);
        assertThat(act(an, HANOI_ALERT, "{\"action\":\"EXPLODE\"}").statusCode()).isEqualTo(400);
        assertThat(act(an, HANOI_ALERT, "{\"action\":\"VERIFY\",\"finding\":\"MAYBE\"}").statusCode()).isEqualTo(400);
        assertThat(act(an, HANOI_ALERT, "{\"action\":\"ACK\",\"note\":42}").statusCode()).isEqualTo(400);
        assertThat(folders.actions()).isEmpty();
    }

    @Test
    void shouldPublishAnAckAsTheSignedInUserNotAsTheBodySays() throws Exception {
        HttpResponse<String> response = act(client.signIn("an"), HANOI_ALERT,
                "{\"action\":\"ACK\",\"note\":\"đã nhận\",\"by\":\"someone else\",\"byUnit\":\"TCHQ\","
                        + "\"ts\":\"2020-01-01T00:00:00Z\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(response.body()).path("state").asText()).isEqualTo("ACKNOWLEDGED");
        AlertAction published = folders.actions().get(0);
        assertThat(folders.actions()).hasSize(1);
        assertThat(published.withSignature(null)).isEqualTo(new AlertAction(HANOI_ALERT, Action.ACK, "an",
                "HN-GIALAM", NOW, "đã nhận", null, null, null, "127.0.0.1", null));
        assertThat(ActionSignature.problem(published, KEY)).as("signed with the desk's key").isNull();
    }

    @Test
    void shouldCountAnActionPublishedButNotYetApplied() throws Exception {
        Signed an = client.signIn("an");
        assertThat(act(an, HANOI_ALERT, "{\"action\":\"ACK\"}").statusCode()).isEqualTo(200);

        HttpResponse<String> again = act(client.signIn("hung"), HANOI_ALERT, "{\"action\":\"ACK\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already acknowledged");
        assertThat(client.get("/alerts/" + HANOI_ALERT, an.cookie()).body()).contains("pending-entry",
                "đang chờ hệ thống áp dụng");
    }

    @Test
    void shouldLetOnlyALeaderApproveAProposal() throws Exception {
        Signed an = client.signIn("an");
        assertThat(act(an, HANOI_ALERT, "{\"action\":\"ACK\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> proposed = act(an, HANOI_ALERT,
                "{\"action\":\"PROPOSE\",\"escalateTo\":\"HN-LONGBIEN\",\"note\":\"lái xe không nghe máy\"}");
        assertThat(Json.mapper().readTree(proposed.body()).path("state").asText()).isEqualTo("PROPOSED");

        assertThat(act(an, HANOI_ALERT, "{\"action\":\"APPROVE\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> approved = act(client.signIn("hung"), HANOI_ALERT, "{\"action\":\"APPROVE\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(approved.body()).path("state").asText()).isEqualTo("ESCALATED");
    }

    @Test
    void shouldActFromThePagesFormWithItsToken() throws Exception {
        HttpResponse<String> signedIn = client.postForm("/login", Map.of("username", "an", "password", PASSWORD), null);
        String cookie = DeskHttp.cookieOf(signedIn);
        String page = client.get("/alerts/" + HANOI_ALERT, cookie).body();
        String csrf = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");

        HttpResponse<String> acked = client.postForm("/alerts/" + HANOI_ALERT + "/actions",
                Map.of("csrf", csrf, "action", "ACK", "note", "đã nhận qua màn hình"), cookie);

        assertThat(acked.statusCode()).isEqualTo(302);
        assertThat(folders.actions()).singleElement().satisfies(action -> {
            assertThat(action.by()).isEqualTo("an");
            assertThat(action.note()).isEqualTo("đã nhận qua màn hình");
            assertThat(action.byAddress()).isEqualTo("127.0.0.1");
        });
        assertThat(client.get("/alerts/" + HANOI_ALERT, cookie).body()).contains("id=\"form-verify\"")
                .doesNotContain("id=\"form-ack\"");
    }

    @Test
    void shouldPrintThePhuLucIIFormPrefilled() throws Exception {
        String form = client.get("/alerts/" + HANOI_ALERT + "/proposal", client.signIn("an").cookie()).body();

        assertThat(form).contains("id=\"proposal\"", "MSCU1234565", HANOI_ALERT, "HN-LONGBIEN", "02436740350",
                "id=\"proposal-explanation\"", "@media print");
    }

    @Test
    void shouldLetAnAdminManageOnlyTheUsersOfTheUnitsBelow() throws Exception {
        Signed admin = client.signIn("admin-hn");
        assertThat(client.get("/admin/users", admin.cookie()).body()).contains("id=\"user-an\"")
                .doesNotContain("user-kv3");

        HttpResponse<String> added = client.postForm("/admin/users", Map.of("csrf", admin.csrf(), "name", "binh",
                "unit", "HN-LONGBIEN", "role", "officer", "password", "mật khẩu của Bình"), admin.cookie());
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(client.login("binh", "mật khẩu của Bình").statusCode()).isEqualTo(200);

        assertThat(client.postForm("/admin/users", Map.of("csrf", admin.csrf(), "name", "x", "unit", "HP-KV3", "role",
                "officer", "password", "12345678"), admin.cookie()).statusCode()).isEqualTo(403);
        assertThat(client.get("/admin/users", client.signIn("an").cookie()).statusCode()).as("not an admin")
                .isEqualTo(403);
    }

    // ---- helpers ----

    private List<String> alertIds(Signed user) throws Exception {
        HttpResponse<String> response = client.get("/api/alerts", user.cookie());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode alerts = Json.mapper().readTree(response.body());
        return java.util.stream.StreamSupport.stream(alerts.spliterator(), false)
                .map(alert -> alert.path("alertId").asText()).toList();
    }

    /** The two alerts again, with these photos (null: none) in their details. */
    private void withEvidence(String hanoi, String haiphong) throws Exception {
        Alert hanoiAlert = DeskFolders.hanoi(null);
        Alert haiphongAlert = DeskFolders.haiphong();
        DeskFolders.write(folders.output.resolve(Topic.ALERTS.fileName()), List.of(
                hanoiAlert.withDetails(hanoiAlert.details().toBuilder().evidence(hanoi).build()),
                haiphongAlert.withDetails(haiphongAlert.details().toBuilder().evidence(haiphong).build())));
    }

    private HttpResponse<String> act(Signed user, String alertId, String body) throws Exception {
        return client.postJson("/api/alerts/" + alertId + "/actions", body, user.cookie(), user.csrf());
    }
}
