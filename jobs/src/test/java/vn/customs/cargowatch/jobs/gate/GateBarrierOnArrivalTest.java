package vn.customs.cargowatch.jobs.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.customs.cargowatch.jobs.gate.GateFixtures.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.Declaration.Risk;
import vn.customs.cargowatch.model.Declaration.Status;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.GateMatch.Barrier;
import vn.customs.cargowatch.model.GateMatch.Result;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.YardEntry;

/**
 * Live, the barrier of a truck leaving is decided as its recognition arrives, from the declarations known up to
 * its time, and corrected — same eventId, with the reason — when event time decides otherwise; everything else
 * waits for event time as in a replay, and the last record of each eventId is what a replay of the same records
 * decides.
 */
class GateBarrierOnArrivalTest {

    /** {@code events.outOfOrderness}: a recognition older than this when it arrives is no truck at the barrier. */
    private static final Duration BOUND = Duration.ofMinutes(2);

    private GateStages live;
    private GateStages replay;

    @BeforeEach
    void setUp() throws Exception {
        live = new GateStages(GateSettings.defaults(), BOUND);
        replay = new GateStages(GateSettings.defaults(), null);
    }

    @AfterEach
    void tearDown() throws Exception {
        live.close();
        replay.close();
    }

    /** Records in the order they reach the gate, each as it happens (the wall clock no earlier than its time). */
    private void arrive(Object... inputs) throws Exception {
        for (Object input : inputs) {
            live.setProcessingTime(Math.max(live.getProcessingTime(), timeOf(input).toEpochMilli()));
            live.feed(input);
        }
    }

    private static Instant timeOf(Object input) {
        return input instanceof Declaration declaration ? declaration.ts()
                : input instanceof Recognition recognition ? recognition.ts() : ((TripDestination) input).ts();
    }

    private void watermark(Instant at) throws Exception {
        live.processWatermark(at.toEpochMilli());
    }

    private List<GateMatch> matches() {
        return live.matches();
    }

    private static <T> List<T> side(GateStages stages, OutputTag<T> tag) {
        return stages.side(tag);
    }

    /** What a replay decides on the same records, read in event-time order, once event time reaches {@code until}. */
    private List<GateMatch> replayed(Instant until, Object... inputs) throws Exception {
        List<Object> byTime = new ArrayList<>(List.of(inputs));
        byTime.sort(Comparator.comparing(GateBarrierOnArrivalTest::timeOf));
        for (Object input : byTime) {
            replay.feed(input);
        }
        replay.processWatermark(until.toEpochMilli());
        return replay.matches();
    }

    private static Map<String, GateMatch> lastPerEventId(List<GateMatch> matches) {
        Map<String, GateMatch> last = new LinkedHashMap<>();
        matches.forEach(match -> last.put(match.eventId(), match));
        return last;
    }

    @Test
    void shouldOpenTheBarrierAsTheTruckArrivesNotWhenTheWatermarkPassesIt() throws Exception {
        arrive(declaration("D1", Status.CLEARED, Risk.GREEN, minutes(0), CONTAINER),
                truck("out-1", Direction.OUT, minutes(1), CONTAINER, PLATE));

        assertThat(matches()).as("no watermark has passed anything yet").singleElement().satisfies(match -> {
            assertThat(match.result()).isEqualTo(Result.MATCHED);
            assertThat(match.barrier()).isEqualTo(Barrier.OPEN);
            assertThat(match.declarationNo()).as("a declaration still held for the watermark counts").isEqualTo("D1");
            assertThat(match.correction()).isNull();
        });
        assertThat(side(live, GateMatcher.YARD)).as("the yard waits for event time").isEmpty();

        watermark(minutes(5));
        assertThat(matches()).as("event time agrees: nothing more").hasSize(1);
        assertThat(side(live, GateMatcher.ALERTS)).isEmpty();
    }

    @Test
    void shouldHoldATruckLeavingOnARegisteredDeclarationAtOnceWithItsAlertInEventTime() throws Exception {
        arrive(declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(0), CONTAINER),
                truck("out-1", Direction.OUT, minutes(1), CONTAINER, PLATE));
        assertThat(matches()).extracting(GateMatch::result, GateMatch::barrier)
                .containsExactly(tuple(Result.NOT_CLEARED, Barrier.HOLD));
        assertThat(side(live, GateMatcher.ALERTS)).as("UNCLEARED_EXIT keeps its event time").isEmpty();

        watermark(minutes(5));
        assertThat(matches()).hasSize(1);
        assertThat(side(live, GateMatcher.ALERTS)).extracting(Alert::type).containsExactly(AlertType.UNCLEARED_EXIT);
    }

    @Test
    void shouldNotCountADeclarationStampedAfterTheTruckEvenIfItArrivedFirst() throws Exception {
        arrive(declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(0), CONTAINER),
                declaration("D1", Status.CLEARED, Risk.GREEN, minutes(1.5), CONTAINER),
                truck("out-1", Direction.OUT, minutes(1), CONTAINER, PLATE));
        watermark(minutes(5));

        assertThat(matches()).as("as of the truck's time, as event time decides: no correction needed")
                .extracting(GateMatch::result, GateMatch::correction).containsExactly(tuple(Result.NOT_CLEARED, null));
    }

    @Test
    void shouldCorrectAHeldBarrierWhenTheClearanceStampedBeforeTheTruckArrivesAfterIt() throws Exception {
        Object[] records = {
            declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(0), CONTAINER),
            truck("out-1", Direction.OUT, minutes(10), CONTAINER, PLATE),
            declaration("D1", Status.CLEARED, Risk.GREEN, minutes(9), CONTAINER)
        };
        arrive(records);
        assertThat(matches()).extracting(GateMatch::barrier).containsExactly(Barrier.HOLD);

        watermark(minutes(9.5));
        assertThat(matches()).as("not before the watermark passes the truck").hasSize(1);
        watermark(minutes(12));
        assertThat(matches()).hasSize(2);
        GateMatch corrected = matches().get(1);
        assertThat(corrected.eventId()).isEqualTo("out-1");
        assertThat(corrected.result()).isEqualTo(Result.MATCHED);
        assertThat(corrected.barrier()).isEqualTo(Barrier.OPEN);
        assertThat(corrected.correction()).isEqualTo("corrects the decision made on the truck's arrival (NOT_CLEARED,"
                + " barrier HOLD, declaration D1): declaration D1, stamped no later than the truck, reached the gate"
                + " after it");
        assertThat(side(live, GateMatcher.ALERTS)).as("event time never saw an uncleared exit").isEmpty();

        assertThat(corrected.decision()).isEqualTo(lastPerEventId(replayed(minutes(12), records)).get("out-1"));
    }

    @Test
    void shouldCorrectAnOpenedBarrierWhenACancellationStampedBeforeTheTruckArrivesAfterIt() throws Exception {
        arrive(declaration("D1", Status.CLEARED, Risk.GREEN, minutes(0), CONTAINER),
                truck("out-1", Direction.OUT, minutes(10), CONTAINER, PLATE),
                declaration("D1", Status.CANCELLED, Risk.GREEN, minutes(8), CONTAINER));
        watermark(minutes(12));

        assertThat(matches()).extracting(GateMatch::result, GateMatch::barrier).containsExactly(
                tuple(Result.MATCHED, Barrier.OPEN), tuple(Result.NO_DECLARATION, Barrier.HOLD));
        assertThat(matches().get(1).correction()).contains("(MATCHED, barrier OPEN, declaration D1)")
                .contains("declaration D1, stamped no later than the truck, reached the gate after it");
        assertThat(side(live, GateMatcher.ALERTS)).extracting(Alert::type).containsExactly(AlertType.NO_DECLARATION);
    }

    @Test
    void shouldNotCorrectWhenALateDeclarationChangesNothing() throws Exception {
        arrive(declaration("D1", Status.CLEARED, Risk.GREEN, minutes(0), CONTAINER),
                truck("out-1", Direction.OUT, minutes(10), CONTAINER, PLATE),
                declaration("D9", Status.CLEARED, Risk.GREEN, minutes(9), CONTAINER_2));
        watermark(minutes(12));

        assertThat(matches()).singleElement().extracting(GateMatch::result).isEqualTo(Result.MATCHED);
    }

    @Test
    void shouldNotDecideOnADeclarationForgottenByTheTrucksTime() throws Exception {
        Instant retained = minutes(0).plus(GateSettings.defaults().declarationRetention());
        arrive(declaration("D1", Status.CLEARED, Risk.GREEN, minutes(0), CONTAINER),
                truck("out-at", Direction.OUT, retained, CONTAINER, PLATE),
                truck("out-after", Direction.OUT, retained.plusMillis(1), CONTAINER, PLATE));
        assertThat(matches()).extracting(GateMatch::eventId, GateMatch::result).containsExactly(
                tuple("out-at", Result.MATCHED), tuple("out-after", Result.NO_DECLARATION));

        watermark(retained.plusSeconds(60));
        assertThat(matches()).as("event time forgets it exactly then too").hasSize(2);
    }

    @Test
    void shouldLeaveATruckWhoseRecognitionComesLaterThanTheBoundToEventTime() throws Exception {
        arrive(declaration("D1", Status.CLEARED, Risk.GREEN, minutes(0), CONTAINER));
        live.setProcessingTime(minutes(1).plus(BOUND).toEpochMilli());
        live.feed(truck("out-on-time", Direction.OUT, minutes(1), CONTAINER, PLATE));
        live.setProcessingTime(minutes(2).plus(BOUND).plusMillis(1).toEpochMilli());
        live.feed(truck("out-gone", Direction.OUT, minutes(2), CONTAINER, PLATE));
        assertThat(matches()).as("the second truck is gone from the barrier: history, not a live decision")
                .extracting(GateMatch::eventId).containsExactly("out-on-time");

        watermark(minutes(5));
        assertThat(matches()).extracting(GateMatch::eventId, GateMatch::result)
                .containsExactly(tuple("out-on-time", Result.MATCHED), tuple("out-gone", Result.MATCHED));
    }

    @Test
    void shouldLeaveTrucksEnteringToEventTimeAndTheirDeclarationWait() throws Exception {
        arrive(truck("in-1", Direction.IN, minutes(0), CONTAINER, PLATE),
                declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(1.5), CONTAINER));
        assertThat(matches()).isEmpty();

        watermark(minutes(10));
        assertThat(matches()).extracting(GateMatch::result, GateMatch::correction)
                .containsExactly(tuple(Result.MATCHED, null));
    }

    @Test
    void shouldEndWithTheDecisionsOfAReplayOfTheSameRecords() throws Exception {
        Object[] records = {
            declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(0), CONTAINER),
            declaration("D2", Status.CLEARED, Risk.GREEN, minutes(0), CONTAINER_2),
            truck("in-1", Direction.IN, minutes(1), CONTAINER, PLATE),
            twoContainers("out-2", Direction.OUT, minutes(10), CONTAINER, CONTAINER_2),
            truck("out-3", Direction.OUT, minutes(10.5), "CSQU3O54383", PLATE),
            declaration("D1", Status.CLEARED, Risk.RED, minutes(9.5), CONTAINER),
            declaration("D2", Status.CANCELLED, Risk.GREEN, minutes(9.8), CONTAINER_2),
            truck("out-4", Direction.OUT, minutes(11), CONTAINER_2, null)
        };
        arrive(records);
        watermark(minutes(30));

        Map<String, GateMatch> last = lastPerEventId(matches());
        Map<String, GateMatch> decisions = new LinkedHashMap<>();
        last.forEach((eventId, match) -> decisions.put(eventId, match.decision()));
        assertThat(decisions).isEqualTo(lastPerEventId(replayed(minutes(30), records)));
        assertThat(last.values()).filteredOn(match -> match.correction() != null).extracting(GateMatch::eventId)
                .as("both containers of the two-container truck, and the misread one whose declaration turned red")
                .containsExactlyInAnyOrder("out-2", "out-2/2", "out-3");
        assertThat(last.get("out-2").correction()).as("each names what concerns its own container")
                .endsWith("declaration D1, stamped no later than the truck, reached the gate after it");
        assertThat(last.get("out-2/2").correction())
                .endsWith("declaration D2, stamped no later than the truck, reached the gate after it");
        assertThat(side(live, GateMatcher.ALERTS)).extracting(Alert::alertId)
                .isEqualTo(side(replay, GateMatcher.ALERTS).stream().map(Alert::alertId).toList());
        assertThat(side(live, GateMatcher.YARD)).extracting(YardEntry::containerNo, YardEntry::op)
                .isEqualTo(side(replay, GateMatcher.YARD).stream().map(entry -> tuple(entry.containerNo(), entry.op()))
                        .toList());
    }

    @Test
    void shouldKeepNoStateOfItsOwnOnceTheWatermarkHasPassed() throws Exception {
        Object[] records = {
            declaration("D1", Status.REGISTERED, Risk.GREEN, minutes(0), CONTAINER),
            truck("out-1", Direction.OUT, minutes(10), CONTAINER, PLATE),
            declaration("D1", Status.CLEARED, Risk.GREEN, minutes(9), CONTAINER)
        };
        arrive(records);
        replayed(minutes(0).minusMillis(1), records);
        assertThat(live.numKeyedStateEntries())
                .as("the container's decision on arrival, the declarations held, the truck's answer at the barrier")
                .isEqualTo(replay.numKeyedStateEntries() + 3);

        Instant waitOver = minutes(10).plus(GateSettings.defaults().declarationWait()).plusMillis(1);
        watermark(waitOver.minusMillis(1));
        replay.processWatermark(waitOver.minusMillis(1).toEpochMilli());
        assertThat(live.numKeyedStateEntries()).as("the truck's answer stays for a second copy of its record")
                .isEqualTo(replay.numKeyedStateEntries() + 1);
        watermark(waitOver);
        replay.processWatermark(waitOver.toEpochMilli());
        assertThat(live.numKeyedStateEntries()).as("what a replay keeps: declarations, the camera")
                .isEqualTo(replay.numKeyedStateEntries());
        assertThat(live.numEventTimeTimers()).isEqualTo(replay.numEventTimeTimers());
    }
}
