package vn.customs.cargowatch.ops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.jobs.config.SmsSettings;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.ops.UserError;

class ConfigFileSmsTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadTheOnDutyPhonesAndContactRolesAsYamlMaps() throws Exception {
        Path file = Files.writeString(dir.resolve("cargowatch.yaml"), """
                sms:
                  onDuty:
                    HP01: [84912345678, 84912345679]
                    HN02: 84900000002
                  contactRoles:
                    DRIVER: [WRONG_ROUTE]
                  maxPerWindow: 3
                """);

        SmsSettings sms = SmsSettings.from(ConfigFile.load(file, Map.of()));

        assertThat(sms.onDuty("HP01")).containsExactly("84912345678", "84912345679");
        assertThat(sms.onDuty("HN02")).containsExactly("84900000002");
        assertThat(sms.onDuty("XX99")).isEmpty();
        assertThat(sms.contactRoles()).isEqualTo(Map.of(Contact.Role.DRIVER, Set.of(AlertType.WRONG_ROUTE)));
        assertThat(sms.maxPerWindow()).isEqualTo(3);
    }

    @Test
    void shouldReadTheOnDutyPhonesFromTheEnvironment() {
        Map<String, String> values = ConfigFile.load(null,
                Map.of("CARGOWATCH_SMS_ONDUTY", "HP01=84912345678,84912345679; HN02=84900000002"));

        assertThat(SmsSettings.from(values).onDuty())
                .isEqualTo(Map.of("HP01", List.of("84912345678", "84912345679"), "HN02", List.of("84900000002")));
    }

    @Test
    void shouldRefuseAPhoneWithAPlus() {
        assertThatThrownBy(() -> SmsSettings.from(Map.of("sms.onDuty", "HP01=+84912345678")))
                .hasMessageContaining("sms.onDuty").hasMessageContaining("+84912345678");
    }

    @Test
    void shouldTakeTheSmppPasswordFromTheEnvironmentOnly() {
        Map<String, String> values = Map.of("sms.smpp.host", "127.0.0.1", "sms.smpp.port", "2775");

        assertThat(ConfigFile.smpp(values, Map.of(ConfigFile.SMPP_PASSWORD_VARIABLE, "secret")).orElseThrow()
                .password()).isEqualTo("secret");
        assertThat(ConfigFile.smpp(Map.of(), Map.of())).isEmpty();
        assertThatThrownBy(() -> ConfigFile.smpp(Map.of("sms.smpp.host", "h", "sms.smpp.port", "x"), Map.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("sms.smpp");
    }
}
