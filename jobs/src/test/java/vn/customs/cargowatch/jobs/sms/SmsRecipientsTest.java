package vn.customs.cargowatch.jobs.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.Keys;
import vn.customs.cargowatch.jobs.config.SmsSettings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.model.TripEvent;

class SmsRecipientsTest {

    static final String ON_DUTY = "84900000001";
    static final String DRIVER = "84912345678";
    static final String DECLARANT = "84987654321";
    static final Instant REGISTERED = Instant.parse("2026-11-22T06:00:00Z");
    static final Instant RAISED = REGISTERED.plus(Duration.ofHours(2));
    static final Instant ARRIVED = REGISTERED.plus(Duration.ofHours(4));

    private KeyedTwoInputStreamOperatorTestHarness<String, Alert, TripEvent, SmsRequest> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = open(SmsSettings.from(Map.of(Keys.SMS_ON_DUTY.name(), "HP01=" + ON_DUTY + "; HN02=84900000002",
                Keys.SMS_CONTACT_ROLES.name(), "DRIVER=WRONG_ROUTE,DOOR_OPENED; DECLARANT=DOOR_OPENED")));
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, Alert, TripEvent, SmsRequest> open(
            SmsSettings settings) throws Exception {
        var opened = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new SmsRecipients(settings, Duration.ofDays(30))),
                SmsRecipients::keyOf, TripEvent::tripId, Types.STRING);
        opened.open();
        return opened;
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    static Alert alert(AlertType type, AlertState state) {
        return new Alert("a-1", type, type.severity(), "trip-1", "356000000000001", "MSCU1234565", RAISED, RAISED,
                null, 20.86, 106.68, "HP01", "HP", null, AlertDetails.NONE, state);
    }

    static TripEvent trip(TripEvent.Type type, Instant ts) {
        List<Contact> contacts = type == TripEvent.Type.REGISTERED ? List.of(
                new Contact(Contact.Role.DRIVER, "Nguyễn Văn A", "0912 345 678"),
                new Contact(Contact.Role.DECLARANT, "Trần Thị B", "+84987654321")) : null;
        return new TripEvent("trip-1", type, ts, "356000000000001", "MSCU1234565", null, null, null, null, null, null,
                null, ARRIVED, null, null, contacts, "HP01", "HP");
    }

    private void watermark(Instant at) throws Exception {
        harness.processBothWatermarks(new Watermark(at.toEpochMilli()));
    }

    private List<String> recipients() {
        return harness.extractOutputValues().stream().map(SmsRequest::recipient).toList();
    }

    @Test
    void shouldTextTheContactsWhoseRoleTakesTheType() throws Exception {
        harness.processElement2(trip(TripEvent.Type.REGISTERED, REGISTERED), REGISTERED.toEpochMilli());
        harness.processElement1(alert(AlertType.WRONG_ROUTE, null), RAISED.toEpochMilli());
        watermark(RAISED);

        assertThat(recipients()).as("the officers on duty are OnDutyOfficers'").containsExactly(DRIVER);
    }

    @Test
    void shouldTextNoContactWhenNoRoleIsConfigured() throws Exception {
        harness.close();
        harness = open(SmsSettings.from(Map.of(Keys.SMS_ON_DUTY.name(), "HP01=" + ON_DUTY)));
        harness.processElement2(trip(TripEvent.Type.REGISTERED, REGISTERED), REGISTERED.toEpochMilli());
        harness.processElement1(alert(AlertType.DOOR_OPENED, AlertState.OPEN), RAISED.toEpochMilli());
        watermark(RAISED);

        assertThat(recipients()).as("the officer phones the driver before anyone texts them").isEmpty();
    }

    @Test
    void shouldTextTheContactsOfATripWhoseRegistrationArrivesAfterItsAlert() throws Exception {
        harness.processElement1(alert(AlertType.WRONG_ROUTE, null), RAISED.toEpochMilli());
        harness.processElement2(trip(TripEvent.Type.REGISTERED, REGISTERED), REGISTERED.toEpochMilli());
        assertThat(recipients()).as("held until the watermark passes").isEmpty();

        watermark(RAISED);

        assertThat(recipients()).containsExactly(DRIVER);
    }

    @Test
    void shouldTextEveryConfiguredRoleOfADoorOpened() throws Exception {
        harness.processElement2(trip(TripEvent.Type.REGISTERED, REGISTERED), REGISTERED.toEpochMilli());
        harness.processElement1(alert(AlertType.DOOR_OPENED, AlertState.OPEN), RAISED.toEpochMilli());
        watermark(RAISED);

        assertThat(recipients()).containsExactly(DRIVER, DECLARANT);
    }

    @Test
    void shouldTextNoContactWhenEscalatedOrAcknowledged() throws Exception {
        harness.processElement2(trip(TripEvent.Type.REGISTERED, REGISTERED), REGISTERED.toEpochMilli());
        harness.processElement1(alert(AlertType.WRONG_ROUTE, AlertState.ESCALATED), RAISED.toEpochMilli());
        harness.processElement1(alert(AlertType.WRONG_ROUTE, AlertState.ACKNOWLEDGED), RAISED.toEpochMilli());
        watermark(RAISED);

        assertThat(recipients()).as("a raised alert's contacts only").isEmpty();
    }

    @Test
    void shouldForgetTheContactsADayAfterArrival() throws Exception {
        harness.processElement2(trip(TripEvent.Type.REGISTERED, REGISTERED), REGISTERED.toEpochMilli());
        harness.processElement2(trip(TripEvent.Type.ARRIVED, ARRIVED), ARRIVED.toEpochMilli());
        watermark(ARRIVED.plus(Duration.ofDays(1)));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldReadPhonesInEveryUsualForm() {
        assertThat(SmsRecipients.international("0912 345 678")).isEqualTo(DRIVER);
        assertThat(SmsRecipients.international("+84 912-345-678")).isEqualTo(DRIVER);
        assertThat(SmsRecipients.international("0084912345678")).isEqualTo(DRIVER);
        assertThat(SmsRecipients.international("call me")).isNull();
    }
}
