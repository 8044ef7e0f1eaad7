package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.connectors.sms.DeliveryReceipt;
import vn.customs.cargowatch.connectors.sms.SmsLedger;
import vn.customs.cargowatch.connectors.sms.SmsMessage;
import vn.customs.cargowatch.connectors.sms.SmsReceipt;

/** {@code ./cargowatch sms}: what the ledger says was sent and delivered, in words a supervisor acts on. */
class SmsCommandTest {

    static final String OFFICER = "84900000001";
    static final String DRIVER = "84912345678";
    static final Instant SENT = Instant.parse("2026-11-22T00:31:00Z");

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cargowatch.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path ledger() throws Exception {
        Path file = work.resolve("sms-ledger.jsonl");
        try (SmsLedger ledger = new SmsLedger(file)) {
            ledger.sent(new SmsMessage(OFFICER, "Sai lộ trình", "8cd69edc-1f31", "8cd69edc-1f31/OPEN/" + OFFICER),
                    new SmsReceipt(List.of("m1", "m2")), SENT);
            ledger.delivered(new DeliveryReceipt("m1", "DELIVRD", OFFICER, "000", SENT.plusSeconds(5)));
            ledger.delivered(new DeliveryReceipt("m2", "DELIVRD", OFFICER, "000", SENT.plusSeconds(6)));
            ledger.sent(new SmsMessage(DRIVER, "Sai lộ trình", "8cd69edc-1f31", "8cd69edc-1f31/OPEN/" + DRIVER),
                    new SmsReceipt(List.of("m3")), SENT);
            ledger.delivered(new DeliveryReceipt("m3", "UNDELIV", DRIVER, "001", SENT.plusSeconds(9)));
            ledger.sent(new SmsMessage(OFFICER, "Mở cửa container", "ab2e77d6-16e7",
                            "ab2e77d6-16e7/OPEN/" + OFFICER),
                    new SmsReceipt(List.of("m4")), SENT.plusSeconds(60));
        }
        return file;
    }

    @Test
    void shouldListEachSmsWithItsDelivery() throws Exception {
        int exit = run("sms", "--ledger", ledger().toString());

        assertThat(exit).isZero();
        assertThat(out.toString())
                .containsPattern("07:31 22/11 +84900000001 +8cd69edc +2 +delivered 07:31 22/11")
                .containsPattern("84912345678 +8cd69edc +1 +NOT DELIVERED: UNDELIV \\(network error 001\\)")
                .containsPattern("07:32 22/11 +84900000001 +ab2e77d6 +1 +no receipt yet")
                .contains("3 SMS: 1 delivered, 1 not delivered, 1 without a receipt yet.")
                .contains("Call the officers whose SMS was not delivered")
                .doesNotContain("No delivery receipt at all");
    }

    @Test
    void shouldListOnlyTheAlertWhoseShortIdIsGiven() throws Exception {
        int exit = run("sms", "--ledger", ledger().toString(), "--alert", "AB2E77D6");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("ab2e77d6").doesNotContain("8cd69edc")
                .contains("1 SMS: 0 delivered, 0 not delivered, 1 without a receipt yet.")
                .contains("No delivery receipt at all");
    }

    @Test
    void shouldSayPlainlyThatThereIsNoLedger() {
        int exit = run("sms", "--ledger", work.resolve("none.jsonl").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("cargowatch: no SMS ledger at " + work.resolve("none.jsonl"))
                .doesNotContain("Exception");
    }

    @Test
    void shouldFindTheLedgerOfARunBesideItsCheckpoints() throws Exception {
        Files.createDirectories(work.resolve("stack"));
        Files.move(ledger(), work.resolve("stack").resolve("sms-ledger.jsonl"));
        Path config = Files.writeString(work.resolve("cargowatch.yaml"),
                "checkpoint:\n  dir: " + work.resolve("stack").resolve("checkpoints") + "\n");

        int exit = run("sms", "--config", config.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("SMS in " + work.resolve("stack").resolve("sms-ledger.jsonl"))
                .contains("3 SMS:");
    }
}
