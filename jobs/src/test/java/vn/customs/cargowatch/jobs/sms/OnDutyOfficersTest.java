package vn.customs.cargowatch.jobs.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.Keys;
import vn.customs.cargowatch.jobs.config.SmsSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.DutyRoster;

/**
 * The officers on duty at a unit at the alert's time (3740 §II.4), from {@code customs.duty-roster}, the
 * configuration's {@code sms.onDuty} as the fallback.
 */
class OnDutyOfficersTest {

    static final String CONFIGURED = "84900000001";
    static final String NIGHT = "84911111111";
    static final String DAY = "84922222222";
    static final String DAY_CORRECTED = "84933333333";
    static final Instant PUBLISHED = Instant.parse("2026-11-21T20:00:00Z");
    static final Instant NIGHT_START = Instant.parse("2026-11-21T20:00:00Z");
    static final Instant DAY_START = Instant.parse("2026-11-22T08:00:00Z");
    static final Instant DAY_END = Instant.parse("2026-11-22T20:00:00Z");
    static final Instant ONE_MINUTE_BEFORE_THE_DAY = DAY_START.minusSeconds(60);

    private KeyedBroadcastOperatorTestHarness<String, OnDutyNotice, DutyRoster, SmsRequest> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new OnDutyOfficers(SmsSettings.from(Map.of(Keys.SMS_ON_DUTY.name(), "HP01=" + CONFIGURED))),
                OnDutyNotice::unitCode, Types.STRING, OnDutyOfficers.ROSTER);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldTextTheNightShiftAtSevenFiftyNineAndTheDayShiftAtEight() throws Exception {
        roster(NIGHT_START, DAY_START, PUBLISHED, NIGHT);
        roster(DAY_START, DAY_END, PUBLISHED, DAY);

        notice("HP01", ONE_MINUTE_BEFORE_THE_DAY);
        notice("HP01", DAY_START);

        assertThat(recipients()).containsExactly(NIGHT, DAY);
    }

    @Test
    void shouldFallBackToTheConfigurationWhenNoShiftCoversTheTime() throws Exception {
        roster(DAY_START, DAY_END, PUBLISHED, DAY);

        notice("HP01", ONE_MINUTE_BEFORE_THE_DAY);
        notice("HP01", DAY_END);
        notice("HN02", DAY_START);

        assertThat(recipients()).as("before the shift, at its end (not in it), a unit without any")
                .containsExactly(CONFIGURED, CONFIGURED);
    }

    @Test
    void shouldTakeTheNewestVersionOfAShiftWhateverOrderTheyCameIn() throws Exception {
        roster(DAY_START, DAY_END, PUBLISHED.plusSeconds(60), DAY_CORRECTED);
        roster(DAY_START, DAY_END, PUBLISHED, DAY);

        notice("HP01", DAY_START.plusSeconds(3_600));

        assertThat(recipients()).containsExactly(DAY_CORRECTED);
    }

    @Test
    void shouldNotLetARosterPublishedAfterTheAlertChangeWhoWasTextedIt() throws Exception {
        Instant alertAt = DAY_START.plusSeconds(3_600);
        roster(DAY_START, DAY_END, PUBLISHED, DAY);
        // the correction arrived early (another partition), but was published after the alert
        roster(DAY_START, DAY_END, alertAt.plusSeconds(60), DAY_CORRECTED);

        notice("HP01", alertAt);

        assertThat(recipients()).containsExactly(DAY);
    }

    @Test
    void shouldTextEveryOverlappingShiftOnce() throws Exception {
        roster(DAY_START, DAY_END, PUBLISHED, DAY, NIGHT);
        roster(DAY_START.plusSeconds(3_600), DAY_END.plusSeconds(3_600), PUBLISHED, NIGHT, DAY_CORRECTED);

        notice("HP01", DAY_START.plusSeconds(7_200));

        assertThat(recipients()).containsExactly(DAY, NIGHT, DAY_CORRECTED);
    }

    @Test
    void shouldHoldANoticeUntilTheWatermarkAndThenForgetIt() throws Exception {
        roster(DAY_START, DAY_END, PUBLISHED, DAY);
        harness.processElement(new OnDutyNotice(alert(), "HP01"), DAY_START.toEpochMilli());
        assertThat(recipients()).isEmpty();

        harness.watermark(DAY_START.toEpochMilli());

        assertThat(recipients()).containsExactly(DAY);
        assertThat(((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldDropTheShiftsThatEndedAWeekBeforeTheWatermark() throws Exception {
        roster(NIGHT_START, DAY_START, PUBLISHED, NIGHT);
        roster(DAY_START, DAY_END, PUBLISHED, DAY);
        harness.watermark(DAY_START.plus(OnDutyOfficers.ROSTER_RETENTION).toEpochMilli());
        roster(DAY_END, DAY_END.plusSeconds(43_200), DAY_START, NIGHT);
        assertThat(rosterEntries()).as("the night shift ended exactly a week ago: kept").isEqualTo(3);

        harness.watermark(DAY_START.plus(OnDutyOfficers.ROSTER_RETENTION).toEpochMilli() + 1);
        roster(DAY_END, DAY_END.plusSeconds(43_200), DAY_START, NIGHT);

        assertThat(rosterEntries()).as("the night shift dropped, the day and the next kept").isEqualTo(2);
        harness.watermark(DAY_END.plusSeconds(43_200).plus(OnDutyOfficers.ROSTER_RETENTION).toEpochMilli() + 1);
        roster(DAY_START, DAY_END, PUBLISHED, DAY);
        assertThat(rosterEntries()).as("every shift a week over; a late entry of one too").isZero();
    }

    private void roster(Instant start, Instant end, Instant ts, String... phones) throws Exception {
        harness.processBroadcastElement(new DutyRoster("HP01", start, end, List.of(phones), ts), ts.toEpochMilli());
    }

    private void notice(String unit, Instant at) throws Exception {
        harness.processElement(new OnDutyNotice(alert(), unit), at.toEpochMilli());
        harness.watermark(at.toEpochMilli());
    }

    private static Alert alert() {
        return new Alert("a-1", AlertType.WRONG_ROUTE, AlertType.WRONG_ROUTE.severity(), "trip-1", "356000000000001",
                "MSCU1234565", NIGHT_START, NIGHT_START, null, 20.86, 106.68, "HP01", "HP", null, AlertDetails.NONE,
                AlertState.OPEN);
    }

    private int rosterEntries() throws Exception {
        int entries = 0;
        for (var ignored : harness.getBroadcastState(OnDutyOfficers.ROSTER).immutableEntries()) {
            entries++;
        }
        return entries;
    }

    private List<String> recipients() {
        return harness.extractOutputValues().stream().map(SmsRequest::recipient).toList();
    }
}
