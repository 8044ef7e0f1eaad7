package vn.customs.cargowatch.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.BRANCH;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.RAISED;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.TEN_MINUTES_LATER;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.action;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.generalDepartment;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.raised;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.ActionSignature;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;

/**
 * Actions cannot bypass the sign-in (issue 13): with a signing key the operator refuses unsigned and wrongly signed
 * actions before the lifecycle, and applies the rightly signed; without one it applies actions as before.
 */
class SignedAlertActionsTest {

    private static final ActionSignature.Key KEY = ActionSignature.key("the desk's key, of 32 bytes at the least");
    private static final AlertAction ACK = action(Action.ACK, BRANCH, TEN_MINUTES_LATER);

    private KeyedBroadcastOperatorTestHarness<String, AlertActions.Input, CustomsOffice, Alert> harness;

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldApplyARightlySignedAction() throws Exception {
        open(KEY);

        act(ActionSignature.sign(ACK, KEY));

        assertThat(alerts()).last().extracting(Alert::state).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(refused()).isEmpty();
    }

    @Test
    void shouldRefuseAnUnsignedActionWithItsLine() throws Exception {
        open(KEY);
        String line = Json.write(ACK);

        act(ACK, line);

        assertThat(alerts()).extracting(Alert::state).containsExactly((AlertState) null);
        assertThat(refused()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("alerts.actions");
            assertThat(letter.kind()).isEqualTo(DeadLetter.Kind.REFUSED);
            assertThat(letter.reason()).startsWith("unsigned action: ");
            assertThat(letter.payload()).isEqualTo(line);
        });
    }

    @Test
    void shouldRefuseAnActionSignedForAnotherUnit() throws Exception {
        open(KEY);
        AlertAction signed = ActionSignature.sign(ACK, KEY);
        AlertAction asGeneral = new AlertAction(signed.alertId(), signed.action(), signed.by(), "00", signed.ts(),
                signed.note(), null, null, null, null, signed.signature());

        act(asGeneral, Json.write(asGeneral));

        assertThat(alerts()).extracting(Alert::state).containsExactly((AlertState) null);
        assertThat(refused()).extracting(DeadLetter::reason).singleElement().asString()
                .startsWith("wrong signature: ");
    }

    @Test
    void shouldRefuseAtArrivalWithoutHoldingTheActionForTheWatermark() throws Exception {
        open(KEY);

        harness.processElement(AlertActions.Input.of(ACK, Json.write(ACK)), ACK.ts().toEpochMilli());

        assertThat(refused()).hasSize(1);
        assertThat(harness.numEventTimeTimers()).as("only the alert's forget timer").isEqualTo(1);
    }

    @Test
    void shouldApplyUnsignedActionsWithoutAKey() throws Exception {
        open(null);

        act(ACK, Json.write(ACK));

        assertThat(alerts()).last().extracting(Alert::state).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(refused()).isEmpty();
    }

    private void open(ActionSignature.Key key) throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new AlertActions(Duration.ofDays(30), key), AlertActions.Input::alertId, Types.STRING,
                NearestOfficeEnricher.OFFICES);
        harness.processBroadcastElement(generalDepartment(), 0);
        harness.processElement(AlertActions.Input.of(raised()), RAISED.toEpochMilli());
        harness.watermark(RAISED.toEpochMilli());
    }

    private void act(AlertAction action) throws Exception {
        act(action, Json.write(action));
    }

    private void act(AlertAction action, String line) throws Exception {
        harness.processElement(AlertActions.Input.of(action, line), action.ts().toEpochMilli());
        harness.watermark(action.ts().toEpochMilli());
    }

    private List<Alert> alerts() {
        return harness.extractOutputValues();
    }

    private List<DeadLetter> refused() {
        return harness.getSideOutput(AlertActions.REFUSED) == null ? List.of()
                : harness.getSideOutput(AlertActions.REFUSED).stream().map(StreamRecord::getValue).toList();
    }
}
