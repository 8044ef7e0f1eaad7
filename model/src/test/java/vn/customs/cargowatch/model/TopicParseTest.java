package vn.customs.cargowatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicParseTest {

    private static final String GOOD_FIX =
            "{\"imei\":\"356938035643809\",\"ts\":\"2026-11-22T15:15:30+07:00\",\"lat\":20.93,\"lon\":106.31,"
                    + "\"speedKmh\":42.5,\"door\":\"CLOSED\",\"extra\":\"ignored\"}";

    @Test
    void shouldReadBothTimeFormsAsTheSameInstant() throws Exception {
        SealFix iso = Topic.SEAL_FIXES.parse(GOOD_FIX);
        SealFix epoch = Topic.SEAL_FIXES.parse(GOOD_FIX.replace("\"2026-11-22T15:15:30+07:00\"", "1795335330000"));

        assertThat(iso.ts()).isEqualTo(Instant.parse("2026-11-22T08:15:30Z"));
        assertThat(epoch.ts()).isEqualTo(iso.ts());
        assertThat(iso.door()).isEqualTo(DoorState.CLOSED);
    }

    @Test
    void shouldWriteTimesAsUtcWithAtMostMilliseconds() {
        DeadLetter letter = new DeadLetter("seal.fixes", "r", "p", Instant.parse("2026-11-22T08:15:30.123456Z"));

        assertThat(Json.write(letter)).contains("\"ts\":\"2026-11-22T08:15:30.123Z\"");
    }

    @Test
    void shouldLeaveOutAbsentFieldsWhenWriting() {
        String line = Json.write(new DeadLetter("seal.fixes", "r", "p", null));

        assertThat(line).doesNotContain("ts");
    }

    @Test
    void shouldFindTheEventTimeOfARawLineWithoutParsingIt() {
        assertThat(Json.eventTimeOf(GOOD_FIX)).isEqualTo(Instant.parse("2026-11-22T08:15:30Z").toEpochMilli());
        assertThat(Json.eventTimeOf("{\"ts\":1795335330000}")).isEqualTo(1795335330000L);
        assertThat(Json.eventTimeOf("not json")).isEqualTo(Long.MIN_VALUE);
        assertThat(Json.eventTimeOf("{\"imei\":\"1\"}")).isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "broken JSON            | {\"imei\":\"356938035643809\",                                                    | not valid JSON",
        "missing imei           | {\"ts\":1795335330000,\"lat\":20.9,\"lon\":106.3}                                 | imei is missing",
        "short imei             | {\"imei\":\"12345\",\"ts\":1795335330000,\"lat\":20.9,\"lon\":106.3}              | imei '12345' is not 15 digits",
        "lat 200                | {\"imei\":\"356938035643809\",\"ts\":1795335330000,\"lat\":200,\"lon\":106.3}     | lat 200.0 out of range",
        "lon -181               | {\"imei\":\"356938035643809\",\"ts\":1795335330000,\"lat\":20,\"lon\":-181}       | lon -181.0 out of range",
        "text in a number       | {\"imei\":\"356938035643809\",\"ts\":1795335330000,\"lat\":\"abc\",\"lon\":106.3} | lat: expected a number",
        "number as text         | {\"imei\":\"356938035643809\",\"ts\":1795335330000,\"lat\":\"20.9\",\"lon\":106.3}| lat: expected a number",
        "local time, no offset  | {\"imei\":\"356938035643809\",\"ts\":\"2026-11-22T08:15:30\",\"lat\":20,\"lon\":106} | ts: '2026-11-22T08:15:30' is not an ISO-8601 time with offset",
        "missing ts             | {\"imei\":\"356938035643809\",\"lat\":20,\"lon\":106}                             | ts is missing",
        "negative speed         | {\"imei\":\"356938035643809\",\"ts\":1795335330000,\"lat\":20,\"lon\":106,\"speedKmh\":-3}    | speedKmh -3.0 is negative",
        "unknown door state     | {\"imei\":\"356938035643809\",\"ts\":1795335330000,\"lat\":20,\"lon\":106,\"door\":\"AJAR\"}  | door: 'AJAR' is not one of [OPEN, CLOSED]",
        "an array, not a record | [1,2,3]                                                                           | expected a JSON object",
        "ts given twice         | {\"imei\":\"356938035643809\",\"ts\":1795335330000,\"lat\":20,\"lon\":106,\"ts\":1795335330001} | duplicate key 'ts': a key may appear once",
        "infinite speed         | {\"imei\":\"356938035643809\",\"ts\":1795335330000,\"lat\":20,\"lon\":106,\"speedKmh\":1e400} | speedKmh Infinity out of range [0, 1000]",
        "impossible speed       | {\"imei\":\"356938035643809\",\"ts\":1795335330000,\"lat\":20,\"lon\":106,\"speedKmh\":1000.5} | speedKmh 1000.5 out of range [0, 1000]",
        "huge exponent lat      | {\"imei\":\"356938035643809\",\"ts\":1795335330000,\"lat\":-1e400,\"lon\":106} | lat -Infinity out of range [-90, 90]",
        "hdop out of range      | {\"imei\":\"356938035643809\",\"ts\":1795335330000,\"lat\":20,\"lon\":106,\"hdop\":-1} | hdop -1.0 out of range [0, 100]",
        "year 999999999         | {\"imei\":\"356938035643809\",\"ts\":\"+999999999-12-31T23:59:59Z\",\"lat\":20,\"lon\":106} | ts: '+999999999-12-31T23:59:59Z' is outside 2000-01-01 to 2100-01-01",
        "smallest long as ts    | {\"imei\":\"356938035643809\",\"ts\":-9223372036854775808,\"lat\":20,\"lon\":106} | ts: '-9223372036854775808' is outside 2000-01-01 to 2100-01-01",
        "ts beyond a long       | {\"imei\":\"356938035643809\",\"ts\":99999999999999999999,\"lat\":20,\"lon\":106} | ts: '99999999999999999999' is outside 2000-01-01 to 2100-01-01",
        "empty line             | ''                                                                                | empty record",
        "blank speed (fuzzed)   | {\"imei\":\"356938035643809\",\"ts\":1795335330000,\"lat\":20,\"lon\":106,\"speedKmh\":\" \"}    | speedKmh: expected a number",
    })
    void shouldRejectABadFixWithAReasonAPersonCanActOn(String what, String line, String reason) {
        assertThatThrownBy(() -> Topic.SEAL_FIXES.parse(line))
                .isInstanceOf(Json.Rejected.class)
                .hasMessageContaining(reason);
    }

    @Test
    void shouldQuoteAtMostAHundredCharactersOfAnOffendingValue() {
        String huge = "9".repeat(2_000_000);

        assertThatThrownBy(() -> Topic.SEAL_FIXES.parse("{\"imei\":\"" + huge + "\",\"ts\":1795335330000,"
                + "\"lat\":20,\"lon\":106}"))
                .hasMessage("imei '" + "9".repeat(100) + "…' is not 15 digits");
        assertThatThrownBy(() -> Topic.SEAL_EVENTS.parse("{\"imei\":\"356938035643809\",\"ts\":1795335330000,"
                + "\"type\":\"" + huge + "\"}"))
                .message().hasSizeLessThan(200).startsWith("type: '" + "9".repeat(100) + "…' is not one of");
        assertThatThrownBy(() -> Topic.SEAL_FIXES.parse("{\"imei\":\"356938035643809\",\"ts\":1795335330000,"
                + "\"lat\":" + huge + ",\"lon\":106}")).message().hasSizeLessThan(300);
    }

    @Test
    void shouldRejectNullsInArrays() {
        String declaration = "{\"declarationNo\":\"D1\",\"kind\":\"IMPORT\",\"icdCode\":\"ICD\","
                + "\"containers\":[\"CSQU3054383\",null],\"status\":\"CLEARED\",\"ts\":1795335330000}";
        String registration = "{\"tripId\":\"T1\",\"type\":\"ACTIVATED\",\"ts\":1795335330000,"
                + "\"imei\":\"356938035643809\",\"contacts\":[null]}";

        assertThatThrownBy(() -> Topic.CUSTOMS_DECLARATIONS.parse(declaration)).hasMessage("containers[1] is null");
        assertThatThrownBy(() -> Topic.SEAL_TRIPS.parse(registration)).hasMessage("contacts[0] is null");
    }

    @Test
    void shouldAcceptAContactWhosePhoneIsNoNumberButNotAnEndlessOne() throws Exception {
        String activation = "{\"tripId\":\"T1\",\"type\":\"ACTIVATED\",\"ts\":1795335330000,"
                + "\"imei\":\"356938035643809\",\"contacts\":[{\"role\":\"DRIVER\",\"phone\":\"PHONE\"}]}";

        assertThat(Topic.SEAL_TRIPS.parse(activation.replace("PHONE", "call me")).contacts()).hasSize(1);
        assertThatThrownBy(() -> Topic.SEAL_TRIPS.parse(activation.replace("PHONE", "9".repeat(65))))
                .hasMessageStartingWith("contacts[0].phone '999");
    }

    @Test
    void shouldRejectARegistrationWithoutARoute() {
        String registration = "{\"tripId\":\"T1\",\"type\":\"REGISTERED\",\"ts\":1795335330000,\"imei\":\"356938035643809\","
                + "\"containerNo\":\"MSKU1234565\",\"branchCode\":\"03CE\","
                + "\"origin\":{\"unitCode\":\"03CE\",\"lat\":20.8,\"lon\":106.7},"
                + "\"destination\":{\"unitCode\":\"01IK\",\"lat\":21.0,\"lon\":105.9},\"expectedEnd\":1795345330000}";

        assertThatThrownBy(() -> Topic.SEAL_TRIPS.parse(registration)).hasMessage("route is missing");
    }

    @Test
    void shouldAcceptALifecycleEventWithoutRegistrationFields() throws Exception {
        TripEvent arrived = Topic.SEAL_TRIPS.parse(
                "{\"tripId\":\"T1\",\"type\":\"ARRIVED\",\"ts\":\"2026-11-22T10:00:00Z\",\"imei\":\"356938035643809\"}");

        assertThat(arrived.type()).isEqualTo(TripEvent.Type.ARRIVED);
    }

    @Test
    void shouldRejectAnIgnoreZoneWhoseRingIsNotClosed() {
        String zone = "{\"zoneId\":\"z\",\"op\":\"UPSERT\",\"polygon\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[106,20],[106.1,20],[106.1,20.1],[106,20.2]]]}}";

        assertThatThrownBy(() -> Topic.IGNORE_ZONES.parse(zone)).hasMessageContaining("must end where it starts");
    }

    @Test
    void shouldRejectAnIgnoreZoneWhoseRingCrossesItself() {
        String bowTie = "{\"zoneId\":\"z\",\"op\":\"UPSERT\",\"polygon\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[106,20],[106.1,20.1],[106.1,20],[106,20.1],[106,20]]]}}";

        assertThatThrownBy(() -> Topic.IGNORE_ZONES.parse(bowTie)).hasMessage("polygon: self-intersection at [106.05, 20.05]");
    }

    @Test
    void shouldGiveTheSameAlertIdForTheSameEpisode() {
        Instant start = Instant.parse("2026-11-22T08:00:00Z");

        assertThat(Alert.idOf(AlertType.WRONG_ROUTE, "T1", start))
                .isEqualTo(Alert.idOf(AlertType.WRONG_ROUTE, "T1", start))
                .isNotEqualTo(Alert.idOf(AlertType.WRONG_ROUTE, "T1", start.plusMillis(1)))
                .isNotEqualTo(Alert.idOf(AlertType.STOP_OVER_90_MIN, "T1", start));
    }

    @Test
    void shouldReadAndWriteAnEmptyContainerFlagAndNoHelperAsAField() throws Exception {
        Recognition empty = Topic.CAMERA_RECOGNITIONS.parse("{\"eventId\":\"e1\",\"icdCode\":\"ICD\",\"gateId\":\"g\","
                + "\"cameraId\":\"c\",\"direction\":\"IN\",\"ts\":1795335330000,\"empty\":true}");
        Declaration declaration = Topic.CUSTOMS_DECLARATIONS.parse("{\"declarationNo\":\"D1\",\"kind\":\"IMPORT\","
                + "\"icdCode\":\"ICD\",\"containers\":[\"CSQU3054383\"],\"status\":\"CLEARED\",\"risk\":\"RED\",\"ts\":1795335330000}");

        assertThat(empty.carriesEmpty()).isTrue();
        assertThat(Json.write(empty)).contains("\"empty\":true");
        assertThat(Json.write(declaration)).doesNotContain("risky").doesNotContain("allowsExit");
    }

    // Found by TopicDecoderFuzzTest (jobs): each was accepted before, or made a dead letter no sink could write whole.

    @Test
    void shouldRejectANumberWhereANameBelongsRatherThanReadItAsAPositionInOurCode() {
        assertThatThrownBy(() -> Topic.CUSTOMS_DECLARATIONS.parse("{\"declarationNo\":\"D1\",\"kind\":0,"
                + "\"icdCode\":\"ICD\",\"containers\":[\"CSQU3054383\"],\"status\":\"CLEARED\","
                + "\"ts\":1795335330000}"))
                .isInstanceOf(Json.Rejected.class)
                .hasMessage("kind: '0' is not one of [IMPORT, EXPORT, TRANSIT]");
        assertThatThrownBy(() -> Topic.SEAL_FIXES.parse(GOOD_FIX.replace("\"CLOSED\"", "1")))
                .hasMessage("door: '1' is not one of [OPEN, CLOSED]");
    }

    @Test
    void shouldRejectHalfACharacterInATextAsUnreadableQuotingItAsItsEscape() throws Exception {
        String action = "{\"alertId\":\"a-1\",\"action\":\"ACK\",\"by\":\"BY\",\"byUnit\":\"03CE\","
                + "\"ts\":1795335330000}";

        assertThatThrownBy(() -> Topic.ALERTS_ACTIONS.parse(action.replace("BY", "An \\uD800")))
                .isInstanceOf(Json.Rejected.class)
                .hasMessage("by: \\uD800 at character 3 is half a character (a lone surrogate), which no UTF-8 text "
                        + "can hold")
                .satisfies(e -> assertThat(((Json.Rejected) e).kind()).isEqualTo(DeadLetter.Kind.UNREADABLE));
        assertThatThrownBy(() -> Topic.CUSTOMS_DECLARATIONS.parse("{\"declarationNo\":\"D1\",\"kind\":\"IMPORT\","
                + "\"icdCode\":\"ICD\",\"containers\":[\"CSQU3054383\",\"\\uDC00\"],\"status\":\"CLEARED\","
                + "\"ts\":1795335330000}"))
                .hasMessageStartingWith("containers[1]: \\uDC00 at character 0 is half a character");
        assertThat(Topic.ALERTS_ACTIONS.parse(action.replace("BY", "An \\uD83D\\uDE9A")).by())
                .as("a whole character in two escapes").isEqualTo("An \uD83D\uDE9A");
    }

    @Test
    void shouldRejectAPositionOfMoreThanThreeNumbersOrWithAnAltitudeThatIsNoNumber() throws Exception {
        String change = "{\"tripId\":\"T1\",\"type\":\"DESTINATION_CHANGED\",\"ts\":1795335330000,"
                + "\"imei\":\"356938035643809\",\"destination\":{\"unitCode\":\"01IK\",\"lat\":21.0,\"lon\":105.9},"
                + "\"expectedEnd\":1795345330000,\"route\":{\"type\":\"LineString\",\"coordinates\":[[106,20,POSITION],"
                + "[105.9,21.0]]}}";

        assertThat(Topic.SEAL_TRIPS.parse(change.replace(",POSITION", ",12.5")).route().coordinates()[0])
                .containsExactly(106, 20, 12.5);
        assertThatThrownBy(() -> Topic.SEAL_TRIPS.parse(change.replace("POSITION", "\"NaN\"")))
                .hasMessage("route: altitude NaN is not a finite number");
        assertThatThrownBy(() -> Topic.SEAL_TRIPS.parse(change.replace("POSITION", "0,0")))
                .hasMessage("route: a position is [lon, lat] or [lon, lat, altitude], not 4 numbers");
        String zone = "{\"zoneId\":\"z\",\"op\":\"UPSERT\",\"polygon\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[106,20],[106.1,20],[106.1,20.1,\"Infinity\"],[106,20]]]}}";
        assertThatThrownBy(() -> Topic.IGNORE_ZONES.parse(zone))
                .hasMessage("polygon: altitude Infinity is not a finite number");
    }
}
