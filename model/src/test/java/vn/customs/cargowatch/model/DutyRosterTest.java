package vn.customs.cargowatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code customs.duty-roster}: the officers on duty at a unit for one shift (issue 13), validated like every input. */
class DutyRosterTest {

    private static final String DAY = "{\"unitCode\":\"03CE\",\"shiftStart\":\"2026-11-22T08:00:00+07:00\","
            + "\"shiftEnd\":\"2026-11-22T20:00:00+07:00\",\"phones\":[\"84912345678\",\"84987654321\"],"
            + "\"ts\":\"2026-11-22T07:30:00+07:00\"}";

    @Test
    void shouldReadAShift() throws Exception {
        DutyRoster roster = Topic.CUSTOMS_DUTY_ROSTER.parse(DAY);

        assertThat(roster).isEqualTo(new DutyRoster("03CE", Instant.parse("2026-11-22T01:00:00Z"),
                Instant.parse("2026-11-22T13:00:00Z"), List.of("84912345678", "84987654321"),
                Instant.parse("2026-11-22T00:30:00Z")));
        assertThat(Topic.CUSTOMS_DUTY_ROSTER.senderOf(roster)).isEqualTo("03CE");
    }

    @Test
    void shouldHoldItsStartAndNotItsEnd() throws Exception {
        DutyRoster roster = Topic.CUSTOMS_DUTY_ROSTER.parse(DAY);

        assertThat(roster.covers(Instant.parse("2026-11-22T00:59:59Z"))).isFalse();
        assertThat(roster.covers(Instant.parse("2026-11-22T01:00:00Z"))).isTrue();
        assertThat(roster.covers(Instant.parse("2026-11-22T12:59:59.999Z"))).isTrue();
        assertThat(roster.covers(Instant.parse("2026-11-22T13:00:00Z"))).isFalse();
    }

    @Test
    void shouldRefuseAShiftThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> Topic.CUSTOMS_DUTY_ROSTER.parse(DAY.replace("20:00:00+07:00", "08:00:00+07:00")))
                .isInstanceOf(Json.Rejected.class)
                .hasMessage("shiftEnd 2026-11-22T01:00:00Z is not after shiftStart 2026-11-22T01:00:00Z")
                .extracting(rejected -> ((Json.Rejected) rejected).kind()).isEqualTo(DeadLetter.Kind.INVALID);
    }

    @Test
    void shouldRefuseAShiftLongerThanTwoDays() {
        assertThatThrownBy(() -> Topic.CUSTOMS_DUTY_ROSTER.parse(DAY.replace("2026-11-22T20", "2026-11-25T20")))
                .hasMessageEndingWith("is longer than 48 h");
    }

    @Test
    void shouldRefusePhonesThatAreNotInInternationalForm() {
        assertThatThrownBy(() -> Topic.CUSTOMS_DUTY_ROSTER.parse(DAY.replace("\"84987654321\"", "\"0987 654 321\"")))
                .hasMessage("phones[1] '0987 654 321' is not a phone number in international form without + "
                        + "(e.g. 84912345678)");
    }

    @Test
    void shouldRefuseAShiftWithoutPhonesOrWithTooMany() {
        assertThatThrownBy(() -> Topic.CUSTOMS_DUTY_ROSTER.parse(
                DAY.replace("[\"84912345678\",\"84987654321\"]", "[]")))
                .hasMessage("phones is missing: a shift has at least one officer on duty");
        String many = String.join(",", java.util.Collections.nCopies(21, "\"84912345678\""));
        assertThatThrownBy(() -> Topic.CUSTOMS_DUTY_ROSTER.parse(
                DAY.replace("[\"84912345678\",\"84987654321\"]", "[" + many + "]")))
                .hasMessage("phones has 21 items, more than 20");
    }

    @Test
    void shouldRefuseARecordWithoutItsUnitOrTimes() {
        assertThatThrownBy(() -> Topic.CUSTOMS_DUTY_ROSTER.parse(DAY.replace("\"unitCode\":\"03CE\",", "")))
                .hasMessage("unitCode is missing");
        assertThatThrownBy(() -> Topic.CUSTOMS_DUTY_ROSTER.parse(
                DAY.replace(",\"ts\":\"2026-11-22T07:30:00+07:00\"", "")))
                .hasMessage("ts is missing");
    }
}
