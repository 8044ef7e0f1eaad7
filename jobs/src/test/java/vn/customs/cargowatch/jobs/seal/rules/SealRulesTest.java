package vn.customs.cargowatch.jobs.seal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.seal.Signals.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.seal.Harnesses;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;

/** The rules of a seal share one buffer and one timer service, and none loses its deadline to another. */
class SealRulesTest {

    private final SealSettings settings = SealSettings.defaults();

    @Test
    void shouldKeepEachRulesDeadlineWhenTwoFallAtTheSameInstantAndOneMovesOn() throws Exception {
        var harness = Harnesses.keyed(new SealRules(List.of(new SignalLostRule(settings),
                new NotArrivedRule(settings))));
        // not arrived: due 30 min after an expected end 15 min before the activation; silence: 15 min after it
        TripSignal activation = new TripSignal(TripSignal.Kind.ACTIVATED, IMEI, TRIP, CONTAINER, "03CE", "03PL",
                BEGINNING, LAT, LON, null, null, CORRIDOR, null, null, null, minutes(-15), null);
        Harnesses.feed(harness, activation, fix(minutes(10), 20, 50));
        harness.processWatermark(minutes(16).toEpochMilli());

        assertThat(Harnesses.alerts(harness)).extracting(Alert::type).containsExactly(AlertType.CONTAINER_NOT_ARRIVED);

        harness.processWatermark(minutes(26).toEpochMilli());
        assertThat(Harnesses.alerts(harness)).extracting(Alert::type)
                .containsExactly(AlertType.CONTAINER_NOT_ARRIVED, AlertType.SIGNAL_LOST);
        assertThat(Harnesses.alerts(harness).get(1).detectedAt()).as("the silence moved with the fix")
                .isEqualTo(minutes(25));

        Harnesses.feed(harness, ended(minutes(30)));
        harness.processWatermark(minutes(31).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldArmOneTimerPerTimeoutNotOnePerFix() throws Exception {
        var harness = Harnesses.keyed(new SignalLostRule(settings));
        Harnesses.feed(harness, activated(BEGINNING));
        harness.processWatermark(BEGINNING.toEpochMilli());
        for (double minute = 0.5; minute <= 10; minute += 0.5) {
            Harnesses.feed(harness, fix(minutes(minute), 20, 50));
            harness.processWatermark(minutes(minute).toEpochMilli());
        }

        assertThat(harness.numEventTimeTimers()).as("the first deadline's timer, re-armed when it fires").isOne();
        harness.processWatermark(minutes(26).toEpochMilli());
        assertThat(Harnesses.alerts(harness)).singleElement().extracting(Alert::detectedAt).isEqualTo(minutes(25));
    }
}
