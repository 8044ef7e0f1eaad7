package vn.customs.cargowatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code alerts.actions} as the contract has it: who, from which unit, when; PROPOSE and ESCALATE name the unit asked,
 * an on-site result says what it found (3740 §II.4.2), a resolution may say why it closes the alert.
 */
class AlertActionTest {

    private static final String ACK = "{\"alertId\":\"a-1\",\"action\":\"ACK\",\"by\":\"Nguyễn Văn An\","
            + "\"byUnit\":\"03CE\",\"ts\":\"2026-11-22T15:40:00+07:00\",\"note\":\"called the driver\"}";

    @Test
    void shouldReadAnAction() throws Exception {
        AlertAction action = Topic.ALERTS_ACTIONS.parse(ACK);

        assertThat(action).isEqualTo(new AlertAction("a-1", AlertAction.Action.ACK, "Nguyễn Văn An", "03CE",
                Instant.parse("2026-11-22T08:40:00Z"), "called the driver", null));
    }

    @Test
    void shouldReadAnEscalationWithTheUnitAsked() throws Exception {
        AlertAction action = Topic.ALERTS_ACTIONS.parse(
                ACK.replace("\"ACK\"", "\"ESCALATE\"").replace("}", ",\"escalateTo\":\"03TG\"}"));

        assertThat(action.escalateTo()).isEqualTo("03TG");
    }

    @Test
    void shouldReadAnOnSiteResultWithItsFinding() throws Exception {
        AlertAction action = Topic.ALERTS_ACTIONS.parse(
                ACK.replace("\"ACK\"", "\"ONSITE_RESULT\"").replace("}", ",\"finding\":\"VIOLATION\"}"));

        assertThat(action.action()).isEqualTo(AlertAction.Action.ONSITE_RESULT);
        assertThat(action.finding()).isEqualTo(AlertAction.Finding.VIOLATION);
    }

    @Test
    void shouldReadAResolutionWithItsFindingAndClosingReasonAndOneWithout() throws Exception {
        String resolve = ACK.replace("\"ACK\"", "\"RESOLVE\"");

        AlertAction action = Topic.ALERTS_ACTIONS.parse(resolve.replace("}",
                ",\"finding\":\"NO_VIOLATION\",\"closingReason\":\"xe dừng đổ nhiên liệu, niêm phong nguyên vẹn\"}"));

        assertThat(action.finding()).isEqualTo(AlertAction.Finding.NO_VIOLATION);
        assertThat(action.closingReason()).isEqualTo("xe dừng đổ nhiên liệu, niêm phong nguyên vẹn");
        assertThat(Topic.ALERTS_ACTIONS.parse(resolve).closingReason()).as("as published before it existed").isNull();
    }

    @Test
    void shouldWriteTheNewFieldsOnlyWhenGiven() throws Exception {
        AlertAction ack = Topic.ALERTS_ACTIONS.parse(ACK);

        assertThat(Json.write(ack)).doesNotContain("finding").doesNotContain("closingReason")
                .doesNotContain("byAddress");
    }

    @Test
    void shouldReadTheAddressTheDeskSawAndCarryItOntoTheHistory() throws Exception {
        AlertAction action = Topic.ALERTS_ACTIONS.parse(ACK.replace("}", ",\"byAddress\":\"10.1.2.3\"}"));

        assertThat(action.byAddress()).isEqualTo("10.1.2.3");
        assertThat(AlertHistoryEntry.of(action, null, AlertState.OPEN, AlertState.ACKNOWLEDGED).byAddress())
                .isEqualTo("10.1.2.3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no alertId          | \"alertId\":\"a-1\",  |                         | alertId is missing",
        "no action           | \"action\":\"ACK\",   |                         | action is missing",
        "no by               | \"by\":\"Nguyễn Văn An\", |                     | by is missing",
        "no byUnit           | \"byUnit\":\"03CE\",  |                         | byUnit is missing",
        "no ts               | ,\"ts\":\"2026-11-22T15:40:00+07:00\" |         | ts is missing",
        "escalate, no unit   | \"ACK\"               | \"ESCALATE\"            | escalateTo is missing",
        "unknown action      | \"ACK\"               | \"CLOSE\"               | action",
        "propose, no unit    | \"ACK\"               | \"PROPOSE\"             | escalateTo is missing",
        "on-site, no finding | \"ACK\"               | \"ONSITE_RESULT\"       | finding is missing: an on-site result says VIOLATION, NO_VIOLATION or UNCLEAR",
        "unknown finding     | \"ACK\"               | \"VERIFY\",\"finding\":\"MAYBE\" | finding: 'MAYBE' is not one of [VIOLATION, NO_VIOLATION, UNCLEAR]",
        "finding on ACK      | \"ACK\"               | \"ACK\",\"finding\":\"UNCLEAR\" | finding is given with VERIFY, ONSITE_RESULT or RESOLVE, not with ACK",
        "reason on VERIFY    | \"ACK\"               | \"VERIFY\",\"closingReason\":\"done\" | closingReason is given with RESOLVE, not with VERIFY",
        "blank reason        | \"ACK\"               | \"RESOLVE\",\"closingReason\":\" \" | closingReason is blank",
    })
    void shouldRejectAnActionThatBreaksTheContract(String name, String remove, String replacement, String reason) {
        String line = ACK.replace(remove, replacement == null ? "" : replacement);

        assertThatThrownBy(() -> Topic.ALERTS_ACTIONS.parse(line)).isInstanceOf(Json.Rejected.class)
                .hasMessageContaining(reason);
    }
}
