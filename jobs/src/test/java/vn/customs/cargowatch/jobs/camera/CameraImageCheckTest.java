package vn.customs.cargowatch.jobs.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.functions.async.CollectionSupplier;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import vn.customs.cargowatch.jobs.config.CameraSettings;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;

/**
 * The cameras' images loaded and measured beside the gate: one frame per recognition, in order, whatever became of
 * its image; a timeout is a frame without an image, never a failure (issue 15, item 5).
 */
class CameraImageCheckTest {

    private static final Instant AT = Instant.parse("2026-11-22T01:00:00Z");
    private static final long TIMEOUT_MILLIS = 1_000;

    @TempDir
    Path images;

    /** The loader's own HTTP timeout is far beyond the operator's: a TIMEOUT in these tests comes from timeout(). */
    private CameraSettings settings(String root, long maxBytes) {
        CameraSettings defaults = CameraSettings.defaults();
        return new CameraSettings(root, "", Duration.ofMinutes(1), 2, maxBytes,
                defaults.degradedAfter(), defaults.blackBelow(), defaults.overexposedAbove(), defaults.blurredBelow(),
                defaults.lowContrastBelow(), defaults.frozenWithin());
    }

    private static Recognition read(String eventId, int second, String imageUri) {
        return new Recognition(eventId, "ICD-GIALAM", "ICD-GIALAM-G1", "L1", "ICD-GIALAM-G1-CAM1", Direction.IN,
                AT.plusSeconds(second), "MSKU1234565", null, "29C-123.45", 0.93, null, imageUri);
    }

    private static OneInputStreamOperatorTestHarness<Recognition, CameraFrame> harness(CameraImageCheck check)
            throws Exception {
        OneInputStreamOperatorTestHarness<Recognition, CameraFrame> harness = new OneInputStreamOperatorTestHarness<>(
                new AsyncWaitOperatorFactory<>(check, TIMEOUT_MILLIS, 2, AsyncDataStream.OutputMode.ORDERED),
                TypeInformation.of(Recognition.class).createSerializer(new SerializerConfigImpl()));
        harness.open();
        return harness;
    }

    @Test
    void shouldGiveEveryRecognitionOneFrameInOrderWithItsTimeWhateverItsImage() throws Exception {
        byte[] jpeg = GateImages.jpegBytes(GateImages.truck("MSKU 123456 5", "29C-123.45", 0), 85);
        Files.createDirectories(images.resolve("cam1"));
        Files.write(images.resolve("cam1/0001.jpg"), jpeg);
        Files.writeString(images.resolve("cam1/0002.jpg"), "<html>502 Bad Gateway</html>", StandardCharsets.UTF_8);
        Files.write(images.resolve("cam1/0003.jpg"), new byte[2_000_001]);
        Mat decoded = CameraImages.decode(jpeg).image();
        ImageMeasures expected = ImageChecks.measure(decoded);

        OneInputStreamOperatorTestHarness<Recognition, CameraFrame> harness = harness(
                new CameraImageCheck(settings(images.toString(), 2_000_000)));
        List<Recognition> reads = List.of(read("R-1", 1, "cam1/0001.jpg"), read("R-2", 2, "cam1/0002.jpg"),
                read("R-3", 3, "cam1/0003.jpg"), read("R-4", 4, "cam1/0004.jpg"),
                read("R-5", 5, images.resolve("cam1/0001.jpg").toUri().toString()));
        for (Recognition read : reads) {
            harness.processElement(new StreamRecord<>(read, read.ts().toEpochMilli()));
        }
        harness.endInput();

        assertThat(harness.extractOutputValues()).extracting(CameraFrame::eventId, CameraFrame::ts,
                CameraFrame::result, CameraFrame::measures).containsExactly(
                tuple("R-1", AT.plusSeconds(1), CameraImages.Result.OK, expected),
                tuple("R-2", AT.plusSeconds(2), CameraImages.Result.NOT_IMAGE, null),
                tuple("R-3", AT.plusSeconds(3), CameraImages.Result.OVERSIZED, null),
                tuple("R-4", AT.plusSeconds(4), CameraImages.Result.MISSING, null),
                tuple("R-5", AT.plusSeconds(5), CameraImages.Result.OK, expected));
        assertThat(harness.extractOutputStreamRecords()).extracting(StreamRecord::getTimestamp)
                .containsExactly(reads.stream().map(read -> read.ts().toEpochMilli()).toArray(Long[]::new));
        harness.close();
    }

    @Test
    void shouldCompleteAnImageThatDoesNotComeInTimeAsTimeoutAndGoOn() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                answered.await();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try {
            OneInputStreamOperatorTestHarness<Recognition, CameraFrame> harness = harness(
                    new CameraImageCheck(settings("", 2_000_000)));
            String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/cam1/0001.jpg";
            harness.processElement(new StreamRecord<>(read("R-1", 1, uri), AT.plusSeconds(1).toEpochMilli()));
            harness.setProcessingTime(harness.getProcessingTime() + TIMEOUT_MILLIS + 1);
            runMail(harness);

            assertThat(harness.extractOutputValues()).extracting(CameraFrame::eventId, CameraFrame::result,
                    CameraFrame::measures).containsExactly(tuple("R-1", CameraImages.Result.TIMEOUT, null));
            answered.countDown();
            harness.close();
        } finally {
            answered.countDown();
            server.stop(0);
        }
    }

    @Test
    void shouldLoadNoMoreImagesAtOnceThanItsConcurrency() throws Exception {
        AtomicInteger loading = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            most.accumulateAndGet(loading.incrementAndGet(), Math::max);
            try {
                answered.await();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        CameraImageCheck check = new CameraImageCheck(settings("", 2_000_000));
        check.open(DefaultOpenContext.INSTANCE);
        try {
            List<CompletableFuture<Collection<CameraFrame>>> frames = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                CompletableFuture<Collection<CameraFrame>> frame = new CompletableFuture<>();
                frames.add(frame);
                check.asyncInvoke(read("R-" + i, i, "http://127.0.0.1:" + server.getAddress().getPort() + "/" + i),
                        new ResultFuture<>() {
                            @Override
                            public void complete(Collection<CameraFrame> result) {
                                frame.complete(result);
                            }

                            @Override
                            public void completeExceptionally(Throwable error) {
                                frame.completeExceptionally(error);
                            }

                            @Override
                            public void complete(CollectionSupplier<CameraFrame> result) {
                                throw new UnsupportedOperationException("the check completes with its frame");
                            }
                        });
            }
            for (int waited = 0; loading.get() < 2 && waited < 100; waited++) {
                Thread.sleep(50);
            }
            Thread.sleep(300);

            assertThat(most.get()).as("images loading at once").isEqualTo(2);
            answered.countDown();
            assertThat(frames).allSatisfy(frame -> assertThat(frame.get(30, TimeUnit.SECONDS))
                    .extracting(CameraFrame::result).containsExactly(CameraImages.Result.MISSING));
        } finally {
            answered.countDown();
            check.close();
            server.stop(0);
        }
    }

    /** What the operator handed to the task's thread (the timeout's result) runs there, as in a task. */
    private static void runMail(OneInputStreamOperatorTestHarness<Recognition, CameraFrame> harness)
            throws Exception {
        Optional<Mail> mail;
        while ((mail = harness.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
            mail.get().run();
        }
    }

    @Test
    void shouldLogACamerasBadImagesAtMostOncePerHour() {
        CameraImageCheck check = new CameraImageCheck(settings("", 2_000_000));
        check.open(DefaultOpenContext.INSTANCE);
        long now = AT.toEpochMilli();

        assertThat(check.due("ICD-GIALAM/CAM1", now)).isTrue();
        assertThat(check.due("ICD-GIALAM/CAM1", now + CameraImageCheck.LOG_EVERY_MILLIS - 1)).isFalse();
        assertThat(check.due("ICD-GIALAM/CAM2", now + 1)).as("another camera").isTrue();
        assertThat(check.due("ICD-GIALAM/CAM1", now + CameraImageCheck.LOG_EVERY_MILLIS)).isTrue();
        check.close();
    }
}
