package vn.customs.cargowatch.jobs.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.customs.cargowatch.jobs.gate.GateFixtures.*;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.GateMatch.Barrier;
import vn.customs.cargowatch.model.GateMatch.Result;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;

/** A truck's containers, decided apart, joined into its matches and one barrier (1572 §II.3.2.d). */
class TruckBarrierTest {

    private static final long WAIT = GateSettings.defaults().declarationWait().toMillis();

    private KeyedOneInputStreamOperatorTestHarness<String, ContainerDecision, GateMatch> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TruckBarrier(GateSettings.defaults())),
                ContainerDecision::truckEventId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static final Recognition TWO = twoContainers("out-1", Direction.OUT, minutes(10), CONTAINER, CONTAINER_2);

    private static ContainerDecision decided(Recognition truck, int part, Result result, boolean onArrival,
            List<String> late) {
        GateRules.ContainerRead container = GateRules.containers(truck).get(part - 1);
        GateMatch match = new GateMatch(container.eventId(), ICD, GATE, truck.direction(), truck.ts(),
                container.containerNo(), null, truck.plate(), result, null, null, List.of(result.name()));
        return onArrival ? ContainerDecision.onArrival(container, match)
                : ContainerDecision.inEventTime(container, match, late);
    }

    private void feed(ContainerDecision... decisions) throws Exception {
        for (ContainerDecision decision : decisions) {
            harness.processElement(decision, decision.match().ts().toEpochMilli());
        }
    }

    @Test
    void shouldOpenForATwoContainerTruckOnlyWhenBothContainersMayLeave() throws Exception {
        feed(decided(TWO, 1, Result.MATCHED, false, List.of()));
        assertThat(harness.extractOutputValues()).as("waits for the other container").isEmpty();

        feed(decided(TWO, 2, Result.NOT_CLEARED, false, List.of()));
        assertThat(harness.extractOutputValues()).extracting(GateMatch::eventId, GateMatch::result, GateMatch::barrier)
                .containsExactly(tuple("out-1", Result.MATCHED, Barrier.HOLD),
                        tuple("out-1/2", Result.NOT_CLEARED, Barrier.HOLD));

        harness.processWatermark(minutes(10).toEpochMilli() + WAIT);
        assertThat(harness.numKeyedStateEntries()).as("kept for a second copy until the wait is over").isEqualTo(1);
        harness.processWatermark(minutes(10).toEpochMilli() + WAIT + 1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldPassAOneContainerTruckStraightThroughKeepingNothing() throws Exception {
        feed(decided(truck("in-1", Direction.IN, minutes(1), CONTAINER, PLATE), 1, Result.PLATE_MISMATCH, false,
                List.of()));

        assertThat(harness.extractOutputValues()).extracting(GateMatch::barrier).containsExactly(Barrier.HOLD);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldJoinTheNewestDecisionOfEachContainerWhenOneComesTwice() throws Exception {
        feed(decided(TWO, 1, Result.MATCHED, false, List.of()), decided(TWO, 1, Result.MATCHED, false, List.of()));
        assertThat(harness.extractOutputValues()).as("a second copy of one container completes nothing").isEmpty();

        feed(decided(TWO, 2, Result.MATCHED, false, List.of()));
        assertThat(harness.extractOutputValues()).extracting(GateMatch::barrier)
                .containsExactly(Barrier.OPEN, Barrier.OPEN);
    }

    @Test
    void shouldCorrectBothMatchesWhenEventTimeHoldsOneContainerThatOpenedOnArrival() throws Exception {
        feed(decided(TWO, 1, Result.MATCHED, true, List.of()), decided(TWO, 2, Result.MATCHED, true, List.of()));
        assertThat(harness.extractOutputValues()).extracting(GateMatch::barrier)
                .containsExactly(Barrier.OPEN, Barrier.OPEN);

        feed(decided(TWO, 1, Result.MATCHED, false, List.of()),
                decided(TWO, 2, Result.NOT_CLEARED, false, List.of("D2")));
        List<GateMatch> corrections = harness.extractOutputValues().subList(2, 4);
        assertThat(corrections).extracting(GateMatch::eventId, GateMatch::barrier)
                .containsExactly(tuple("out-1", Barrier.HOLD), tuple("out-1/2", Barrier.HOLD));
        assertThat(corrections.get(0).correction()).as("the other container's decision changed its barrier")
                .isEqualTo("corrects the decision made on the truck's arrival (MATCHED, barrier OPEN): event time,"
                        + " with every record stamped no later than the truck, decides otherwise");
        assertThat(corrections.get(1).correction()).endsWith(
                "declaration D2, stamped no later than the truck, reached the gate after it");
    }

    @Test
    void shouldWriteNothingAgainWhenEventTimeAgreesWithTheArrival() throws Exception {
        feed(decided(TWO, 1, Result.MATCHED, true, List.of()), decided(TWO, 2, Result.MATCHED, true, List.of()),
                decided(TWO, 1, Result.MATCHED, false, List.of()), decided(TWO, 2, Result.MATCHED, false, List.of()));

        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void shouldSendATruckMissingAContainerToDeadLettersWhenItsWaitIsOver() throws Exception {
        feed(decided(TWO, 1, Result.MATCHED, false, List.of()));
        harness.processWatermark(minutes(10).toEpochMilli() + WAIT + 1);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(InternalErrors.DEAD_LETTERS)).extracting(StreamRecord::getValue)
                .singleElement().satisfies(letter -> {
                    assertThat(letter.kind()).isEqualTo(DeadLetter.Kind.INTERNAL);
                    assertThat(letter.payload()).contains("out-1");
                });
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
