package vn.customs.cargowatch.jobs.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.cargowatch.jobs.gate.GateFixtures.*;

import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;

/** CAMERA_SILENT per camera (1572 §II.1.8), in event time, and what it keeps. */
class CameraSilenceRuleTest {

    private static final long SILENCE = GateSettings.defaults().cameraSilence().toMillis();

    private KeyedOneInputStreamOperatorTestHarness<String, Recognition, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CameraSilenceRule(GateSettings.defaults())), CameraSilenceRule::keyOf,
                Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void feed(Recognition recognition) throws Exception {
        harness.processElement(recognition, recognition.ts().toEpochMilli());
    }

    @Test
    void shouldTakeARecognitionExactlyAtTheDeadlineForACameraStillSending() throws Exception {
        feed(truck("in-1", Direction.IN, minutes(0), CONTAINER, PLATE));
        feed(truck("in-2", Direction.IN, minutes(0).plusMillis(SILENCE), CONTAINER_2, PLATE));
        harness.processWatermark(minutes(0).plusMillis(SILENCE).toEpochMilli());

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void shouldRaiseOneMillisecondLaterWhateverOrderTheRecognitionsCameIn() throws Exception {
        Instant late = minutes(0).plusMillis(SILENCE + 1);
        feed(truck("in-2", Direction.IN, late, CONTAINER_2, PLATE));
        feed(truck("in-1", Direction.IN, minutes(0), CONTAINER, PLATE));
        harness.processWatermark(late.toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Alert::startTs, Alert::endTs)
                .containsExactly(org.assertj.core.api.Assertions.tuple(minutes(0), null),
                        org.assertj.core.api.Assertions.tuple(minutes(0), late));
    }

    @Test
    void shouldKeepOneWatchPerCameraAndNoTimerOnceSilent() throws Exception {
        feed(truck("in-1", Direction.IN, minutes(0), CONTAINER, PLATE));
        harness.processWatermark(minutes(0).plusMillis(SILENCE).toEpochMilli());

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).as("the camera's watch, bounded by the ICDs' cameras").isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
