package vn.customs.cargowatch.ops.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.Inspection.Condition;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.ops.desk.DeskHttp.Signed;

/**
 * Closing a trip at the desk over HTTP (3740 §II.3): the destination Branch's officer records the inspection with the
 * declarant's explanation of the trip's alert, published on the input's trips.inspections as the server stamps it;
 * the Department sees the trip to close but may not close it; another Branch, a missing reason, another trip's alert
 * and a trip not arrived are refused and publish nothing.
 */
class DeskClosingTest {

    private static final Instant NOW = Instant.parse("2026-11-22T11:00:00Z");
    private static final Instant ARRIVED = Instant.parse("2026-11-22T10:00:00Z");
    private static final String TRIP = DeskFolders.hanoi(null).tripId();

    @TempDir
    Path work;

    private DeskFolders folders;
    private DeskServer desk;
    private DeskHttp client;

    @BeforeEach
    void startDesk() throws Exception {
        folders = new DeskFolders(work);
        DeskFolders.write(folders.output.resolve(Topic.TRIPS_CLOSINGS.fileName()), List.of(new TripClosing(TRIP,
                "860000000000001", "MSCU1234565", "HN-GIALAM", "HN-GIALAM", "CHQ-HN", ARRIVED,
                TripStatus.ArrivedBy.CONFIRMATION, ARRIVED.plusSeconds(86_400), TripClosing.State.AWAITING, null,
                ARRIVED)));
        desk = folders.startDesk(ActionSigner.UNSIGNED, NOW);
        client = new DeskHttp(desk);
    }

    @AfterEach
    void stopDesk() {
        desk.stop();
    }

    @Test
    void shouldPublishTheDestinationOfficersInspectionWithTheDeclarantsExplanation() throws Exception {
        Signed an = client.signIn("an");

        HttpResponse<String> response = close(an, "{\"container\":\"INTACT\",\"gpsSeal\":\"NOT_INTACT\","
                + "\"customsSeal\":\"INTACT\",\"reason\":\"seal bị va đập\",\"explanations\":[{\"alertId\":\""
                + DeskFolders.HANOI_ALERT + "\",\"text\":\"xe tránh đường ngập\"}],\"by\":\"someone\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(folders.published(Topic.TRIPS_INSPECTIONS)).singleElement().isEqualTo(new Inspection(TRIP, "an",
                "HN-GIALAM", NOW, Condition.INTACT, Condition.NOT_INTACT, Condition.INTACT, "seal bị va đập", null,
                null, List.of(new Inspection.Explanation(DeskFolders.HANOI_ALERT, "xe tránh đường ngập"))));
    }

    @Test
    void shouldListTheTripToCloseForTheDepartmentButLetOnlyTheDestinationBranchCloseIt() throws Exception {
        Signed cuc = client.signIn("cuc");

        assertThat(client.get("/closings", cuc.cookie()).body()).contains("data-trip-id=\"" + TRIP + "\"");
        assertThat(client.get("/trips/" + TRIP + "/close", cuc.cookie()).body()).contains("Chờ kết thúc")
                .doesNotContain("form-close");
        assertThat(close(cuc, intact()).statusCode()).isEqualTo(403);
        assertThat(close(client.signIn("kv3"), intact()).statusCode()).isEqualTo(403);
        assertThat(client.get("/closings", client.signIn("kv3").cookie()).body()).doesNotContain(TRIP);
        assertThat(folders.published(Topic.TRIPS_INSPECTIONS)).isEmpty();
    }

    @Test
    void shouldRefuseAMissingReasonAnotherTripsAlertAndATripNotArrived() throws Exception {
        Signed an = client.signIn("an");

        HttpResponse<String> noReason = close(an, "{\"container\":\"NOT_INTACT\",\"gpsSeal\":\"INTACT\","
                + "\"customsSeal\":\"INTACT\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("hãy ghi lý do");
        assertThat(close(an, "{\"container\":\"INTACT\",\"gpsSeal\":\"INTACT\",\"customsSeal\":\"INTACT\","
                + "\"explanations\":[{\"alertId\":\"" + DeskFolders.HAIPHONG_ALERT + "\",\"text\":\"x\"}]}")
                .statusCode()).isEqualTo(400);
        assertThat(client.postJson("/api/trips/TRIP-NONE/close", intact(), an.cookie(), an.csrf()).statusCode())
                .isEqualTo(404);
        assertThat(close(an, "{\"container\":\"BROKEN\"}").statusCode()).isEqualTo(400);
        assertThat(client.postJson("/api/trips/" + TRIP + "/close", intact(), an.cookie(), null).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(folders.published(Topic.TRIPS_INSPECTIONS)).isEmpty();
    }

    @Test
    void shouldCloseThroughThePagesForm() throws Exception {
        Signed an = client.signIn("an");
        String page = client.get("/trips/" + TRIP + "/close", an.cookie()).body();
        assertThat(page).contains("form-close", "explain-" + DeskFolders.HANOI_ALERT);

        HttpResponse<String> sent = client.postForm("/trips/" + TRIP + "/close", Map.of("csrf", an.csrf(),
                "container", "INTACT", "gpsSeal", "INTACT", "customsSeal", "INTACT",
                "explain-" + DeskFolders.HANOI_ALERT, "xe tránh đường ngập"), an.cookie());

        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(folders.published(Topic.TRIPS_INSPECTIONS)).singleElement()
                .extracting(Inspection::explanations).asList().hasSize(1);
    }

    private HttpResponse<String> close(Signed user, String body) throws Exception {
        return client.postJson("/api/trips/" + TRIP + "/close", body, user.cookie(), user.csrf());
    }

    private static String intact() {
        return "{\"container\":\"INTACT\",\"gpsSeal\":\"INTACT\",\"customsSeal\":\"INTACT\"}";
    }
}
