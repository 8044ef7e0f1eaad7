package vn.customs.cargowatch.ops.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.ops.desk.DeskFolders.HAIPHONG_ALERT;
import static vn.customs.cargowatch.ops.desk.DeskFolders.HANOI_ALERT;
import static vn.customs.cargowatch.ops.desk.DeskFolders.START;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.alerts.AlertFiles;
import vn.customs.cargowatch.ops.alerts.AlertStore;

/**
 * The alert list as production reads it: open alerts by unit partition ({@code open_alerts_by_unit}: an alert under
 * its Branch, its Department and, a gate alert, its ICD), emulated over the replay's folders without Cassandra.
 */
class AlertViewsTest {

    /** A gate alert of an ICD no Branch lists: no Branch, no Department, only its ICD's partition. */
    private static final String UNLISTED_ICD_ALERT = "5f0c2a1e-0000-3000-8000-000000000003";
    private static final String UNLISTED_ICD = "ICDTIENSON";

    @TempDir
    Path work;

    private DeskFolders folders;
    private AlertViews views;
    private Rights rights;

    @BeforeEach
    void partitionedStore() throws Exception {
        folders = new DeskFolders(work);
        Alert gate = new Alert(UNLISTED_ICD_ALERT, AlertType.UNCLEARED_EXIT, AlertType.UNCLEARED_EXIT.severity(),
                null, null, "MSKU1234565", START, START, null, null, null, null, null, null,
                AlertDetails.builder().icdCode(UNLISTED_ICD).gateId("G1").build(), null);
        DeskFolders.write(folders.output.resolve(Topic.ALERTS.fileName()), List.of(DeskFolders.hanoi(null),
                DeskFolders.haiphong(), gate));
        AlertStore files = new AlertFiles(folders.input, folders.output);
        views = new AlertViews(byUnitPartition(files, List.of(UNLISTED_ICD)), null);
        rights = new Rights(files.offices());
    }

    @Test
    void shouldListTheGeneralDepartmentTheGateAlertsOfAnIcdNoBranchLists() {
        assertThat(alertIds("TCHQ")).containsExactlyInAnyOrder(HANOI_ALERT, HAIPHONG_ALERT, UNLISTED_ICD_ALERT);
    }

    @Test
    void shouldNotListThemToADepartmentOrABranch() {
        assertThat(alertIds("CHQ-HN")).containsExactly(HANOI_ALERT);
        assertThat(alertIds("HP-KV3")).containsExactly(HAIPHONG_ALERT);
    }

    private List<String> alertIds(String unit) {
        DeskUser user = new DeskUser("x", unit, DeskUser.Role.OFFICER, "hash", false, START);
        return views.visible(user, rights, null, null).stream().map(Alert::alertId).toList();
    }

    /**
     * {@code files} whose open alerts are read per unit as from {@code open_alerts_by_unit}, and whose ICDs are
     * {@code icds} as in {@code units_by_level}.
     */
    private static AlertStore byUnitPartition(AlertStore files, List<String> icds) {
        return (AlertStore) Proxy.newProxyInstance(AlertStore.class.getClassLoader(), new Class<?>[] {AlertStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "icds" -> icds;
                    case "openAlerts" -> files.openAlerts(List.of()).stream()
                            .filter(alert -> listedUnder(alert, (Collection<?>) args[0])).toList();
                    default -> {
                        try {
                            yield method.invoke(files, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    private static boolean listedUnder(Alert alert, Collection<?> units) {
        return units.contains(alert.branchCode()) || units.contains(alert.departmentCode())
                || (alert.details() != null && units.contains(alert.details().icdCode()));
    }
}
