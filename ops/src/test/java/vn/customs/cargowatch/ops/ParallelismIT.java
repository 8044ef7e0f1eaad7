package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.soak.FinalRecords;

/**
 * The same input gives the same final records at parallelism 1 and 4: {@code ./cargowatch soak} on the demo day and on
 * its disordered copy (records swapped, sent twice, late, broken, and the supervisors' actions), once each. The soak
 * script runs more (parallelism 2, {@code --repeat 20}).
 */
class ParallelismIT {

    @TempDir
    Path work;

    @Test
    void shouldGiveTheSameFinalRecordsAtParallelism4AsAt1() throws Exception {
        int exit = Cargowatch.run("soak", "--parallelism", "4", "--repeat", "1", "--work", work.toString());

        assertThat(exit).as("soak's exit code (its differences are printed above)").isZero();
        // the comparison is worth something only if every kind of output has records to compare
        FinalRecords demo = FinalRecords.of(work.resolve("demo-day-p1-run0/out"));
        FinalRecords disordered = FinalRecords.of(work.resolve("disordered-day-p1-run0/out"));
        assertThat(demo.counts()).allSatisfy((output, count) -> {
            if (!output.equals("alerts.history.jsonl") && !output.equals("deadletter.jsonl")) {
                assertThat(count).as(output).isPositive();
            }
        });
        assertThat(disordered.counts().get("alerts.history.jsonl")).isPositive();
        assertThat(disordered.counts().get("deadletter.jsonl")).isPositive();
        assertThat(FinalRecords.of(work.resolve("disordered-day-p4-run1/out")).differencesFrom(disordered, 3))
                .isEmpty();
        assertThat(work.resolve("disordered-day").resolve(Topic.ALERTS_ACTIONS.fileName())).isNotEmptyFile();
    }
}
