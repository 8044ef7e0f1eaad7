package vn.customs.cargowatch.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.AN_HOUR_LATER;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.ASKED;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.BRANCH;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.GENERAL;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.HALF_AN_HOUR_LATER;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.OTHER_BRANCH;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.RAISED;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.TEN_MINUTES_LATER;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.TWO_HOURS_LATER;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.action;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.ended;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.generalDepartment;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.otherDepartment;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.raised;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;

/** The supervisors' actions on alerts (3740 §II.4) through the keyed operator, as in the job. */
class AlertActionsTest {

    private static final Duration RETENTION = Duration.ofDays(30);

    private KeyedBroadcastOperatorTestHarness<String, AlertActions.Input, CustomsOffice, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new AlertActions(RETENTION),
                AlertActions.Input::alertId, Types.STRING, NearestOfficeEnricher.OFFICES);
        harness.processBroadcastElement(generalDepartment(), 0);
        harness.processBroadcastElement(otherDepartment(), 0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldPassTheRulesAlertOnUnchanged() throws Exception {
        alert(raised());

        assertThat(alerts()).containsExactly(raised());
    }

    @Test
    void shouldReEmitTheAlertInItsNewStateAndKeepTheAction() throws Exception {
        alert(raised());
        act(action(Action.ACK, BRANCH, TEN_MINUTES_LATER));

        assertThat(alerts()).last().extracting(Alert::state).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(history()).containsExactly(new AlertHistoryEntry("a-1", Action.ACK, "officer HP01", BRANCH,
                TEN_MINUTES_LATER, "called the driver", null, AlertState.OPEN, AlertState.ACKNOWLEDGED));
        assertThat(refused()).isEmpty();
    }

    @Test
    void shouldDriveTheAlertThroughItsHandling() throws Exception {
        alert(raised());
        act(action(Action.ACK, BRANCH, TEN_MINUTES_LATER));
        act(action(Action.ESCALATE, BRANCH, HALF_AN_HOUR_LATER));
        act(action(Action.VERIFY, GENERAL, AN_HOUR_LATER));

        assertThat(alerts()).extracting(Alert::state)
                .containsExactly(null, AlertState.ACKNOWLEDGED, AlertState.ESCALATED, AlertState.VERIFIED);
        assertThat(history()).extracting(AlertHistoryEntry::fromState, AlertHistoryEntry::toState).containsExactly(
                tuple(AlertState.OPEN, AlertState.ACKNOWLEDGED),
                tuple(AlertState.ACKNOWLEDGED, AlertState.ESCALATED),
                tuple(AlertState.ESCALATED, AlertState.VERIFIED));
        assertThat(history().get(1).escalateTo()).isEqualTo("HP05");
        assertThat(escalations()).singleElement().satisfies(escalation -> {
            assertThat(escalation.unitCode()).isEqualTo("HP05");
            assertThat(escalation.alert().state()).isEqualTo(AlertState.ESCALATED);
        });
    }

    @Test
    void shouldEscalateTheAlertAsItWasWhenEventTimeJumpsPastTheEpisodesEnd() throws Exception {
        alert(raised());
        act(action(Action.ACK, BRANCH, TEN_MINUTES_LATER));
        // event time jumps from the ack past both the escalation and the end of the episode: the ended version
        // comes first, as the enricher emits it before the watermark that lets the escalation through
        arrives(action(Action.ESCALATE, BRANCH, HALF_AN_HOUR_LATER));
        harness.processElement(AlertActions.Input.of(ended(AN_HOUR_LATER)), AN_HOUR_LATER.toEpochMilli());
        watermark(AN_HOUR_LATER);

        assertThat(escalations()).singleElement().satisfies(escalation ->
                assertThat(escalation.alert().endTs()).as("escalated while the episode went on").isNull());
        assertThat(alerts()).extracting(Alert::state, Alert::endTs).endsWith(
                tuple(AlertState.ESCALATED, null), tuple(AlertState.ESCALATED, AN_HOUR_LATER));
    }

    @Test
    void shouldKeepTheOfficersStateWhenTheEpisodeEndsByItself() throws Exception {
        alert(raised());
        act(action(Action.ACK, BRANCH, TEN_MINUTES_LATER));
        act(action(Action.VERIFY, BRANCH, HALF_AN_HOUR_LATER));
        alert(ended(AN_HOUR_LATER));

        Alert last = alerts().get(alerts().size() - 1);
        assertThat(last.endTs()).isEqualTo(AN_HOUR_LATER);
        assertThat(last.state()).isEqualTo(AlertState.VERIFIED);
        act(action(Action.RESOLVE, BRANCH, TWO_HOURS_LATER));
        assertThat(alerts()).last().extracting(Alert::state, Alert::endTs)
                .containsExactly(AlertState.RESOLVED, AN_HOUR_LATER);
    }

    @Test
    void shouldRefuseAcknowledgingTwiceToTheDeadLetters() throws Exception {
        alert(raised());
        act(action(Action.ACK, BRANCH, TEN_MINUTES_LATER));
        AlertAction twice = action(Action.ACK, BRANCH, HALF_AN_HOUR_LATER);
        act(twice);

        assertThat(alerts()).hasSize(2);
        assertThat(history()).hasSize(1);
        DeadLetter letter = refused().get(0);
        assertThat(letter.topic()).isEqualTo("alerts.actions");
        assertThat(letter.kind()).isEqualTo(DeadLetter.Kind.REFUSED);
        assertThat(letter.reason()).isEqualTo("the alert is already acknowledged");
        assertThat(letter.payload()).isEqualTo(Json.write(twice));
    }

    @Test
    void shouldRefuseAnActionOfAnotherUnitWithoutApplyingIt() throws Exception {
        alert(raised());
        act(action(Action.ACK, OTHER_BRANCH, TEN_MINUTES_LATER));
        act(action(Action.ACK, BRANCH, HALF_AN_HOUR_LATER));

        assertThat(refused()).extracting(DeadLetter::reason).singleElement().asString().startsWith("unit HN02");
        assertThat(alerts()).last().extracting(Alert::state).isEqualTo(AlertState.ACKNOWLEDGED);
    }

    @Test
    void shouldHoldAnActionUntilEventTimePassesIt() throws Exception {
        alert(raised());
        arrives(action(Action.ACK, BRANCH, TEN_MINUTES_LATER));

        assertThat(alerts()).hasSize(1);
        assertThat(history()).isEmpty();
        watermark(TEN_MINUTES_LATER);
        assertThat(history()).hasSize(1);
    }

    @Test
    void shouldApplyAnActionThatArrivesBeforeItsAlert() throws Exception {
        arrives(action(Action.ACK, BRANCH, TEN_MINUTES_LATER));
        alert(raised());
        watermark(TEN_MINUTES_LATER);

        assertThat(alerts()).extracting(Alert::state).containsExactly(null, AlertState.ACKNOWLEDGED);
        assertThat(refused()).isEmpty();
    }

    @Test
    void shouldApplyActionsInEventTimeOrderWhateverTheirArrival() throws Exception {
        alert(raised());
        arrives(action(Action.VERIFY, BRANCH, HALF_AN_HOUR_LATER));
        arrives(action(Action.ACK, BRANCH, TEN_MINUTES_LATER));
        watermark(HALF_AN_HOUR_LATER);

        assertThat(alerts()).last().extracting(Alert::state).isEqualTo(AlertState.VERIFIED);
        assertThat(refused()).isEmpty();
    }

    @Test
    void shouldLetTheGeneralDepartmentOfTheOfficesActButNoOtherDepartment() throws Exception {
        alert(raised());
        act(action(Action.ACK, GENERAL, TEN_MINUTES_LATER));
        act(action(Action.VERIFY, "01", HALF_AN_HOUR_LATER));

        assertThat(alerts()).last().extracting(Alert::state).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(refused()).extracting(DeadLetter::reason).singleElement().asString()
                .isEqualTo("unit 01 may not act on this alert: only its Branch (HP01), its Department (HP) or the "
                        + "General Department (00) may");
    }

    @Test
    void shouldLetTheUnitAskedRecordItsOnSiteResultOnceTheLeaderApproved() throws Exception {
        alert(raised());
        act(action(Action.ACK, BRANCH, TEN_MINUTES_LATER));
        act(action(Action.PROPOSE, BRANCH, HALF_AN_HOUR_LATER));
        act(action(Action.APPROVE, BRANCH, AN_HOUR_LATER));
        act(action(Action.ONSITE_RESULT, ASKED, TWO_HOURS_LATER));

        assertThat(refused()).isEmpty();
        assertThat(alerts()).extracting(Alert::state).containsExactly(null, AlertState.ACKNOWLEDGED,
                AlertState.PROPOSED, AlertState.ESCALATED, AlertState.VERIFIED);
        assertThat(history()).extracting(AlertHistoryEntry::action, AlertHistoryEntry::byUnit,
                AlertHistoryEntry::escalateTo, AlertHistoryEntry::finding).containsExactly(
                tuple(Action.ACK, BRANCH, null, null),
                tuple(Action.PROPOSE, BRANCH, ASKED, null),
                tuple(Action.APPROVE, BRANCH, ASKED, null),
                tuple(Action.ONSITE_RESULT, ASKED, null, AlertAction.Finding.NO_VIOLATION));
    }

    @Test
    void shouldTextTheUnitAskedOnlyOnceTheLeaderApproves() throws Exception {
        alert(raised());
        act(action(Action.ACK, BRANCH, TEN_MINUTES_LATER));
        act(action(Action.PROPOSE, BRANCH, HALF_AN_HOUR_LATER));

        assertThat(escalations()).isEmpty();
        act(action(Action.APPROVE, BRANCH, AN_HOUR_LATER));
        assertThat(escalations()).singleElement().satisfies(escalation -> {
            assertThat(escalation.unitCode()).isEqualTo(ASKED);
            assertThat(escalation.alert().state()).isEqualTo(AlertState.ESCALATED);
        });
    }

    @Test
    void shouldRefuseTheOnSiteResultOfAnOutsideUnitThatWasNotAsked() throws Exception {
        alert(raised());
        act(action(Action.ACK, BRANCH, TEN_MINUTES_LATER));
        act(action(Action.ESCALATE, BRANCH, HALF_AN_HOUR_LATER));
        act(action(Action.ONSITE_RESULT, OTHER_BRANCH, AN_HOUR_LATER));

        assertThat(refused()).extracting(DeadLetter::reason).singleElement().asString()
                .startsWith("unit HN02 may not act on this alert").endsWith("the unit asked to verify on site (HP05) "
                        + "may record its result");
        assertThat(alerts()).last().extracting(Alert::state).isEqualTo(AlertState.ESCALATED);
    }

    @Test
    void shouldForgetTheUnitAskedWithTheAlert() throws Exception {
        alert(raised());
        alert(ended(TEN_MINUTES_LATER));
        act(action(Action.ACK, BRANCH, HALF_AN_HOUR_LATER));
        act(action(Action.PROPOSE, BRANCH, AN_HOUR_LATER));
        act(action(Action.APPROVE, BRANCH, AN_HOUR_LATER.plusSeconds(60)));
        act(action(Action.ONSITE_RESULT, ASKED, TWO_HOURS_LATER));
        assertThat(keyedStateEntries()).isPositive();

        act(action(Action.RESOLVE, BRANCH, TWO_HOURS_LATER.plusSeconds(60)));

        assertThat(alerts()).last().extracting(Alert::state).isEqualTo(AlertState.RESOLVED);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldForgetTheUnitAskedOfAnAlertNothingHappensToForTheRetention() throws Exception {
        alert(raised());
        act(action(Action.ACK, BRANCH, TEN_MINUTES_LATER));
        act(action(Action.ESCALATE, BRANCH, HALF_AN_HOUR_LATER));

        watermark(HALF_AN_HOUR_LATER.plus(RETENTION));

        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldRefuseAnActionOnAnUnknownAlert() throws Exception {
        act(action(Action.RESOLVE, BRANCH, TEN_MINUTES_LATER));

        assertThat(alerts()).isEmpty();
        assertThat(refused()).extracting(DeadLetter::reason).singleElement().asString().startsWith("unknown alert a-1");
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void shouldForgetAnAlertResolvedAfterItsEpisodeEnded() throws Exception {
        alert(raised());
        alert(ended(TEN_MINUTES_LATER));
        handle();

        assertThat(alerts()).last().extracting(Alert::state).isEqualTo(AlertState.RESOLVED);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldKeepAResolvedAlertUntilItsEpisodeEndsThenForgetIt() throws Exception {
        alert(raised());
        handle();
        assertThat(keyedStateEntries()).isPositive();

        alert(ended(TWO_HOURS_LATER));

        assertThat(alerts()).last().extracting(Alert::state, Alert::endTs)
                .containsExactly(AlertState.RESOLVED, TWO_HOURS_LATER);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldForgetAnAlertNothingHappensToForTheRetention() throws Exception {
        alert(raised());
        act(action(Action.ACK, BRANCH, TEN_MINUTES_LATER));

        watermark(TEN_MINUTES_LATER.plus(RETENTION).minusMillis(1));
        assertThat(keyedStateEntries()).isPositive();
        watermark(TEN_MINUTES_LATER.plus(RETENTION));
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        act(action(Action.VERIFY, BRANCH, TEN_MINUTES_LATER.plus(RETENTION).plusSeconds(1)));
        assertThat(refused()).extracting(DeadLetter::reason).singleElement().asString().startsWith("unknown alert");
    }

    // ---- helpers ----

    /** Acknowledged, verified, resolved by the Branch. */
    private void handle() throws Exception {
        act(action(Action.ACK, BRANCH, HALF_AN_HOUR_LATER));
        act(action(Action.VERIFY, BRANCH, AN_HOUR_LATER));
        act(action(Action.RESOLVE, BRANCH, AN_HOUR_LATER.plusSeconds(60)));
    }

    /** The alert, and event time moving on to it: it is passed on once the watermark passes it. */
    private void alert(Alert alert) throws Exception {
        Instant at = alert.endTs() != null ? alert.endTs() : RAISED;
        harness.processElement(AlertActions.Input.of(alert), at.toEpochMilli());
        watermark(at);
    }

    /** The action, and event time moving on to it: it is applied once the watermark passes it. */
    private void act(AlertAction action) throws Exception {
        arrives(action);
        watermark(action.ts());
    }

    private void arrives(AlertAction action) throws Exception {
        harness.processElement(AlertActions.Input.of(action), action.ts().toEpochMilli());
    }

    private void watermark(Instant time) throws Exception {
        harness.watermark(time.toEpochMilli());
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    private List<Alert> alerts() {
        return harness.extractOutputValues();
    }

    private List<AlertHistoryEntry> history() {
        return harness.getSideOutput(AlertActions.HISTORY) == null ? List.of()
                : harness.getSideOutput(AlertActions.HISTORY).stream().map(StreamRecord::getValue).toList();
    }

    private List<Escalation> escalations() {
        return harness.getSideOutput(AlertActions.ESCALATIONS) == null ? List.of()
                : harness.getSideOutput(AlertActions.ESCALATIONS).stream().map(StreamRecord::getValue).toList();
    }

    private List<DeadLetter> refused() {
        return harness.getSideOutput(AlertActions.REFUSED) == null ? List.of()
                : harness.getSideOutput(AlertActions.REFUSED).stream().map(StreamRecord::getValue).toList();
    }
}
