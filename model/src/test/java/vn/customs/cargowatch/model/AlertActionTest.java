package vn.customs.cargowatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code alerts.actions} as the contract has it: who, from which unit, when; ESCALATE names the unit asked. */
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no alertId          | \"alertId\":\"a-1\",  |                         | alertId is missing",
        "no action           | \"action\":\"ACK\",   |                         | action is missing",
        "no by               | \"by\":\"Nguyễn Văn An\", |                     | by is missing",
        "no byUnit           | \"byUnit\":\"03CE\",  |                         | byUnit is missing",
        "no ts               | ,\"ts\":\"2026-11-22T15:40:00+07:00\" |         | ts is missing",
        "escalate, no unit   | \"ACK\"               | \"ESCALATE\"            | escalateTo is missing",
        "unknown action      | \"ACK\"               | \"CLOSE\"               | action",
    })
    void shouldRejectAnActionThatBreaksTheContract(String name, String remove, String replacement, String reason) {
        String line = ACK.replace(remove, replacement == null ? "" : replacement);

        assertThatThrownBy(() -> Topic.ALERTS_ACTIONS.parse(line)).isInstanceOf(Json.Rejected.class)
                .hasMessageContaining(reason);
    }
}
