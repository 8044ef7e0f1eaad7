package vn.customs.cargowatch.jobs.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.CameraSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;

/** CAMERA_DEGRADED per camera (1572 §I.4.1, §II.1.8): runs of failing images in event time, and what it keeps. */
class CameraHealthRuleTest {

    private static final CameraSettings SETTINGS = CameraSettings.defaults();
    private static final int K = SETTINGS.degradedAfter();
    private static final String ICD = "ICD-GIALAM";
    private static final String GATE = "ICD-GIALAM-G1";
    private static final String CAMERA = "ICD-GIALAM-G1-CAM1";
    private static final Instant BEGINNING = Instant.parse("2026-11-22T01:00:00Z");

    /** A good image of whatever truck is at the gate: each minute's picture has a hash of its own. */
    private static final ImageMeasures GOOD = new ImageMeasures(105, 48, 2300, 0);
    private static final ImageMeasures BLACK = new ImageMeasures(6.04, 1.2, 3.1, 0x0F0F_0000_FFFF_0001L);
    private static final ImageMeasures BLURRED = new ImageMeasures(103, 40, 6.5, 0x7777_0000_3333_1111L);
    /** One frame a frozen video server repeats: it passes every check of one image. */
    private static final long FROZEN_HASH = 0x1234_5678_9ABC_DEF0L;

    private KeyedOneInputStreamOperatorTestHarness<String, CameraFrame, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CameraHealthRule(SETTINGS)), CameraHealthRule::keyOf, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static Instant minutes(int minutes) {
        return BEGINNING.plusSeconds(60L * minutes);
    }

    private static CameraFrame frame(int minute, ImageMeasures measures) {
        return frame(minute, String.format("MSKU%06d7", minute), measures);
    }

    private static CameraFrame frame(int minute, String containerNo, ImageMeasures measures) {
        ImageMeasures pictured = measures != GOOD ? measures : new ImageMeasures(GOOD.brightness(), GOOD.contrast(),
                GOOD.sharpness(), new Random(minute).nextLong());
        return new CameraFrame(ICD, GATE, CAMERA, String.format("R-%04d", minute), minutes(minute), containerNo,
                "images/" + minute + ".jpg", CameraImages.Result.OK, pictured);
    }

    private static CameraFrame noImage(int minute, CameraImages.Result result) {
        return new CameraFrame(ICD, GATE, CAMERA, String.format("R-%04d", minute), minutes(minute), "MSKU0000007",
                "images/" + minute + ".jpg", result, null);
    }

    /** A frame of the frozen picture, {@code bitsOff} of its hash flipped (a clock overlay, a re-encoding). */
    private static ImageMeasures frozen(int bitsOff) {
        return new ImageMeasures(110, 45, 2100, FROZEN_HASH ^ ((1L << bitsOff) - 1));
    }

    private void feed(CameraFrame... frames) throws Exception {
        for (CameraFrame frame : frames) {
            harness.processElement(frame, frame.ts().toEpochMilli());
        }
    }

    private void feedRun(int from, int count, ImageMeasures measures) throws Exception {
        for (int minute = from; minute < from + count; minute++) {
            feed(frame(minute, measures));
        }
    }

    private List<Alert> alertsAt(int minute) throws Exception {
        harness.processWatermark(minutes(minute).toEpochMilli());
        return harness.extractOutputValues();
    }

    @Test
    void shouldNotRaiseOnOneFailingImageFewerThanK() throws Exception {
        feedRun(0, 2, GOOD);
        feedRun(2, K - 1, BLACK);
        feed(frame(2 + K - 1, GOOD));

        assertThat(alertsAt(100)).isEmpty();
    }

    @Test
    void shouldRaiseAtTheKthBlackImageFromTheFirstWithTheLastImagesMeasures() throws Exception {
        feedRun(0, 2, GOOD);
        feedRun(2, K, BLACK);

        List<Alert> alerts = alertsAt(100);
        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.type()).isEqualTo(AlertType.CAMERA_DEGRADED);
        assertThat(alert.severity()).isEqualTo(AlertType.CAMERA_DEGRADED.severity());
        assertThat(alert.alertId()).isEqualTo(Alert.idOf(AlertType.CAMERA_DEGRADED, ICD + "/" + CAMERA, minutes(2)));
        assertThat(alert.startTs()).isEqualTo(minutes(2));
        assertThat(alert.detectedAt()).isEqualTo(minutes(2 + K - 1));
        assertThat(alert.endTs()).isNull();
        assertThat(alert.details()).extracting("icdCode", "gateId", "cameraId", "reason", "images", "imageUri",
                        "brightness", "contrast", "sharpness", "hashDistance")
                .containsExactly(ICD, GATE, CAMERA, "BLACK", (long) K, "images/" + (2 + K - 1) + ".jpg", 6.0, 1.2,
                        3.1, null);
    }

    @Test
    void shouldEndTheSameAlertAtTheFirstGoodImage() throws Exception {
        feedRun(0, K, BLURRED);
        feed(frame(K, GOOD));
        feedRun(K + 1, 3, GOOD);

        assertThat(alertsAt(100)).extracting(Alert::alertId, Alert::startTs, Alert::endTs).containsExactly(
                tuple(Alert.idOf(AlertType.CAMERA_DEGRADED, ICD + "/" + CAMERA, minutes(0)), minutes(0), null),
                tuple(Alert.idOf(AlertType.CAMERA_DEGRADED, ICD + "/" + CAMERA, minutes(0)), minutes(0), minutes(K)));
    }

    @Test
    void shouldNotRaiseForKImagesFailingDifferentChecks() throws Exception {
        for (int minute = 0; minute < 2 * K; minute++) {
            feed(frame(minute, minute % 2 == 0 ? BLACK : BLURRED));
        }

        assertThat(alertsAt(100)).isEmpty();
    }

    @Test
    void shouldKeepOneEpisodeWhileItsImagesFailAnotherCheckAndStartANewOneOnlyAfterAGoodImage() throws Exception {
        feedRun(0, K, BLACK);
        feedRun(K, K + 2, BLURRED);
        feed(frame(2 * K + 2, GOOD));
        feedRun(2 * K + 3, K, BLURRED);

        assertThat(alertsAt(100)).extracting(alert -> alert.details().reason(), Alert::startTs, Alert::endTs)
                .containsExactly(tuple("BLACK", minutes(0), null), tuple("BLACK", minutes(0), minutes(2 * K + 2)),
                        tuple("BLURRED", minutes(2 * K + 3), null));
    }

    @Test
    void shouldCallKRepeatedFramesOfDifferentContainersFrozenWithTheirHashDistance() throws Exception {
        feed(frame(0, GOOD));
        for (int minute = 1; minute <= K; minute++) {
            feed(frame(minute, frozen(minute == K ? SETTINGS.frozenWithin() : 0)));
        }

        List<Alert> alerts = alertsAt(100);
        assertThat(alerts).extracting(Alert::startTs, Alert::detectedAt).containsExactly(tuple(minutes(1), minutes(K)));
        assertThat(alerts.get(0).details().reason()).isEqualTo("FROZEN");
        assertThat(alerts.get(0).details().hashDistance()).isEqualTo((long) SETTINGS.frozenWithin());
    }

    @Test
    void shouldNotCallFramesJustBeyondTheThresholdFrozen() throws Exception {
        for (int minute = 0; minute < K; minute++) {
            feed(frame(minute, frozen(minute == K - 1 ? SETTINGS.frozenWithin() + 1 : 0)));
        }

        assertThat(alertsAt(100)).isEmpty();
    }

    @Test
    void shouldNotCallOneContainerStandingBeforeTheCameraFrozen() throws Exception {
        for (int minute = 0; minute < 2 * K; minute++) {
            feed(frame(minute, "MSKU 123456 7", frozen(0)));
        }
        feed(frame(2 * K, "MSKU1234567", frozen(0)));

        assertThat(alertsAt(100)).as("the same container, however it is written").isEmpty();
    }

    @Test
    void shouldEndFrozenOnlyWhenTheFrameChanges() throws Exception {
        feedRun(0, K, frozen(0));
        feed(frame(K, frozen(SETTINGS.frozenWithin())));
        feed(frame(K + 1, GOOD));

        assertThat(alertsAt(100)).extracting(Alert::endTs).containsExactly(null, minutes(K + 1));
    }

    @Test
    void shouldSkipFramesWithoutAnImageNeitherCountingNorBreakingARun() throws Exception {
        feedRun(0, K - 1, BLACK);
        for (CameraImages.Result result : List.of(CameraImages.Result.TIMEOUT, CameraImages.Result.MISSING,
                CameraImages.Result.NOT_IMAGE, CameraImages.Result.OVERSIZED, CameraImages.Result.UNREACHABLE)) {
            feed(noImage(K - 1 + result.ordinal(), result));
        }
        assertThat(alertsAt(100)).as("no image is no failed check").isEmpty();

        feed(frame(200, BLACK));
        assertThat(alertsAt(300)).extracting(Alert::startTs, Alert::detectedAt)
                .containsExactly(tuple(minutes(0), minutes(200)));
    }

    @Test
    void shouldRaiseAndEndAlikeWhateverOrderTheFramesCameIn() throws Exception {
        List<CameraFrame> day = new ArrayList<>();
        for (int minute = 0; minute < 40; minute++) {
            ImageMeasures measures = minute < 10 ? GOOD : minute < 17 ? BLACK : minute < 20 ? GOOD
                    : minute < 27 ? frozen(minute % 3) : GOOD;
            day.add(minute % 4 == 3 ? noImage(minute, CameraImages.Result.TIMEOUT) : frame(minute, measures));
        }
        feed(day.toArray(CameraFrame[]::new));
        List<Alert> inOrder = alertsAt(100);

        Collections.shuffle(day, new Random(15));
        harness.close();
        setUp();
        feed(day.toArray(CameraFrame[]::new));

        assertThat(inOrder).extracting(alert -> alert.details().reason()).containsExactly("BLACK", "BLACK", "FROZEN",
                "FROZEN");
        assertThat(alertsAt(100)).isEqualTo(inOrder);
    }

    @Test
    void shouldTakeADuplicateOnceAndFramesOfOneInstantByEventId() throws Exception {
        feedRun(0, K - 1, BLACK);
        feed(frame(K - 2, BLACK));
        assertThat(alertsAt(100)).as("a frame sent twice is one image").isEmpty();

        CameraFrame second = new CameraFrame(ICD, GATE, CAMERA, "R-9999", minutes(K - 2), "TGHU9876541",
                "images/other.jpg", CameraImages.Result.OK, BLACK);
        feed(second);
        assertThat(alertsAt(200)).as("another recognition at the same instant is another image")
                .extracting(Alert::detectedAt).containsExactly(minutes(K - 2));
    }

    @Test
    void shouldKeepOnlyTheCamerasHealthAndNoTimerOnceReleased() throws Exception {
        feedRun(0, 3 * K, BLACK);
        feed(noImage(3 * K, CameraImages.Result.MISSING));
        alertsAt(100);

        assertThat(harness.numKeyedStateEntries()).as("the camera's last K verdicts and its alert").isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
