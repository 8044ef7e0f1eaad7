package vn.customs.cargowatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The signature of {@code alerts.actions}: HMAC-SHA256 over the canonical form, what the desk signs and the pipeline
 * checks (issue 13, "Actions cannot bypass the sign-in").
 */
class ActionSignatureTest {

    private static final String KEY_TEXT = "the key of the alert desk, 32 bytes or more";
    private static final ActionSignature.Key KEY = ActionSignature.key(KEY_TEXT);
    private static final AlertAction RESOLVE = new AlertAction("a-1", AlertAction.Action.RESOLVE, "Nguyễn Văn An",
            "03CE", Instant.parse("2026-11-22T08:40:00Z"), "gọi \"tài xế\"", null, AlertAction.Finding.NO_VIOLATION,
            "xe dừng đổ xăng");

    @Test
    void shouldVerifyWhatItSigned() {
        AlertAction signed = ActionSignature.sign(RESOLVE, KEY);

        assertThat(signed.signature()).matches("[0-9a-f]{64}");
        assertThat(signed.withSignature(null)).isEqualTo(RESOLVE);
        assertThat(ActionSignature.problem(signed, KEY)).isNull();
    }

    @Test
    void shouldVerifyASignedActionReadBackFromItsLine() throws Exception {
        AlertAction signed = ActionSignature.sign(RESOLVE, KEY);

        AlertAction read = Topic.ALERTS_ACTIONS.parse(Json.write(signed));

        assertThat(ActionSignature.problem(read, KEY)).isNull();
    }

    @Test
    void shouldSignTheCanonicalFormAsDocumented() throws Exception {
        // what a producer in another language computes: docs/alert-lifecycle.md, "Signed actions"
        String canonical = "{\"alertId\":\"a-1\",\"action\":\"RESOLVE\",\"by\":\"Nguyễn Văn An\",\"byUnit\":\"03CE\","
                + "\"ts\":\"2026-11-22T08:40:00Z\",\"note\":\"gọi \\\"tài xế\\\"\",\"finding\":\"NO_VIOLATION\","
                + "\"closingReason\":\"xe dừng đổ xăng\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY_TEXT.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

        assertThat(ActionSignature.canonical(ActionSignature.sign(RESOLVE, KEY))).isEqualTo(canonical);
        assertThat(ActionSignature.sign(RESOLVE, KEY).signature())
                .isEqualTo(HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void shouldNotDependOnHowTheLineWroteTheRecord() throws Exception {
        String signature = ActionSignature.sign(RESOLVE, KEY).signature();
        // other key order, the time in epoch milliseconds, an extra field: the same record, the same signature
        String line = "{\"byUnit\":\"03CE\",\"alertId\":\"a-1\",\"ts\":" + RESOLVE.ts().toEpochMilli()
                + ",\"action\":\"RESOLVE\",\"by\":\"Nguyễn Văn An\",\"note\":\"gọi \\\"tài xế\\\"\","
                + "\"finding\":\"NO_VIOLATION\",\"closingReason\":\"xe dừng đổ xăng\",\"client\":\"desk 1.0\","
                + "\"signature\":\"" + signature + "\"}";

        assertThat(ActionSignature.problem(Topic.ALERTS_ACTIONS.parse(line), KEY)).isNull();
    }

    @Test
    void shouldRefuseAnActionChangedAfterSigning() {
        AlertAction signed = ActionSignature.sign(RESOLVE, KEY);
        AlertAction otherUnit = new AlertAction(signed.alertId(), signed.action(), signed.by(), "00", signed.ts(),
                signed.note(), signed.escalateTo(), signed.finding(), signed.closingReason(), signed.byAddress(),
                signed.signature());

        assertThat(ActionSignature.problem(otherUnit, KEY)).startsWith("wrong signature: the action was changed");
    }

    @Test
    void shouldRefuseAnActionSignedWithAnotherKey() {
        AlertAction signed = ActionSignature.sign(RESOLVE, ActionSignature.key("another key, also 32 bytes or more"));

        assertThat(ActionSignature.problem(signed, KEY)).startsWith("wrong signature:");
    }

    @Test
    void shouldRefuseAnUnsignedActionAndOneThatIsNoSignature() {
        assertThat(ActionSignature.problem(RESOLVE, KEY)).startsWith("unsigned action:");
        assertThat(ActionSignature.problem(RESOLVE.withSignature("zz".repeat(32)), KEY))
                .isEqualTo("wrong signature: not 64 hexadecimal digits (HMAC-SHA256)");
        assertThat(ActionSignature.problem(RESOLVE.withSignature("ab"), KEY))
                .isEqualTo("wrong signature: not 64 hexadecimal digits (HMAC-SHA256)");
    }

    @Test
    void shouldRefuseAShortKeyAndNeverPrintOne() {
        assertThatThrownBy(() -> ActionSignature.key("short"))
                .hasMessage("CARGOWATCH_ACTIONS_KEY has 5 bytes; a signing key has at least 32 "
                        + "(e.g. openssl rand -base64 48)");
        assertThat(KEY.toString()).doesNotContain(KEY_TEXT).isEqualTo("ActionSignature.Key[43 bytes]");
    }

    @Test
    void shouldRefuseASignatureLongerThanOneAtParsing() {
        String line = Json.write(RESOLVE.withSignature("a".repeat(65)));

        assertThatThrownBy(() -> Topic.ALERTS_ACTIONS.parse(line)).hasMessageStartingWith("signature ");
    }
}
