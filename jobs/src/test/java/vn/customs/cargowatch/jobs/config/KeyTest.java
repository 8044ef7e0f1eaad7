package vn.customs.cargowatch.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each key reads its values within its range, and refuses the others in one line naming the key and the range. */
class KeyTest {

    private static <T> T read(Key<T> key, String value) {
        return key.read(Map.of(key.name(), value));
    }

    private static String refusal(Key<?> key, String value) {
        try {
            read(key, value);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError(key + ": '" + value + "' was accepted");
    }

    @Test
    void shouldReadEveryDefaultWithinItsRange() {
        for (Key<?> key : Keys.ALL) {
            assertThat(key.read(Map.of())).as(key.name()).isNotNull();
        }
    }

    @Test
    void shouldRefuseADurationWithoutAUnit() {
        assertThat(refusal(Keys.STOP_MAX_DURATION, "90")).isEqualTo("stop.maxDuration: '90' has no unit "
                + "(write e.g. '90 min', '30 s', '1 d'; valid: a duration from 1 min to 7 d)");
        assertThat(refusal(Keys.STOP_MAX_DURATION, "1.5")).contains("has no unit");
    }

    @Test
    void shouldRefuseADurationThatIsNotOne() {
        assertThat(refusal(Keys.STOP_MAX_DURATION, "ninety minutes")).isEqualTo("stop.maxDuration: 'ninety minutes' "
                + "is not a duration from 1 min to 7 d (write e.g. '90 min', '30 s', '1 d')");
        assertThat(refusal(Keys.STOP_MAX_DURATION, "-5 min")).startsWith("stop.maxDuration: '-5 min' is not a duration");
        assertThat(refusal(Keys.STOP_MAX_DURATION, "")).startsWith("stop.maxDuration: '' is not a duration");
    }

    @Test
    void shouldRefuseADurationThatWouldOverflowTheMillisecondsOfEventTime() {
        assertThat(refusal(Keys.MAX_AHEAD, "200000000000 d"))
                .isEqualTo("events.maxAhead: '200000000000 d' is not a duration from 1 s to 30 d");
        assertThat(refusal(Keys.MAX_AHEAD, "99999999999999999999999 d")).startsWith("events.maxAhead: ")
                .contains("is not a duration from 1 s to 30 d");
    }

    @Test
    void shouldTakeADurationAtItsBoundsAndNotBeyond() {
        assertThat(read(Keys.STOP_MAX_DURATION, "1 min")).isEqualTo(Duration.ofMinutes(1));
        assertThat(read(Keys.STOP_MAX_DURATION, "7 d")).isEqualTo(Duration.ofDays(7));
        assertThat(read(Keys.STOP_MAX_DURATION, "90min")).isEqualTo(Duration.ofMinutes(90));
        assertThat(refusal(Keys.STOP_MAX_DURATION, "59 s")).isEqualTo("stop.maxDuration: '59 s' is not a duration "
                + "from 1 min to 7 d");
        assertThat(refusal(Keys.STOP_MAX_DURATION, "10081 min")).contains("is not a duration from 1 min to 7 d");
        assertThat(refusal(Keys.STOP_MAX_DURATION, "0 s")).contains("is not a duration from 1 min to 7 d");
    }

    @Test
    void shouldRefuseAFractionWhereAWholeNumberIsNeeded() {
        assertThat(refusal(Keys.PARALLELISM, "0.5")).isEqualTo("job.parallelism: '0.5' is not a whole number from 1 "
                + "to 1024");
        assertThat(refusal(Keys.PARALLELISM, "0")).contains("is not a whole number from 1 to 1024");
        assertThat(refusal(Keys.PARALLELISM, "1025")).contains("is not a whole number from 1 to 1024");
        assertThat(refusal(Keys.PARALLELISM, "99999999999999999999")).contains("is not a whole number");
        assertThat(read(Keys.PARALLELISM, "1024")).isEqualTo(1024);
        assertThat(read(Keys.PARALLELISM, "4.0")).isEqualTo(4);
        assertThat(refusal(Keys.SMS_MAX_PER_WINDOW, "2.5")).isEqualTo("sms.maxPerWindow: '2.5' is not a whole number "
                + "from 1 to 100");
    }

    @Test
    void shouldRefuseNumbersThatAreNotPlainFiniteDecimals() {
        for (String value : new String[] {"NaN", "Infinity", "1e400", "0x10", "5d", "5 km/h", "", "-1"}) {
            assertThat(refusal(Keys.STOP_MAX_SPEED_KMH, value)).as(value)
                    .isEqualTo("stop.maxSpeedKmh: '" + value + "' is not a number from 0.1 to 60 (km/h)");
        }
        assertThat(read(Keys.STOP_MAX_SPEED_KMH, "0.1")).isEqualTo(0.1);
        assertThat(read(Keys.STOP_MAX_SPEED_KMH, "60")).isEqualTo(60.0);
        assertThat(refusal(Keys.STOP_MAX_SPEED_KMH, "60.01")).contains("is not a number from 0.1 to 60 (km/h)");
        assertThat(refusal(Keys.DEFAULT_CORRIDOR_METERS, "10001"))
                .isEqualTo("wrongRoute.corridorMeters: '10001' is not a number from 10 to 10000 (m)");
    }

    @Test
    void shouldReadAPortRangeOrOff() {
        assertThat(read(Keys.METRICS_PORT, "9249 - 9259")).contains(new Ports(9249, 9259));
        assertThat(read(Keys.METRICS_PORT, "65535")).contains(new Ports(65535, 65535));
        assertThat(read(Keys.METRICS_PORT, "off")).isEqualTo(Optional.empty());
        assertThat(read(Keys.METRICS_PORT, "false")).as("YAML reads a bare off as false").isEmpty();
        assertThat(refusal(Keys.METRICS_PORT, "70000")).isEqualTo("metrics.port: '70000' is not a port from 1 to "
                + "65535, a range of them such as 9249-9259, or off");
        for (String value : new String[] {"0", "9259-9249", "9249-", "9249-9250-9251", "http"}) {
            assertThat(refusal(Keys.METRICS_PORT, value)).as(value).contains("is not a port from 1 to 65535");
        }
        assertThat(refusal(Keys.SMS_SMPP_PORT, "65536")).isEqualTo("sms.smpp.port: '65536' is not a port from 1 to "
                + "65535");
    }

    @Test
    void shouldNameTheChoicesOfAKeyWithFewValues() {
        assertThat(refusal(Keys.KAFKA_START_FROM, "newest"))
                .isEqualTo("kafka.startFrom: 'newest' is not one of earliest, committed, latest");
    }

    @Test
    void shouldReadTimesOfDayInOrder() {
        assertThat(read(Keys.GATE_SHIFT_CHANGES, "18:00, 06:00"))
                .containsExactly(LocalTime.of(6, 0), LocalTime.of(18, 0));
        assertThat(refusal(Keys.GATE_SHIFT_CHANGES, "06:00, 25:00")).startsWith("gate.shiftChanges: '06:00, 25:00' "
                + "is not times of day HH:MM");
    }

    @Test
    void shouldCheckAddressesWherePortsAreWritten() {
        assertThat(read(Keys.KAFKA_BOOTSTRAP_SERVERS, "kafka:19092, [::1]:9092")).isEqualTo("kafka:19092, [::1]:9092");
        for (String value : new String[] {"kafka", "kafka:0", "kafka:65536", "a:1,,b:2", ":9092", ""}) {
            assertThat(refusal(Keys.KAFKA_BOOTSTRAP_SERVERS, value)).as(value).isEqualTo("kafka.bootstrapServers: '"
                    + value + "' is not host:port with a port from 1 to 65535, separated by commas");
        }
        assertThat(refusal(Keys.CASSANDRA_CONTACT_POINTS, "10.0.0.1:9042;10.0.0.2:9042")).contains("is not host:port");
    }

    @Test
    void shouldKeepTheSenderWithinWhatAPhoneShows() {
        assertThat(read(Keys.SMS_SMPP_SOURCE_ADDRESS, "HaiQuanVN01")).isEqualTo("HaiQuanVN01");
        assertThat(read(Keys.SMS_SMPP_SOURCE_ADDRESS, "84912345678901234567")).hasSize(20);
        assertThat(refusal(Keys.SMS_SMPP_SOURCE_ADDRESS, "HaiQuanVN012"))
                .isEqualTo("sms.smpp.sourceAddress: 'HaiQuanVN012' is not up to 20 digits, or up to 11 characters");
    }

    @Test
    void shouldQuoteAtMostAHundredCharactersOfABadValue() {
        String pasted = "9".repeat(5_000) + " d";

        String message = refusal(Keys.MAX_AHEAD, pasted);

        assertThat(message).startsWith("events.maxAhead: '" + "9".repeat(100) + "…' is not a duration")
                .hasSizeLessThan(200).doesNotContain("\n");
    }

    @Test
    void shouldNameTheEnvironmentVariableOfAKey() {
        assertThat(Keys.STOP_MAX_DURATION.environmentVariable()).isEqualTo("CARGOWATCH_STOP_MAXDURATION");
        assertThat(Keys.SMS_SMPP_HOST.environmentVariable()).isEqualTo("CARGOWATCH_SMS_SMPP_HOST");
    }

    @Test
    void shouldRefuseAnInvalidValueInTheSettingsThatReadIt() {
        assertThatThrownBy(() -> SealSettings.from(Map.of("job.parallelism", "0.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job.parallelism");
        assertThatThrownBy(() -> GateSettings.from(Map.of("gate.cameraSilence", "30")))
                .hasMessageStartingWith("gate.cameraSilence: '30' has no unit");
        assertThatThrownBy(() -> SmsSettings.from(Map.of("sms.window", "0 min")))
                .hasMessageStartingWith("sms.window: '0 min' is not a duration from 1 min to 1 d");
    }
}
