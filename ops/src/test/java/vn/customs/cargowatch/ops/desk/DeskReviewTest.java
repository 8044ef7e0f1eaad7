package vn.customs.cargowatch.ops.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.ReviewAction;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.desk.DeskHttp.Signed;

/**
 * The gate review list worked through at the desk over HTTP (1572 §II.1.5, §I.3.4): the ICD's Branch completes an
 * unread container (a read by hand naming it, on the input's camera.recognitions), confirms a corrected one (a
 * gate.review.actions record, signed with the desk's key), enters a read by hand while a camera is down; another
 * Branch, a misread number, a confirmation of an unread container and an item already reviewed are refused and publish
 * nothing; the page lists the items with their forms.
 */
class DeskReviewTest {

    /** 16:00 in Vietnam: the day shift, ending at 18:00 (11:00 UTC). */
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant SHIFT_END = Instant.parse("2026-11-22T11:00:00Z");
    private static final Instant READ_AT = Instant.parse("2026-11-22T08:20:00Z");
    private static final String ICD = "ICD-GIALAM";
    private static final String VALID = "MSKU1234565";
    private static final ActionSignature.Key KEY = ActionSignature.key("the desk review test's key, 32 bytes+");

    @TempDir
    Path work;

    private DeskFolders folders;
    private DeskServer desk;
    private DeskHttp client;

    @BeforeEach
    void startDesk() throws Exception {
        folders = new DeskFolders(work);
        List<CustomsOffice> offices = new ArrayList<>();
        for (CustomsOffice office : folders.offices()) {
            offices.add(office.unitCode().equals("HN-GIALAM") ? new CustomsOffice(office.unitCode(), office.name(),
                    office.level(), office.parentCode(), office.lat(), office.lon(), office.phone(), List.of(ICD))
                    : office);
        }
        DeskFolders.write(folders.input.resolve(Topic.CUSTOMS_OFFICES.fileName()), offices);
        DeskFolders.write(folders.output.resolve(Topic.GATE_REVIEW.fileName()), List.of(
                item("R-UNREAD", ReviewItem.Kind.INCOMPLETE, null, null),
                item("R-CORRECTED", ReviewItem.Kind.CORRECTED, "MSKU12345G5", VALID),
                item("R-DONE", ReviewItem.Kind.CORRECTED, "MSKU12345G5", VALID),
                item("R-DONE", ReviewItem.Kind.CORRECTED, "MSKU12345G5", VALID).confirmedBy(new ReviewAction(
                        "R-DONE", ReviewAction.Action.CONFIRM, "an", "HN-GIALAM", READ_AT.plusSeconds(60), null,
                        null, null))));
        desk = folders.startDesk(ActionSigner.with(KEY), NOW);
        client = new DeskHttp(desk);
    }

    @AfterEach
    void stopDesk() {
        desk.stop();
    }

    @Test
    void shouldCompleteAnUnreadContainerWithAReadByHandOfTheSignedInOfficer() throws Exception {
        HttpResponse<String> response = act(client.signIn("an"), "{\"eventId\":\"R-UNREAD\",\"action\":\"COMPLETE\","
                + "\"containerNo\":\"msku 123456 5\",\"plate\":\"29C-123.45\",\"enteredBy\":\"someone else\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(folders.published(Topic.CAMERA_RECOGNITIONS)).singleElement().satisfies(read -> {
            assertThat(read.completes()).isEqualTo("R-UNREAD");
            assertThat(read.eventId()).startsWith("R-UNREAD-hand-");
            assertThat(read.icdCode()).isEqualTo(ICD);
            assertThat(read.gateId()).isEqualTo(ICD + "-G1");
            assertThat(read.direction()).isEqualTo(Direction.OUT);
            assertThat(read.cameraId()).isEqualTo("HAND");
            assertThat(read.containerNo()).isEqualTo(VALID);
            assertThat(read.plate()).isEqualTo("29C-123.45");
            assertThat(read.enteredBy()).isEqualTo("an");
            assertThat(read.enteredByUnit()).isEqualTo("HN-GIALAM");
            assertThat(read.ts()).isEqualTo(NOW);
        });
    }

    @Test
    void shouldConfirmACorrectedReadSignedWithTheDesksKey() throws Exception {
        HttpResponse<String> response = act(client.signIn("cuc"),
                "{\"eventId\":\"R-CORRECTED\",\"action\":\"CONFIRM\",\"note\":\"khớp camera quan sát\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(folders.published(Topic.GATE_REVIEW_ACTIONS)).singleElement().satisfies(action -> {
            assertThat(action.eventId()).isEqualTo("R-CORRECTED");
            assertThat(action.by()).isEqualTo("cuc");
            assertThat(action.byUnit()).as("the Department of the ICD's Branch").isEqualTo("CHQ-HN");
            assertThat(action.note()).isEqualTo("khớp camera quan sát");
            assertThat(action.byAddress()).isEqualTo("127.0.0.1");
            assertThat(ActionSignature.problem(action, KEY)).isNull();
        });
    }

    @Test
    void shouldRefuseAnotherIcdsBranchAMisreadNumberAWrongKindAndASecondReview() throws Exception {
        Signed an = client.signIn("an");

        assertThat(act(client.signIn("kv3"), "{\"eventId\":\"R-UNREAD\",\"action\":\"COMPLETE\","
                + "\"containerNo\":\"" + VALID + "\",\"plate\":\"29C12345\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> misread = act(an, "{\"eventId\":\"R-UNREAD\",\"action\":\"COMPLETE\","
                + "\"containerNo\":\"MSKU1234566\",\"plate\":\"29C12345\"}");
        assertThat(misread.statusCode()).isEqualTo(400);
        assertThat(misread.body()).contains("sai số kiểm tra");
        assertThat(act(an, "{\"eventId\":\"R-UNREAD\",\"action\":\"CONFIRM\"}").statusCode()).isEqualTo(409);
        assertThat(act(an, "{\"eventId\":\"R-DONE\",\"action\":\"CONFIRM\"}").statusCode()).isEqualTo(409);
        assertThat(act(an, "{\"eventId\":\"R-NONE\",\"action\":\"CONFIRM\"}").statusCode()).isEqualTo(404);
        assertThat(act(an, "{\"eventId\":\"R-UNREAD\",\"action\":\"DELETE\"}").statusCode()).isEqualTo(400);
        assertThat(client.postJson("/api/review/actions", "{\"eventId\":\"R-CORRECTED\",\"action\":\"CONFIRM\"}",
                an.cookie(), null).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(folders.published(Topic.CAMERA_RECOGNITIONS)).isEmpty();
        assertThat(folders.published(Topic.GATE_REVIEW_ACTIONS)).isEmpty();
    }

    @Test
    void shouldEnterAReadByHandAtTheUsersIcdOnly() throws Exception {
        Signed an = client.signIn("an");
        String read = "{\"icdCode\":\"%s\",\"gateId\":\"ICD-GIALAM-G2\",\"direction\":\"IN\","
                + "\"containerNo\":\"" + VALID + "\",\"plate\":\"29C-123.45\"}";

        assertThat(client.postJson("/api/reads", read.formatted(ICD), an.cookie(), an.csrf()).statusCode())
                .isEqualTo(200);
        assertThat(client.postJson("/api/reads", read.formatted("ICD-HP"), an.cookie(), an.csrf()).statusCode())
                .isEqualTo(403);
        assertThat(client.postJson("/api/reads", read.formatted(ICD).replace("\"IN\"", "\"UP\""), an.cookie(),
                an.csrf()).statusCode()).isEqualTo(400);
        assertThat(folders.published(Topic.CAMERA_RECOGNITIONS)).singleElement().satisfies(published -> {
            assertThat(published.eventId()).startsWith("HAND-");
            assertThat(published.completes()).isNull();
            assertThat(published.enteredBy()).isEqualTo("an");
            assertThat(published.gateId()).isEqualTo("ICD-GIALAM-G2");
        });
    }

    @Test
    void shouldPutAReadByHandWhereItsTimePutsItAmongTheCamerasDay() throws Exception {
        Recognition before = new Recognition("CAM-1", ICD, ICD + "-G1", null, "CAM1", Direction.IN,
                NOW.minusSeconds(3600), VALID, null, "29C12345", 0.9, null, null);
        Recognition after = new Recognition("CAM-2", ICD, ICD + "-G1", null, "CAM1", Direction.IN,
                NOW.plusSeconds(3600), VALID, null, "29C12345", 0.9, null, null);
        DeskFolders.write(folders.input.resolve(Topic.CAMERA_RECOGNITIONS.fileName()), List.of(before, after));
        Signed an = client.signIn("an");

        assertThat(act(an, "{\"eventId\":\"R-UNREAD\",\"action\":\"COMPLETE\",\"containerNo\":\"" + VALID
                + "\",\"plate\":\"29C12345\"}").statusCode()).isEqualTo(200);

        assertThat(folders.published(Topic.CAMERA_RECOGNITIONS)).extracting(Recognition::eventId)
                .containsExactly("CAM-1", "R-UNREAD-hand-" + NOW.getEpochSecond(), "CAM-2");
    }

    @Test
    void shouldListTheShiftsItemsWithTheirFormsAndWhoReviewedThem() throws Exception {
        Signed an = client.signIn("an");

        HttpResponse<String> page = client.get("/review", an.cookie());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-event-id=\"R-UNREAD\"", "data-event-id=\"R-CORRECTED\"",
                "Đã xác nhận", "form-hand");
        assertThat(page.body().split("class=\"review-confirm\"")).as("a confirmation for the open CORRECTED only")
                .hasSize(2);
        HttpResponse<String> form = client.postForm("/review/actions", Map.of("csrf", an.csrf(), "eventId",
                "R-CORRECTED", "action", "CONFIRM", "shiftEnd", SHIFT_END.toString()), an.cookie());
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(folders.published(Topic.GATE_REVIEW_ACTIONS)).hasSize(1);
        assertThat(client.get("/review", client.signIn("kv3").cookie()).body())
                .doesNotContain("R-UNREAD").doesNotContain("form-hand");
        assertThat(client.get("/api/review", null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> act(Signed user, String body) throws Exception {
        return client.postJson("/api/review/actions", body, user.cookie(), user.csrf());
    }

    private static ReviewItem item(String eventId, ReviewItem.Kind kind, String read, String corrected) {
        return ReviewItem.open(eventId, ICD, ICD + "-G1", ICD + "-G1-CAM1", READ_AT, kind, read, corrected,
                "29C-123.45", kind == ReviewItem.Kind.INCOMPLETE ? "container number not read" : "check digit",
                SHIFT_END, Direction.OUT, null);
    }
}
