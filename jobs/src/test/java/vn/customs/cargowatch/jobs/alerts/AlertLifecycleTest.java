package vn.customs.cargowatch.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.ALERT_ID;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.ASKED;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.BRANCH;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.DEPARTMENT;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.GENERAL;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.OTHER_BRANCH;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.RAISED;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.action;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.raised;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;

/**
 * The handling of an alert (3740 §II.4): every state × action pair, who may act (3740 §I.7), and the unit asked to
 * verify on site, which may record its result (§II.4.2).
 */
class AlertLifecycleTest {

    /** The valid transitions; every other state × action pair is refused. */
    private static final Map<AlertState, Map<Action, AlertState>> VALID = Map.of(
            AlertState.OPEN, Map.of(Action.ACK, AlertState.ACKNOWLEDGED),
            AlertState.ACKNOWLEDGED, Map.of(Action.VERIFY, AlertState.VERIFIED, Action.ESCALATE, AlertState.ESCALATED,
                    Action.PROPOSE, AlertState.PROPOSED),
            AlertState.VERIFIED, Map.of(Action.ESCALATE, AlertState.ESCALATED, Action.RESOLVE, AlertState.RESOLVED,
                    Action.PROPOSE, AlertState.PROPOSED),
            AlertState.PROPOSED, Map.of(Action.APPROVE, AlertState.ESCALATED, Action.PROPOSE, AlertState.PROPOSED,
                    Action.VERIFY, AlertState.VERIFIED, Action.ESCALATE, AlertState.ESCALATED),
            AlertState.ESCALATED, Map.of(Action.VERIFY, AlertState.VERIFIED, Action.RESOLVE, AlertState.RESOLVED,
                    Action.ONSITE_RESULT, AlertState.VERIFIED));

    static Stream<Arguments> validTransitions() {
        List<Arguments> pairs = new ArrayList<>();
        VALID.forEach((from, actions) -> actions.forEach((action, to) -> pairs.add(Arguments.of(from, action, to))));
        return pairs.stream();
    }

    static Stream<Arguments> invalidTransitions() {
        List<Arguments> pairs = new ArrayList<>();
        for (AlertState from : AlertState.values()) {
            for (Action action : Action.values()) {
                if (!VALID.getOrDefault(from, Map.of()).containsKey(action)) {
                    pairs.add(Arguments.of(from, action));
                }
            }
        }
        return pairs.stream();
    }

    @Test
    void shouldCoverEveryPairOnce() {
        assertThat(validTransitions().count() + invalidTransitions().count())
                .isEqualTo((long) AlertState.values().length * Action.values().length);
        assertThat(validTransitions().count()).isEqualTo(14);
    }

    @ParameterizedTest(name = "{0} -{1}-> {2}")
    @MethodSource("validTransitions")
    void shouldApplyValidTransition(AlertState from, Action action, AlertState to) {
        AlertLifecycle.Result result = AlertLifecycle.apply(raised(), from, ASKED, action(action, BRANCH, RAISED),
                Set.of(GENERAL));

        assertThat(result.accepted()).isTrue();
        assertThat(result.state()).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} -{1}-> refused")
    @MethodSource("invalidTransitions")
    void shouldRefuseInvalidTransition(AlertState from, Action action) {
        AlertLifecycle.Result result = AlertLifecycle.apply(raised(), from, ASKED, action(action, BRANCH, RAISED),
                Set.of(GENERAL));

        assertThat(result.accepted()).isFalse();
        assertThat(result.state()).isNull();
        assertThat(result.refusal()).isNotBlank();
    }

    @Test
    void shouldTreatAnAlertWithoutStateAsOpen() {
        assertThat(AlertLifecycle.apply(raised(), null, null, action(Action.ACK, BRANCH, RAISED),
                Set.of(GENERAL)).state()).isEqualTo(AlertState.ACKNOWLEDGED);
    }

    @Test
    void shouldRefuseAcknowledgingTwiceSayingSo() {
        var result = AlertLifecycle.apply(raised(), AlertState.ACKNOWLEDGED, null, action(Action.ACK, BRANCH, RAISED),
                Set.of(GENERAL));

        assertThat(result.refusal()).isEqualTo("the alert is already acknowledged");
    }

    @Test
    void shouldRefuseResolvingBeforeAVerificationIsRecorded() {
        var result = AlertLifecycle.apply(raised(), AlertState.ACKNOWLEDGED, null,
                action(Action.RESOLVE, BRANCH, RAISED), Set.of(GENERAL));

        assertThat(result.refusal()).contains("before a verification is recorded");
    }

    @Test
    void shouldRefuseAnyActionOnAResolvedAlert() {
        for (Action action : Action.values()) {
            assertThat(AlertLifecycle.apply(raised(), AlertState.RESOLVED, null, action(action, BRANCH, RAISED),
                    Set.of(GENERAL))
                    .refusal()).contains("already resolved");
        }
    }

    @Test
    void shouldRefuseAnUnknownAlert() {
        var result = AlertLifecycle.apply(null, null, null, action(Action.RESOLVE, BRANCH, RAISED), Set.of(GENERAL));

        assertThat(result.accepted()).isFalse();
        assertThat(result.refusal()).startsWith("unknown alert a-1");
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void shouldRefuseAUnitThatIsNeitherBranchNorDepartmentNorGeneralDepartment(Action action) {
        var result = AlertLifecycle.apply(raised(), AlertState.ACKNOWLEDGED, null, action(action, OTHER_BRANCH, RAISED),
                Set.of(GENERAL));

        assertThat(result.accepted()).isFalse();
        assertThat(result.refusal()).isEqualTo("unit HN02 may not act on this alert: only its Branch (HP01), "
                + "its Department (HP) or the General Department (00) may");
    }

    @Test
    void shouldLetTheUnitAskedRecordItsOnSiteResult() {
        var result = AlertLifecycle.apply(raised(), AlertState.ESCALATED, ASKED, action(Action.ONSITE_RESULT, ASKED,
                RAISED), Set.of(GENERAL));

        assertThat(result.state()).isEqualTo(AlertState.VERIFIED);
        assertThat(result.unitAsked()).isEqualTo(ASKED);
    }

    @Test
    void shouldLetTheBranchRecordTheOnSiteResultItWasTold() {
        assertThat(AlertLifecycle.apply(raised(), AlertState.ESCALATED, ASKED, action(Action.ONSITE_RESULT, BRANCH,
                RAISED), Set.of(GENERAL)).state()).isEqualTo(AlertState.VERIFIED);
    }

    @ParameterizedTest
    @EnumSource(value = Action.class, names = "ONSITE_RESULT", mode = EnumSource.Mode.EXCLUDE)
    void shouldLetTheUnitAskedRecordNothingButItsResult(Action action) {
        var result = AlertLifecycle.apply(raised(), AlertState.ESCALATED, ASKED, action(action, ASKED, RAISED),
                Set.of(GENERAL));

        assertThat(result.refusal()).startsWith("unit HP05 may not act on this alert");
    }

    @Test
    void shouldRefuseTheOnSiteResultOfAUnitNotAsked() {
        var result = AlertLifecycle.apply(raised(), AlertState.ESCALATED, ASKED, action(Action.ONSITE_RESULT,
                OTHER_BRANCH, RAISED), Set.of(GENERAL));

        assertThat(result.refusal()).isEqualTo("unit HN02 may not act on this alert: only its Branch (HP01), "
                + "its Department (HP) or the General Department (00) may, and the unit asked to verify on site "
                + "(HP05) may record its result");
    }

    @Test
    void shouldRefuseTheProposedUnitsResultUntilTheLeaderApproves() {
        var result = AlertLifecycle.apply(raised(), AlertState.PROPOSED, ASKED, action(Action.ONSITE_RESULT, ASKED,
                RAISED), Set.of(GENERAL));

        assertThat(result.refusal())
                .isEqualTo("the escalation to HP05 is not approved yet: the Branch leader approves it first");
    }

    @Test
    void shouldRefuseAnOnSiteResultOnceTheAlertIsNoLongerEscalated() {
        var result = AlertLifecycle.apply(raised(), AlertState.VERIFIED, ASKED, action(Action.ONSITE_RESULT, ASKED,
                RAISED), Set.of(GENERAL));

        assertThat(result.refusal()).isEqualTo("an on-site result is recorded on an escalated alert; this one is "
                + "VERIFIED");
    }

    @Test
    void shouldNameTheUnitOfTheProposal() {
        var result = AlertLifecycle.apply(raised(), AlertState.ACKNOWLEDGED, null, action(Action.PROPOSE, BRANCH,
                RAISED), Set.of(GENERAL));

        assertThat(result.state()).isEqualTo(AlertState.PROPOSED);
        assertThat(result.unitAsked()).isEqualTo(ASKED);
    }

    @Test
    void shouldEscalateToTheProposedUnitOnTheLeadersApproval() {
        var result = AlertLifecycle.apply(raised(), AlertState.PROPOSED, ASKED, action(Action.APPROVE, BRANCH,
                RAISED), Set.of(GENERAL));

        assertThat(result.state()).isEqualTo(AlertState.ESCALATED);
        assertThat(result.unitAsked()).isEqualTo(ASKED);
    }

    @Test
    void shouldRefuseAnApprovalNamingAnotherUnitThanTheProposal() {
        var result = AlertLifecycle.apply(raised(), AlertState.PROPOSED, ASKED, new AlertAction(ALERT_ID,
                Action.APPROVE, "leader HP01", BRANCH, RAISED, null, OTHER_BRANCH), Set.of(GENERAL));

        assertThat(result.refusal()).isEqualTo("the proposal asks HP05, not HN02: approve it as proposed, or "
                + "propose HN02 instead");
    }

    @Test
    void shouldReplaceAPendingProposalWithASecondOne() {
        var result = AlertLifecycle.apply(raised(), AlertState.PROPOSED, ASKED, new AlertAction(ALERT_ID,
                Action.PROPOSE, "officer HP01", BRANCH, RAISED, "nearer", "HP07"), Set.of(GENERAL));

        assertThat(result.state()).isEqualTo(AlertState.PROPOSED);
        assertThat(result.unitAsked()).isEqualTo("HP07");
    }

    @Test
    void shouldRefuseApprovingWhenNoProposalIsPending() {
        assertThat(AlertLifecycle.apply(raised(), AlertState.VERIFIED, null, action(Action.APPROVE, BRANCH, RAISED),
                Set.of(GENERAL)).refusal()).isEqualTo("no escalation proposal is pending: an officer proposes first");
        assertThat(AlertLifecycle.apply(raised(), AlertState.ESCALATED, ASKED, action(Action.APPROVE, BRANCH,
                RAISED), Set.of(GENERAL)).refusal()).isEqualTo("the alert is already escalated");
    }

    @Test
    void shouldRefuseResolvingWhileAProposalWaitsForTheLeader() {
        var result = AlertLifecycle.apply(raised(), AlertState.PROPOSED, ASKED, action(Action.RESOLVE, BRANCH,
                RAISED), Set.of(GENERAL));

        assertThat(result.refusal()).isEqualTo("the alert cannot be resolved while an escalation proposal waits for "
                + "the Branch leader: approve it, or record a verification");
    }

    @Test
    void shouldTakeTheUnitAskedFromTheLatestProposalOrEscalationOfTheHistory() {
        List<AlertHistoryEntry> history = List.of(
                entry(Action.ACK, null), entry(Action.PROPOSE, "HP07"), entry(Action.APPROVE, "HP07"),
                entry(Action.VERIFY, null), entry(Action.ESCALATE, ASKED), entry(Action.ACK, "stray"));

        assertThat(AlertLifecycle.unitAsked(history)).isEqualTo(ASKED);
        assertThat(AlertLifecycle.unitAsked(List.of(entry(Action.ACK, null)))).isNull();
    }

    private static AlertHistoryEntry entry(Action action, String escalateTo) {
        return new AlertHistoryEntry(ALERT_ID, action, "officer", BRANCH, RAISED, null, escalateTo, null, null);
    }

    @Test
    void shouldLetTheDepartmentAct() {
        assertThat(AlertLifecycle.apply(raised(), AlertState.OPEN, null, action(Action.ACK, DEPARTMENT, RAISED),
                Set.of(GENERAL))
                .state()).isEqualTo(AlertState.ACKNOWLEDGED);
    }

    @Test
    void shouldLetTheGeneralDepartmentAct() {
        assertThat(AlertLifecycle.apply(raised(), AlertState.ACKNOWLEDGED, null,
                action(Action.ESCALATE, GENERAL, RAISED), Set.of(GENERAL)).state()).isEqualTo(AlertState.ESCALATED);
    }

    @Test
    void shouldNotLetAUnitActAsGeneralDepartmentWhenItIsNotOne() {
        assertThat(AlertLifecycle.apply(raised(), AlertState.OPEN, null, action(Action.ACK, GENERAL, RAISED), Set.of())
                .accepted()).isFalse();
        assertThat(AlertLifecycle.apply(raised(), AlertState.OPEN, null, action(Action.ACK, "TCHQ", RAISED),
                Set.of(GENERAL)).accepted()).isFalse();
    }
}
