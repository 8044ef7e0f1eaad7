package vn.customs.cargowatch.jobs.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.connectors.sms.SmsMessage;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;

class SmsNotifierTest {

    static final String PHONE = "84912345678";
    static final Instant BEGINNING = Instant.parse("2026-11-22T08:00:00Z");
    static final Instant ONE_MINUTE_LATER = BEGINNING.plus(Duration.ofMinutes(1));
    static final Instant TEN_MINUTES_LATER = BEGINNING.plus(Duration.ofMinutes(10));
    static final Instant TWENTY_MINUTES_LATER = BEGINNING.plus(Duration.ofMinutes(20));
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration RETENTION = Duration.ofDays(30);

    private KeyedOneInputStreamOperatorTestHarness<String, SmsRequest, SmsMessage> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SmsNotifier(5, WINDOW, RETENTION)), SmsRequest::recipient,
                Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    static Alert alert(String id, Instant at, AlertState state) {
        return new Alert(id, AlertType.WRONG_ROUTE, AlertType.WRONG_ROUTE.severity(), "trip-" + id,
                "356000000000001", "MSCU1234565", at, at, null, 20.86, 106.68, "HP01", "HP", null,
                AlertDetails.NONE, state);
    }

    private void request(String id, Instant at, AlertState state) throws Exception {
        harness.processElement(new SmsRequest(PHONE, alert(id, at, state)), at.toEpochMilli());
    }

    private void watermark(Instant at) throws Exception {
        harness.processWatermark(at.toEpochMilli());
    }

    private List<SmsMessage> sent() {
        return harness.extractOutputValues();
    }

    @Test
    void shouldTextARaisedAlertOnce() throws Exception {
        request("a-1", BEGINNING, null);
        request("a-1", ONE_MINUTE_LATER, AlertState.OPEN);
        assertThat(sent()).as("held until the watermark passes").isEmpty();

        watermark(ONE_MINUTE_LATER);

        assertThat(sent()).singleElement().satisfies(sms -> {
            assertThat(sms.recipient()).isEqualTo(PHONE);
            assertThat(sms.key()).isEqualTo("a-1/OPEN/" + PHONE);
            assertThat(sms.text()).contains("Sai lộ trình");
        });
    }

    @Test
    void shouldTextTheSameAlertAgainWhenEscalated() throws Exception {
        request("a-1", BEGINNING, null);
        request("a-1", ONE_MINUTE_LATER, AlertState.ESCALATED);
        request("a-1", TEN_MINUTES_LATER, AlertState.ESCALATED);
        watermark(TEN_MINUTES_LATER);

        assertThat(sent()).extracting(SmsMessage::key)
                .containsExactly("a-1/OPEN/" + PHONE, "a-1/ESCALATED/" + PHONE);
    }

    @Test
    void shouldSendFiveInAWindowWithoutDigest() throws Exception {
        for (int i = 1; i <= 5; i++) {
            request("a-" + i, BEGINNING.plusSeconds(i), null);
        }
        harness.processWatermark(TWENTY_MINUTES_LATER.toEpochMilli());

        assertThat(sent()).hasSize(5).allSatisfy(sms -> assertThat(sms.alertId()).isNotNull());
    }

    @Test
    void shouldGatherTheSixthAndSeventhIntoADigestAtTheWindowsEnd() throws Exception {
        for (int i = 1; i <= 7; i++) {
            request("a-" + i, BEGINNING.plusSeconds(i), null);
        }
        watermark(BEGINNING.plusSeconds(7));
        assertThat(sent()).hasSize(5);

        harness.processWatermark(TEN_MINUTES_LATER.plusSeconds(1).toEpochMilli());

        assertThat(sent()).hasSize(6);
        SmsMessage digest = sent().get(5);
        assertThat(digest.alertId()).isNull();
        assertThat(digest.key()).isEqualTo("digest/" + PHONE + "/" + BEGINNING.plusSeconds(1).toEpochMilli());
        assertThat(digest.text()).contains("2 cảnh báo mới trong 10 phút");
    }

    @Test
    void shouldSendALoneHeldAlertAsItselfAtTheWindowsEnd() throws Exception {
        for (int i = 1; i <= 6; i++) {
            request("a-" + i, BEGINNING.plusSeconds(i), null);
        }
        harness.processWatermark(TWENTY_MINUTES_LATER.toEpochMilli());

        assertThat(sent()).hasSize(6);
        assertThat(sent().get(5).key()).isEqualTo("a-6/OPEN/" + PHONE);
    }

    @Test
    void shouldOpenANewWindowAfterTheLastOne() throws Exception {
        for (int i = 1; i <= 5; i++) {
            request("a-" + i, BEGINNING.plusSeconds(i), null);
        }
        request("a-6", TWENTY_MINUTES_LATER, null);
        watermark(TWENTY_MINUTES_LATER);

        assertThat(sent()).extracting(SmsMessage::key).last().isEqualTo("a-6/OPEN/" + PHONE);
        assertThat(sent()).hasSize(6);
    }

    @Test
    void shouldDigestTheLatestAlertsByEventTimeWhateverOrderTheyArriveIn() throws Exception {
        for (int i = 7; i >= 1; i--) {
            request("a-" + i, BEGINNING.plusSeconds(i), null);
        }
        watermark(TWENTY_MINUTES_LATER);

        assertThat(sent()).extracting(SmsMessage::key).startsWith("a-1/OPEN/" + PHONE, "a-2/OPEN/" + PHONE,
                "a-3/OPEN/" + PHONE, "a-4/OPEN/" + PHONE, "a-5/OPEN/" + PHONE);
        assertThat(sent().get(5).key()).isEqualTo("digest/" + PHONE + "/" + BEGINNING.plusSeconds(1).toEpochMilli());
    }

    @Test
    void shouldStillTextARequestBehindTheWatermark() throws Exception {
        watermark(TEN_MINUTES_LATER);
        request("a-1", BEGINNING, null);
        watermark(TWENTY_MINUTES_LATER);

        assertThat(sent()).extracting(SmsMessage::key).containsExactly("a-1/OPEN/" + PHONE);
    }

    @Test
    void shouldForgetEverythingAfterTheRetention() throws Exception {
        for (int i = 1; i <= 7; i++) {
            request("a-" + i, BEGINNING.plusSeconds(i), null);
        }
        harness.processWatermark(BEGINNING.plus(RETENTION).plus(Duration.ofHours(2)).toEpochMilli());

        assertThat(sent()).hasSize(6);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldKeepWhatWasSentUntilTheRetention() throws Exception {
        request("a-1", BEGINNING, null);
        harness.processWatermark(BEGINNING.plus(Duration.ofDays(29)).toEpochMilli());
        request("a-1", BEGINNING.plus(Duration.ofDays(29)), AlertState.OPEN);
        watermark(BEGINNING.plus(Duration.ofDays(29)).plusSeconds(1));

        assertThat(sent()).hasSize(1);
    }
}
