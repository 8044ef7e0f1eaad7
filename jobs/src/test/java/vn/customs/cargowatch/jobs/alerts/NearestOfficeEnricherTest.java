package vn.customs.cargowatch.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.BRANCH;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.DEPARTMENT;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.GENERAL;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.OTHER_BRANCH;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.RAISED;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.TEN_MINUTES_LATER;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.action;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.gateAlert;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.generalDepartment;
import static vn.customs.cargowatch.jobs.alerts.AlertFixtures.raised;

import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction.Action;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.CustomsOffice.Level;

/**
 * The units of a gate alert: those of the Branch whose {@code icdCodes} list its ICD (3740 §I.7, 1572 §I.3.3), so
 * that the ICD's officers may act on it.
 */
class NearestOfficeEnricherTest {

    private static final String ICD = "ICD-GIALAM";

    private KeyedBroadcastOperatorTestHarness<String, Alert, CustomsOffice, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new NearestOfficeEnricher(),
                Alert::alertId, Types.STRING, NearestOfficeEnricher.OFFICES);
        harness.processBroadcastElement(generalDepartment(), 0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldGiveAGateAlertTheBranchOfItsIcdAndThatBranchsDepartment() throws Exception {
        harness.processBroadcastElement(branch(BRANCH, ICD), 0);

        Alert named = release(gateAlert(ICD));

        assertThat(named.branchCode()).isEqualTo(BRANCH);
        assertThat(named.departmentCode()).isEqualTo(DEPARTMENT);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldLetTheIcdsBranchActOnItsGateAlert() throws Exception {
        harness.processBroadcastElement(branch(BRANCH, ICD), 0);
        var ack = action(Action.ACK, BRANCH, TEN_MINUTES_LATER);

        assertThat(AlertLifecycle.apply(gateAlert(ICD), null, null, ack, Set.of(GENERAL)).accepted())
                .as("as the gate rules raise it").isFalse();
        assertThat(AlertLifecycle.apply(release(gateAlert(ICD)), null, null, ack, Set.of(GENERAL)).state())
                .isEqualTo(AlertState.ACKNOWLEDGED);
    }

    @Test
    void shouldLeaveAGateAlertWhoseIcdNoBranchListsWithoutUnits() throws Exception {
        harness.processBroadcastElement(branch(BRANCH, "ICD-MYDINH"), 0);

        Alert named = release(gateAlert(ICD));

        assertThat(named.branchCode()).isNull();
        assertThat(named.departmentCode()).isNull();
    }

    @Test
    void shouldNameTheLowestUnitCodeWhenTwoBranchesListTheIcdWhateverTheirOrder() throws Exception {
        harness.processBroadcastElement(branch(OTHER_BRANCH, ICD), 0);
        harness.processBroadcastElement(branch(BRANCH, ICD), 0);

        assertThat(release(gateAlert(ICD)).branchCode()).isEqualTo(OTHER_BRANCH);
    }

    @Test
    void shouldReadTheIcdCodesOfBranchesOnly() throws Exception {
        harness.processBroadcastElement(new CustomsOffice(DEPARTMENT, "Cục Hải quan TP Hải Phòng", Level.DEPARTMENT,
                GENERAL, 20.86, 106.68, null, List.of(ICD)), 0);

        assertThat(release(gateAlert(ICD)).branchCode()).isNull();
    }

    @Test
    void shouldKeepTheBranchOfAnAlertThatHasOne() throws Exception {
        harness.processBroadcastElement(branch(OTHER_BRANCH, ICD), 0);
        Alert tripAlert = raised().withDetails(gateAlert(ICD).details());

        Alert named = release(tripAlert);

        assertThat(named.branchCode()).isEqualTo(BRANCH);
        assertThat(named.departmentCode()).isEqualTo(DEPARTMENT);
    }

    private static CustomsOffice branch(String unitCode, String icdCode) {
        return new CustomsOffice(unitCode, "Chi cục " + unitCode, Level.BRANCH, DEPARTMENT, 20.86, 106.68, null,
                List.of(icdCode));
    }

    /** {@code alert} through the enricher, once the watermark reaches the time it was raised. */
    private Alert release(Alert alert) throws Exception {
        harness.processElement(alert, RAISED.toEpochMilli());
        harness.watermark(RAISED.toEpochMilli());
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
