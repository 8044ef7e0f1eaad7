package vn.customs.cargowatch.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.NearestOffice;
import vn.customs.cargowatch.servers.Launch;
import vn.customs.cargowatch.servers.ReceivedSms;
import vn.customs.cargowatch.servers.SmppServer;
import vn.customs.cargowatch.servers.SmppTestServer.Behaviour;

/**
 * {@link SmppSmsSender} against a real SMSC on loopback (the test SMSC in its own JVM, one per test with the
 * misbehaviour the test needs): Vietnamese arrives as sent, long texts as one message, throttling and a dropped
 * link cost time but neither a message nor a duplicate, receipts reach the listener, and what cannot pass fails
 * at once as permanent or, after its attempts, as transient.
 */
@Timeout(60)
class SmppSmsSenderIT {

    private static final Duration BACKOFF = Duration.ofMillis(100);
    private static final String OFFICER = "84912345678";

    @TempDir
    Path dataDir;

    private SmppServer smsc;
    private SmppSmsSender sender;
    private final BlockingQueue<DeliveryReceipt> receipts = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        if (smsc != null) {
            smsc.stop();
        }
    }

    @Test
    void shouldDeliverVietnameseAsItWasWritten() throws Exception {
        start(Behaviour.DEFAULT, 5);
        String text = "[Hải quan] CẢNH BÁO Mất tín hiệu: cont MSCU1234565 từ 14:05 23/11";

        SmsReceipt receipt = sender.send(message(text, "a1"));

        assertThat(smsc.messages()).singleElement().satisfies(sms -> {
            assertThat(sms.text()).isEqualTo(text);
            assertThat(sms.dataCoding()).as("UCS-2").isEqualTo(SMPPConstant.DC_UCS2);
            assertThat(sms.recipient()).isEqualTo(OFFICER);
            assertThat(sms.sender()).isEqualTo("HaiQuan");
            assertThat(sms.segments()).isEqualTo(1);
            assertThat(sms.messageIds()).isEqualTo(receipt.messageIds());
        });
    }

    @Test
    void shouldArriveAsOneMessageFromThreeSegments() throws Exception {
        start(Behaviour.DEFAULT, 5);
        String alert = SmsTemplates.of(stopAlert());
        String text = (alert + " Đề nghị Chi cục kiểm tra thực tế và báo cáo kết quả ngay khi xác minh xong tại hiện "
                + "trường.").substring(0, 201);
        assertThat(SmsSegments.split(text)).hasSize(3);

        SmsReceipt receipt = sender.send(message(text, "a2"));

        assertThat(receipt.segments()).isEqualTo(3);
        assertThat(smsc.messages()).singleElement().satisfies(sms -> {
            assertThat(sms.text()).isEqualTo(text);
            assertThat(sms.segments()).isEqualTo(3);
            assertThat(sms.messageIds()).isEqualTo(receipt.messageIds());
        });
    }

    @Test
    void shouldWaitOutThrottlingAndAFullQueueThenSendOnce() throws Exception {
        start(Behaviour.DEFAULT.throttling(1).queueFullFor(1), 5);

        long begin = System.nanoTime();
        SmsReceipt receipt = sender.send(message("Dừng quá 90 phút", "a3"));
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        assertThat(receipt.segments()).isEqualTo(1);
        assertThat(smsc.messages()).singleElement().satisfies(sms -> assertThat(sms.text()).isEqualTo("Dừng quá 90 phút"));
        assertThat(took).as("backed off 100 ms, then 200 ms").isGreaterThanOrEqualTo(BACKOFF.multipliedBy(3));
    }

    @Test
    void shouldBindAgainWhenTheSmscDropsTheLink() throws Exception {
        start(Behaviour.DEFAULT.droppingLinkAfter(1), 5);

        sender.send(message("Tin thứ nhất", "a4"));
        awaitLogLine("dropping the link");
        sender.send(message("Tin thứ hai", "a5"));

        assertThat(smsc.messages()).extracting(ReceivedSms::text).containsExactly("Tin thứ nhất", "Tin thứ hai");
        assertThat(Files.readAllLines(smsc.process().logFile(), StandardCharsets.UTF_8))
                .filteredOn(line -> line.contains(" bound ")).hasSize(2);
    }

    @Test
    void shouldHandEachReceiptToTheListener() throws Exception {
        start(Behaviour.DEFAULT, 5);

        Instant sent = Instant.now();
        SmsReceipt receipt = sender.send(message("x".repeat(71), "a6"));

        DeliveryReceipt first = receipts.poll(10, TimeUnit.SECONDS);
        DeliveryReceipt second = receipts.poll(10, TimeUnit.SECONDS);
        assertThat(first).as("a receipt within 10 s").isNotNull();
        assertThat(second).as("a receipt for each segment").isNotNull();
        assertThat(List.of(first.messageId(), second.messageId()))
                .containsExactlyInAnyOrderElementsOf(receipt.messageIds());
        assertThat(first.delivered()).isTrue();
        assertThat(first.state()).isEqualTo("DELIVRD");
        assertThat(first.recipient()).isEqualTo(OFFICER);
        assertThat(first.receivedAt()).isBetween(sent, Instant.now());
    }

    @Test
    void shouldGiveUpAsTransientOnceEveryAttemptWasThrottled() throws Exception {
        start(Behaviour.DEFAULT.throttling(10), 3);

        assertThatThrownBy(() -> sender.send(message("Mở cửa container", "a7")))
                .isInstanceOfSatisfying(SmsException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.commandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RTHROTTLED);
                });
        assertThat(smsc.messages()).isEmpty();
    }

    @Test
    void shouldFailAtOnceAsPermanentWhenTheSmscRefusesOurPassword() throws Exception {
        smsc = SmppServer.start(dataDir, Launch.DEFAULT, Behaviour.DEFAULT.withCredentials("cargowatch", "right"));
        sender = new SmppSmsSender(settings("wrong", 5), receipts::add);

        long begin = System.nanoTime();
        assertThatThrownBy(() -> sender.send(message("Mở cửa container", "a8")))
                .isInstanceOfSatisfying(SmsException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.commandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVPASWD);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("no back-off").isLessThan(BACKOFF);
    }

    private void start(Behaviour behaviour, int maxAttempts) throws Exception {
        smsc = SmppServer.start(dataDir, Launch.DEFAULT, behaviour);
        sender = new SmppSmsSender(settings("", maxAttempts), receipts::add);
    }

    private SmppSettings settings(String password, int maxAttempts) {
        return SmppSettings.of(smsc.host(), smsc.port(), "cargowatch", password, "HaiQuan")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withBackoff(BACKOFF, Duration.ofSeconds(1), maxAttempts);
    }

    private static SmsMessage message(String text, String alertId) {
        return new SmsMessage(OFFICER, text, alertId, alertId + "/OPEN/" + OFFICER);
    }

    private static Alert stopAlert() {
        Instant began = Instant.parse("2026-11-23T07:05:00Z");
        return new Alert("1b2c3d4e-0000-3000-8000-000000000001", AlertType.STOP_OVER_90_MIN,
                AlertType.STOP_OVER_90_MIN.severity(), "TRIP-1", "356938035643809", "MSCU1234565", began, began, null,
                21.1843, 106.0712, "18BC", "18", new NearestOffice("18BC", "Chi cục HQ Bắc Ninh", 1.2),
                AlertDetails.builder().maxDurationMinutes(90L).build(), AlertState.OPEN);
    }

    /** Waits until the SMSC's log has a line containing {@code text}. */
    private void awaitLogLine(String text) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (Files.readAllLines(smsc.process().logFile(), StandardCharsets.UTF_8).stream()
                    .anyMatch(line -> line.contains(text))) {
                Thread.sleep(100); // the socket is closed right after the line is written
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the SMSC never logged '" + text + "'");
    }
}
