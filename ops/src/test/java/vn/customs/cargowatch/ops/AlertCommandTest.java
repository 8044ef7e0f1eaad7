package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.connectors.sms.DeliveryReceipt;
import vn.customs.cargowatch.connectors.sms.SmsLedger;
import vn.customs.cargowatch.connectors.sms.SmsMessage;
import vn.customs.cargowatch.connectors.sms.SmsReceipt;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertAction.Finding;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * {@code alert ack|verify|propose|approve|onsite-result|escalate|resolve|show} in embedded mode, on a replay's folders crafted here: one
 * WRONG_ROUTE alert near Long Biên on a trip of the Gia Lâm Branch.
 */
class AlertCommandTest {

    private static final String ID = HanoiAlert.ID;
    private static final Instant START = HanoiAlert.START;

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
        write(input.resolve(Topic.CUSTOMS_OFFICES.fileName()), HanoiAlert.OFFICES);
        write(output.resolve(Topic.ALERTS.fileName()), List.of(alert(null)));
    }

    /** 1572 §II.1.4: the thumbnail to print with the on-site record, else the camera's image, else nothing. */
    @Test
    void shouldShowTheGateAlertsPhoto() {
        AlertDetails image = AlertDetails.builder().imageUri("camera.images/G1-1.jpg").build();

        Path evidence = Path.of("/out/evidence");
        assertThat(AlertCommand.photo(image.toBuilder().evidence("a-1.jpg").build(), evidence)).isEqualTo(
                "  photo      /out/evidence/a-1.jpg (the camera's image: camera.images/G1-1.jpg)\n");
        assertThat(AlertCommand.photo(image, evidence))
                .isEqualTo("  photo      no thumbnail; the camera's image: camera.images/G1-1.jpg\n");
        assertThat(AlertCommand.photo(AlertDetails.builder().icdCode("ICD-GIALAM").build(), evidence)).isEmpty();
        assertThat(AlertCommand.photo(null, evidence)).isEmpty();
    }

    @Test
    void shouldPrintAcknowledgedAndAppendTheAction() throws Exception {
        int exit = act("ack", "--by", "Nguyễn Văn An", "--unit", "HN-GIALAM", "--at", "2026-11-22T08:30:00Z");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("alert " + ID + ": OPEN -> ACKNOWLEDGED");
        assertThat(actions()).singleElement().isEqualTo(new AlertAction(ID, Action.ACK, "Nguyễn Văn An", "HN-GIALAM",
                Instant.parse("2026-11-22T08:30:00Z"), null, null));
    }

    @Test
    void shouldPublishTheOfficerTheNoteAndTheReasonInNfcAsTypedOnAnyKeyboard() throws Exception {
        // decomposed, as some keyboards and terminals send Vietnamese: ễ = e + circumflex + tilde, ă = a + breve
        String decomposedName = "Nguye\u0302\u0303n Va\u0306n An";
        String decomposedNote = "kie\u0302\u0309m tra nie\u0302m phong";
        act("ack", "--by", "An", "--unit", "HN-GIALAM", "--at", "2026-11-22T08:30:00Z");
        act("verify", "--by", "An", "--unit", "HN-GIALAM", "--at", "2026-11-22T08:40:00Z");

        int exit = act("resolve", "--by", decomposedName, "--unit", "HN-GIALAM", "--note", decomposedNote,
                "--reason", decomposedNote, "--at", "2026-11-22T08:50:00Z");

        assertThat(exit).as(err.toString()).isZero();
        AlertAction resolved = actions().get(2);
        assertThat(resolved.by()).isEqualTo("Nguy\u1ec5n V\u0103n An");
        assertThat(resolved.note()).isEqualTo("ki\u1ec3m tra ni\u00eam phong");
        assertThat(resolved.closingReason()).isEqualTo("ki\u1ec3m tra ni\u00eam phong");
        assertThat(out.toString()).contains("by Nguy\u1ec5n V\u0103n An,");
    }

    @Test
    void shouldSignTheActionWithTheKeyOfTheEnvironment() throws Exception {
        String key = "the pipeline's and the desk's key, of 32 bytes or more";

        int exit = ackWith(Map.of(ActionSignature.KEY_VARIABLE, key), "--input", input.toString(), "--output",
                output.toString());

        assertThat(exit).as(err.toString()).isZero();
        AlertAction published = actions().get(0);
        assertThat(published.signature()).matches("[0-9a-f]{64}");
        assertThat(ActionSignature.problem(published, ActionSignature.key(key))).isNull();
        assertThat(published.withSignature(null)).isEqualTo(new AlertAction(ID, Action.ACK, "An", "HN-GIALAM",
                Instant.parse("2026-11-22T08:30:00Z"), null, null));
        assertThat(out.toString()).contains(", signed with the key of CARGOWATCH_ACTIONS_KEY");
    }

    @Test
    void shouldPublishUnsignedWithoutAKey() throws Exception {
        int exit = ackWith(Map.of(), "--input", input.toString(), "--output", output.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(actions()).singleElement().extracting(AlertAction::signature).isNull();
        assertThat(out.toString()).doesNotContain("signed with");
    }

    @Test
    void shouldRefuseToPublishWithoutTheKeyWhenSignaturesAreRequired() throws Exception {
        Path config = Files.writeString(work.resolve("cargowatch.yaml"), "actions:\n  signatures: required\n");

        int exit = ackWith(Map.of(), "--config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cargowatch: no signing key for alerts.actions: "
                + "actions.signatures is required; give the key in the environment variable CARGOWATCH_ACTIONS_KEY");
    }

    @Test
    void shouldRefuseAKeyTooShortToSignWith() throws Exception {
        int exit = ackWith(Map.of(ActionSignature.KEY_VARIABLE, "short"), "--input", input.toString(), "--output",
                output.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cargowatch: configuration: CARGOWATCH_ACTIONS_KEY has 5 bytes; "
                + "a signing key has at least 32 (e.g. openssl rand -base64 48)");
        assertThat(input.resolve(Topic.ALERTS_ACTIONS.fileName())).doesNotExist();
    }

    @Test
    void shouldRefuseASecondAckBeforeTheReplayHasAppliedTheFirst() throws Exception {
        act("ack", "--by", "An", "--unit", "HN-GIALAM", "--at", "2026-11-22T08:30:00Z");

        int exit = act("ack", "--by", "Bình", "--unit", "CHQ-HN", "--at", "2026-11-22T08:31:00Z");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("cargowatch: ACK refused, not published: the alert is already acknowledged");
        assertThat(actions()).hasSize(1);
    }

    @Test
    void shouldRefuseAnAckTheReplayHasAlreadyApplied() throws Exception {
        write(output.resolve(Topic.ALERTS.fileName()), List.of(alert(null), alert(AlertState.ACKNOWLEDGED)));

        int exit = act("ack", "--by", "An", "--unit", "HN-GIALAM");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("the alert is already acknowledged").doesNotContain("\tat ");
    }

    @Test
    void shouldRefuseEscalateWithoutTo() throws Exception {
        act("ack", "--by", "An", "--unit", "HN-GIALAM", "--at", "2026-11-22T08:30:00Z");

        int exit = act("escalate", "--by", "An", "--unit", "HN-GIALAM", "--at", "2026-11-22T08:40:00Z");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cargowatch: escalate needs --to UNIT: the unit asked to verify "
                + "on site (./cargowatch alert show " + ID + " proposes the nearest)");
        assertThat(actions()).hasSize(1);
    }

    @Test
    void shouldFollowTheLifecycleThroughPublishedActions() throws Exception {
        act("ack", "--by", "An", "--unit", "HN-GIALAM", "--at", "2026-11-22T08:30:00Z");
        act("escalate", "--by", "An", "--unit", "HN-GIALAM", "--to", "HN-LONGBIEN", "--at", "2026-11-22T08:40:00Z");
        act("verify", "--by", "Cường", "--unit", "CHQ-HN", "--note", "Long Biên kiểm tra: niêm phong nguyên vẹn",
                "--at", "2026-11-22T09:10:00Z");
        int exit = act("resolve", "--by", "An", "--unit", "HN-GIALAM", "--at", "2026-11-22T09:20:00Z");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("OPEN -> ACKNOWLEDGED").contains("ACKNOWLEDGED -> ESCALATED")
                .contains("ESCALATED -> VERIFIED").contains("VERIFIED -> RESOLVED");
        assertThat(actions()).extracting(AlertAction::action)
                .containsExactly(Action.ACK, Action.ESCALATE, Action.VERIFY, Action.RESOLVE);
        assertThat(actions().get(1).escalateTo()).isEqualTo("HN-LONGBIEN");
    }

    @Test
    void shouldProposeApproveAndRecordTheOnSiteResultAsTheUnitAsked() throws Exception {
        act("ack", "--by", "An", "--unit", "HN-GIALAM", "--at", "2026-11-22T08:30:00Z");
        act("propose", "--by", "An", "--unit", "HN-GIALAM", "--to", "HN-LONGBIEN", "--at", "2026-11-22T08:40:00Z");
        act("approve", "--by", "Trần Văn Hùng", "--unit", "HN-GIALAM", "--at", "2026-11-22T08:45:00Z");
        act("onsite-result", "--by", "Lê Văn Sơn", "--unit", "HN-LONGBIEN", "--finding", "NO_VIOLATION",
                "--note", "niêm phong nguyên vẹn", "--at", "2026-11-22T09:10:00Z");
        int exit = act("resolve", "--by", "An", "--unit", "HN-GIALAM", "--finding", "NO_VIOLATION",
                "--reason", "xe dừng đổ nhiên liệu", "--at", "2026-11-22T09:20:00Z");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ACKNOWLEDGED -> PROPOSED").contains("PROPOSED -> ESCALATED")
                .contains("HN-LONGBIEN is asked to verify on site").contains("ESCALATED -> VERIFIED")
                .contains("VERIFIED -> RESOLVED");
        assertThat(actions()).extracting(AlertAction::action).containsExactly(Action.ACK, Action.PROPOSE,
                Action.APPROVE, Action.ONSITE_RESULT, Action.RESOLVE);
        assertThat(actions().get(1).escalateTo()).isEqualTo("HN-LONGBIEN");
        assertThat(actions().get(3).finding()).isEqualTo(Finding.NO_VIOLATION);
        assertThat(actions().get(4)).extracting(AlertAction::finding, AlertAction::closingReason)
                .containsExactly(Finding.NO_VIOLATION, "xe dừng đổ nhiên liệu");
    }

    @Test
    void shouldLetTheUnitAskedInTheHistoryRecordItsResultButNoOtherUnit() throws Exception {
        write(output.resolve(Topic.ALERTS.fileName()), List.of(alert(null), alert(AlertState.ESCALATED)));
        write(output.resolve(Topic.ALERTS_HISTORY.fileName()), List.of(
                entry(Action.PROPOSE, "08:40", AlertState.ACKNOWLEDGED, AlertState.PROPOSED),
                entry(Action.APPROVE, "08:45", AlertState.PROPOSED, AlertState.ESCALATED)));

        int other = act("onsite-result", "--by", "Dũng", "--unit", "HN-MYDINH", "--finding", "VIOLATION",
                "--at", "2026-11-22T09:00:00Z");
        assertThat(other).isEqualTo(2);
        assertThat(err.toString()).startsWith("cargowatch: ONSITE_RESULT refused, not published: unit HN-MYDINH may "
                + "not act").contains("the unit asked to verify on site (HN-LONGBIEN) may record its result");

        int asked = act("onsite-result", "--by", "Sơn", "--unit", "HN-LONGBIEN", "--finding", "VIOLATION",
                "--at", "2026-11-22T09:10:00Z");
        assertThat(asked).as(err.toString()).isZero();
        assertThat(actions()).singleElement().extracting(AlertAction::byUnit).isEqualTo("HN-LONGBIEN");
    }

    @Test
    void shouldRefuseAnOnSiteResultWithoutFinding() throws Exception {
        int exit = act("onsite-result", "--by", "Sơn", "--unit", "HN-LONGBIEN", "--at", "2026-11-22T09:10:00Z");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cargowatch: onsite-result needs --finding "
                + "VIOLATION|NO_VIOLATION|UNCLEAR: what the verification on site found");
        assertThat(input.resolve(Topic.ALERTS_ACTIONS.fileName())).doesNotExist();
    }

    @Test
    void shouldRefuseAFindingThatIsNoneOfTheThree() {
        int exit = act("verify", "--by", "An", "--unit", "HN-GIALAM", "--finding", "MAYBE");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("cargowatch: invalid value for option '--finding': expected one of "
                + "[VIOLATION, NO_VIOLATION, UNCLEAR]").doesNotContain("\tat ");
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(input.resolve(Topic.ALERTS_ACTIONS.fileName())).doesNotExist();
    }

    @Test
    void shouldRefuseResolvingWhileAProposalWaitsForTheLeader() throws Exception {
        act("ack", "--by", "An", "--unit", "HN-GIALAM", "--at", "2026-11-22T08:30:00Z");
        act("propose", "--by", "An", "--unit", "HN-GIALAM", "--to", "HN-LONGBIEN", "--at", "2026-11-22T08:40:00Z");

        int exit = act("resolve", "--by", "An", "--unit", "HN-GIALAM", "--reason", "không cần",
                "--at", "2026-11-22T08:50:00Z");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cargowatch: RESOLVE refused, not published: the alert cannot "
                + "be resolved while an escalation proposal waits for the Branch leader: approve it, or record a "
                + "verification");
        assertThat(actions()).hasSize(2);
    }

    @Test
    void shouldRefuseProposeWithoutTo() throws Exception {
        int exit = act("propose", "--by", "An", "--unit", "HN-GIALAM", "--at", "2026-11-22T08:40:00Z");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cargowatch: propose needs --to UNIT: the unit asked to verify "
                + "on site (./cargowatch alert show " + ID + " proposes the nearest)");
    }

    @Test
    void shouldShowTheFindingAndTheClosingReasonInTheHistory() throws Exception {
        write(output.resolve(Topic.ALERTS.fileName()), List.of(alert(null), alert(AlertState.RESOLVED)));
        write(output.resolve(Topic.ALERTS_HISTORY.fileName()), List.of(
                new AlertHistoryEntry(ID, Action.ONSITE_RESULT, "Lê Văn Sơn", "HN-LONGBIEN",
                        Instant.parse("2026-11-22T09:10:00Z"), null, null, AlertState.ESCALATED, AlertState.VERIFIED,
                        Finding.NO_VIOLATION, null),
                new AlertHistoryEntry(ID, Action.RESOLVE, "Nguyễn Văn An", "HN-GIALAM",
                        Instant.parse("2026-11-22T09:20:00Z"), null, null, AlertState.VERIFIED, AlertState.RESOLVED,
                        Finding.NO_VIOLATION, "xe dừng đổ nhiên liệu")));

        int exit = run("alert", "show", ID, "--input", input.toString(), "--output", output.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("  2026-11-22 16:10  ONSITE_RESULT  ESCALATED -> VERIFIED  by Lê Văn Sơn (HN-LONGBIEN)  "
                        + "found NO_VIOLATION\n")
                .contains("  2026-11-22 16:20  RESOLVE  VERIFIED -> RESOLVED  by Nguyễn Văn An (HN-GIALAM)  "
                        + "found NO_VIOLATION  closed: \"xe dừng đổ nhiên liệu\"\n");
    }

    @Test
    void shouldRefuseAnotherBranch() throws Exception {
        int exit = act("ack", "--by", "Dũng", "--unit", "HN-MYDINH", "--at", "2026-11-22T08:30:00Z");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("cargowatch: ACK refused, not published: unit HN-MYDINH may not act");
        assertThat(input.resolve(Topic.ALERTS_ACTIONS.fileName())).doesNotExist();
    }

    @Test
    void shouldRefuseAnActionDatedBeforeTheAlert() {
        int exit = act("ack", "--by", "An", "--unit", "HN-GIALAM", "--at", "2026-11-22T08:00:00Z");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cargowatch: ACK refused, not published: --at "
                + "2026-11-22T08:00:00Z is before the alert's last event (2026-11-22T08:17:00Z); "
                + "actions are applied in time order");
    }

    @Test
    void shouldRefuseATimeOutsideTheContractWithoutPublishing() {
        int exit = act("ack", "--by", "An", "--unit", "HN-GIALAM", "--at", "+999999999-12-31T23:59:59Z");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("cargowatch: --at '+999999999-12-31T23:59:59Z' is outside 2000-01-01 to 2100-01-01");
        assertThat(input.resolve(Topic.ALERTS_ACTIONS.fileName())).doesNotExist();
    }

    @Test
    void shouldRefuseATimeWithoutOffset() {
        int exit = act("ack", "--by", "An", "--unit", "HN-GIALAM", "--at", "2026-11-22 15:30");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cargowatch: --at '2026-11-22 15:30' is not an ISO-8601 time "
                + "with offset (e.g. 2026-11-22T08:15:30Z)");
        assertThat(input.resolve(Topic.ALERTS_ACTIONS.fileName())).doesNotExist();
    }

    @Test
    void shouldShowThatAnAlertWithoutPositionHasNoProposal() throws Exception {
        Alert gate = new Alert(ID, AlertType.UNCLEARED_EXIT, AlertType.UNCLEARED_EXIT.severity(), null, null,
                "MSCU1234565", START, START, null, null, null, "HN-GIALAM", "CHQ-HN", null,
                AlertDetails.builder().icdCode("ICD-GIALAM").build(), null);
        write(output.resolve(Topic.ALERTS.fileName()), List.of(gate));

        int exit = run("alert", "show", ID, "--input", input.toString(), "--output", output.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("  place      ICD ICD-GIALAM\n").contains("  state      OPEN\n")
                .contains("  (no action yet)\n").contains("Escalation proposal\n  (the alert has no position)\n");
    }

    @Test
    void shouldSayTheAlertIsUnknown() {
        int exit = run("alert", "ack", "nope", "--by", "An", "--unit", "HN-GIALAM", "--input", input.toString(),
                "--output", output.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("cargowatch: unknown alert nope in " + output.resolve("alerts.jsonl"));
    }

    @Test
    void shouldSayTheOutputFolderIsMissing() {
        int exit = run("alert", "show", ID, "--input", input.toString(), "--output", work.resolve("none").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("cargowatch: output folder " + work.resolve("none") + " does not exist or is not a folder");
    }

    @Test
    void shouldShowTheAlertItsHistoryAndTheEscalationProposal() throws Exception {
        write(output.resolve(Topic.ALERTS.fileName()), List.of(alert(null), alert(AlertState.ACKNOWLEDGED)));
        write(output.resolve(Topic.ALERTS_HISTORY.fileName()), List.of(new AlertHistoryEntry(ID, Action.ACK,
                "Nguyễn Văn An", "HN-GIALAM", Instant.parse("2026-11-22T08:30:00Z"), "đã gọi lái xe", null,
                AlertState.OPEN, AlertState.ACKNOWLEDGED)));

        int exit = run("alert", "show", ID, "--input", input.toString(), "--output", output.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("  type       WRONG_ROUTE (HIGH)\n")
                .contains("  container  MSCU1234565   trip TRIP-7\n")
                .contains("  started    2026-11-22 15:15 Vietnam time\n")
                .contains("  state      ACKNOWLEDGED\n")
                .contains("  2026-11-22 15:30  ACK  OPEN -> ACKNOWLEDGED  by Nguyễn Văn An (HN-GIALAM)  "
                        + "\"đã gọi lái xe\"\n")
                .contains("Escalation proposal\n  ĐỀ XUẤT XÁC MINH TẠI CHỖ")
                .contains("Kính gửi: Lãnh đạo Chi cục Hải quan Gia Lâm")
                .contains("Đề xuất: đề nghị Chi cục Hải quan Long Biên (HN-LONGBIEN), cách 2,0 km");
    }

    @Test
    void shouldShowTheSmsSentAboutTheAlertAndWhetherTheyArrived() throws Exception {
        write(output.resolve(Topic.ALERTS.fileName()), List.of(alert(null)));
        try (SmsLedger ledger = new SmsLedger(output.resolve("sms-ledger.jsonl"))) {
            ledger.sent(new SmsMessage("84900000001", "Sai lộ trình", ID, ID + "/OPEN/84900000001"),
                    new SmsReceipt(List.of("m1")), START.plusSeconds(180));
            ledger.delivered(new DeliveryReceipt("m1", "UNDELIV", "84900000001", "001", START.plusSeconds(200)));
            ledger.sent(new SmsMessage("84900000001", "khác", "another-alert", "another-alert/OPEN/84900000001"),
                    new SmsReceipt(List.of("m2")), START.plusSeconds(240));
        }

        int exit = run("alert", "show", ID, "--input", input.toString(), "--output", output.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("for alert " + ID)
                .containsPattern("84900000001 +5f0c2a1e +1 +NOT DELIVERED: UNDELIV")
                .contains("1 SMS: 0 delivered, 1 not delivered");
    }

    /** An action of the Gia Lâm Branch applied at {@code hhmm} UTC, naming Long Biên when it asks a unit. */
    private static AlertHistoryEntry entry(Action action, String hhmm, AlertState from, AlertState to) {
        return new AlertHistoryEntry(ID, action, "Nguyễn Văn An", "HN-GIALAM",
                Instant.parse("2026-11-22T" + hhmm + ":00Z"), null, "HN-LONGBIEN", from, to);
    }

    private int act(String action, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("alert", action, ID, "--input", input.toString(),
                "--output", output.toString()));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    /** {@code alert ack} by An of the Branch, with the signing key (or none) of {@code environment}. */
    private int ackWith(Map<String, String> environment, String... source) {
        AlertCommand.Ack ack = new AlertCommand.Ack();
        ack.source = new AlertCommand.Source();
        ack.source.environment = environment;
        List<String> args = new java.util.ArrayList<>(List.of(ID, "--by", "An", "--unit", "HN-GIALAM", "--at",
                "2026-11-22T08:30:00Z"));
        args.addAll(List.of(source));
        return Cargowatch.execute(ack, new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
    }

    private int run(String... args) {
        return Cargowatch.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private List<AlertAction> actions() throws Exception {
        return Files.readAllLines(input.resolve(Topic.ALERTS_ACTIONS.fileName()), StandardCharsets.UTF_8).stream()
                .map(line -> {
                    try {
                        return Json.read(line, AlertAction.class);
                    } catch (Json.Rejected e) {
                        throw new AssertionError(line, e);
                    }
                }).toList();
    }

    private static Alert alert(AlertState state) {
        return HanoiAlert.alert(state);
    }

    private static void write(Path file, List<?> records) throws Exception {
        HanoiAlert.write(file, records);
    }
}
