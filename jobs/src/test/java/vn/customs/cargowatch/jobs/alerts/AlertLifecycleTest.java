package vn.customs.cargowatch.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
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
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertState;

/** The handling of an alert (3740 §II.4): every state × action pair, and who may act (3740 §I.7). */
class AlertLifecycleTest {

    /** The valid transitions; every other state × action pair is refused. */
    private static final Map<AlertState, Map<Action, AlertState>> VALID = Map.of(
            AlertState.OPEN, Map.of(Action.ACK, AlertState.ACKNOWLEDGED),
            AlertState.ACKNOWLEDGED, Map.of(Action.VERIFY, AlertState.VERIFIED, Action.ESCALATE, AlertState.ESCALATED),
            AlertState.VERIFIED, Map.of(Action.ESCALATE, AlertState.ESCALATED, Action.RESOLVE, AlertState.RESOLVED),
            AlertState.ESCALATED, Map.of(Action.VERIFY, AlertState.VERIFIED, Action.RESOLVE, AlertState.RESOLVED));

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
        assertThat(validTransitions().count()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0} -{1}-> {2}")
    @MethodSource("validTransitions")
    void shouldApplyValidTransition(AlertState from, Action action, AlertState to) {
        AlertLifecycle.Result result = AlertLifecycle.apply(raised(), from, action(action, BRANCH, RAISED), Set.of(GENERAL));

        assertThat(result.accepted()).isTrue();
        assertThat(result.state()).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} -{1}-> refused")
    @MethodSource("invalidTransitions")
    void shouldRefuseInvalidTransition(AlertState from, Action action) {
        AlertLifecycle.Result result = AlertLifecycle.apply(raised(), from, action(action, BRANCH, RAISED), Set.of(GENERAL));

        assertThat(result.accepted()).isFalse();
        assertThat(result.state()).isNull();
        assertThat(result.refusal()).isNotBlank();
    }

    @Test
    void shouldTreatAnAlertWithoutStateAsOpen() {
        assertThat(AlertLifecycle.apply(raised(), null, action(Action.ACK, BRANCH, RAISED), Set.of(GENERAL)).state())
                .isEqualTo(AlertState.ACKNOWLEDGED);
    }

    @Test
    void shouldRefuseAcknowledgingTwiceSayingSo() {
        var result = AlertLifecycle.apply(raised(), AlertState.ACKNOWLEDGED, action(Action.ACK, BRANCH, RAISED), Set.of(GENERAL));

        assertThat(result.refusal()).isEqualTo("the alert is already acknowledged");
    }

    @Test
    void shouldRefuseResolvingBeforeAVerificationIsRecorded() {
        var result = AlertLifecycle.apply(raised(), AlertState.ACKNOWLEDGED, action(Action.RESOLVE, BRANCH, RAISED),
                Set.of(GENERAL));

        assertThat(result.refusal()).contains("before a verification is recorded");
    }

    @Test
    void shouldRefuseAnyActionOnAResolvedAlert() {
        for (Action action : Action.values()) {
            assertThat(AlertLifecycle.apply(raised(), AlertState.RESOLVED, action(action, BRANCH, RAISED), Set.of(GENERAL))
                    .refusal()).contains("already resolved");
        }
    }

    @Test
    void shouldRefuseAnUnknownAlert() {
        var result = AlertLifecycle.apply(null, null, action(Action.RESOLVE, BRANCH, RAISED), Set.of(GENERAL));

        assertThat(result.accepted()).isFalse();
        assertThat(result.refusal()).startsWith("unknown alert a-1");
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void shouldRefuseAUnitThatIsNeitherBranchNorDepartmentNorGeneralDepartment(Action action) {
        var result = AlertLifecycle.apply(raised(), AlertState.ACKNOWLEDGED, action(action, OTHER_BRANCH, RAISED),
                Set.of(GENERAL));

        assertThat(result.accepted()).isFalse();
        assertThat(result.refusal()).isEqualTo("unit HN02 may not act on this alert: only its Branch (HP01), "
                + "its Department (HP) or the General Department (00) may");
    }

    @Test
    void shouldLetTheDepartmentAct() {
        assertThat(AlertLifecycle.apply(raised(), AlertState.OPEN, action(Action.ACK, DEPARTMENT, RAISED), Set.of(GENERAL))
                .state()).isEqualTo(AlertState.ACKNOWLEDGED);
    }

    @Test
    void shouldLetTheGeneralDepartmentAct() {
        assertThat(AlertLifecycle.apply(raised(), AlertState.ACKNOWLEDGED, action(Action.ESCALATE, GENERAL, RAISED),
                Set.of(GENERAL)).state()).isEqualTo(AlertState.ESCALATED);
    }

    @Test
    void shouldNotLetAUnitActAsGeneralDepartmentWhenItIsNotOne() {
        assertThat(AlertLifecycle.apply(raised(), AlertState.OPEN, action(Action.ACK, GENERAL, RAISED), Set.of())
                .accepted()).isFalse();
        assertThat(AlertLifecycle.apply(raised(), AlertState.OPEN, action(Action.ACK, "TCHQ", RAISED),
                Set.of(GENERAL)).accepted()).isFalse();
    }
}
