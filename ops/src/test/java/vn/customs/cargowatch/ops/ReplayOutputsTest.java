package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.connectors.sms.SentSms;
import vn.customs.cargowatch.connectors.sms.SmsLedger;
import vn.customs.cargowatch.connectors.sms.SmsMessage;
import vn.customs.cargowatch.connectors.sms.SmsReceipt;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.ops.embedded.StagedOutputs;

/** What a killed replay hands on to the next: the SMS it sent, and nothing cut. */
class ReplayOutputsTest {

    private static final String PHONE = "84900000001";

    @TempDir
    Path work;

    @Test
    void shouldHandOnTheLedgerAndTheTextsItKnowsButNoCutLine() throws Exception {
        Path unfinished = Files.createDirectories(work.resolve("unfinished"));
        Path staging = Files.createDirectories(work.resolve("staging"));
        ledger(unfinished.resolve(ReplayOutputs.SMS_LEDGER), "a/OPEN/" + PHONE, "b/OPEN/" + PHONE);
        Files.writeString(unfinished.resolve(ReplayOutputs.SMS_LEDGER), "{\"key\":\"c/OP", StandardOpenOption.APPEND);
        Files.writeString(unfinished.resolve(ReplayOutputs.SMS_FILE), String.join("\n",
                text("a/OPEN/" + PHONE), text("b/OPEN/" + PHONE),
                text("c/OPEN/" + PHONE), // sent, but killed before its ledger line: sent again by the next run
                "{\"sentAt\":\"2026-11-22T08:1"));

        String said = ReplayOutputs.carry(settings("")).carry(unfinished, staging);

        assertThat(said).isEqualTo("the 2 SMS it had sent are in the ledger and are not sent again");
        assertThat(SmsLedger.read(staging.resolve(ReplayOutputs.SMS_LEDGER))).extracting(SentSms::key)
                .containsExactly("a/OPEN/" + PHONE, "b/OPEN/" + PHONE);
        assertThat(Files.readAllLines(staging.resolve(ReplayOutputs.SMS_FILE)))
                .containsExactly(text("a/OPEN/" + PHONE), text("b/OPEN/" + PHONE));
    }

    @Test
    void shouldHandOnOnceWhenTheRunThatHandedOnWasKilledToo() throws Exception {
        Path first = Files.createDirectories(work.resolve("first"));
        Path second = Files.createDirectories(work.resolve("second"));
        Path staging = Files.createDirectories(work.resolve("staging"));
        ledger(first.resolve(ReplayOutputs.SMS_LEDGER), "a/OPEN/" + PHONE);
        Files.writeString(first.resolve(ReplayOutputs.SMS_FILE), text("a/OPEN/" + PHONE) + "\n");
        StagedOutputs.Carry carry = ReplayOutputs.carry(settings(""));
        carry.carry(first, second); // the second run was killed after taking the first's

        carry.carry(first, staging);
        String said = carry.carry(second, staging);

        assertThat(said).as("nothing new from the second").isEmpty();
        assertThat(Files.readAllLines(staging.resolve(ReplayOutputs.SMS_LEDGER))).hasSize(1);
        assertThat(Files.readAllLines(staging.resolve(ReplayOutputs.SMS_FILE)))
                .containsExactly(text("a/OPEN/" + PHONE));
    }

    @Test
    void shouldLeaveAConfiguredLedgerWhereItIsAndHandOnTheTextsItKnows() throws Exception {
        Path configured = work.resolve("kept-ledger.jsonl");
        ledger(configured, "a/OPEN/" + PHONE);
        Path unfinished = Files.createDirectories(work.resolve("unfinished"));
        Path staging = Files.createDirectories(work.resolve("staging"));
        Files.writeString(unfinished.resolve(ReplayOutputs.SMS_FILE), text("a/OPEN/" + PHONE) + "\n"
                + text("b/OPEN/" + PHONE) + "\n");

        String said = ReplayOutputs.carry(settings("sms:\n  ledger: " + configured + "\n")).carry(unfinished, staging);

        assertThat(said).isEmpty();
        assertThat(staging.resolve(ReplayOutputs.SMS_LEDGER)).doesNotExist();
        assertThat(Files.readAllLines(staging.resolve(ReplayOutputs.SMS_FILE)))
                .containsExactly(text("a/OPEN/" + PHONE));
    }

    @Test
    void shouldNeverDeleteAConfiguredLedgerKeptInTheOutputFolder() throws Exception {
        Path output = work.resolve("out");

        List<String> byDefault = ReplayOutputs.names(settings(""), output);
        List<String> configured = ReplayOutputs.names(settings("sms:\n  ledger: " + output.resolve(
                ReplayOutputs.SMS_LEDGER) + "\n"), output);

        assertThat(byDefault).contains("alerts.jsonl", "deadletter.jsonl", ReplayOutputs.SMS_FILE,
                ReplayOutputs.SMS_LEDGER);
        assertThat(configured).contains(ReplayOutputs.SMS_FILE).doesNotContain(ReplayOutputs.SMS_LEDGER);
    }

    private ConfigFile.Settings settings(String yaml) throws Exception {
        return ConfigFile.settings(Files.writeString(work.resolve("cargowatch-" + System.nanoTime() + ".yaml"),
                yaml.isEmpty() ? "metrics:\n  port: off\n" : yaml));
    }

    private static void ledger(Path file, String... keys) throws Exception {
        try (SmsLedger ledger = new SmsLedger(file)) {
            for (String key : keys) {
                ledger.sent(new SmsMessage(PHONE, "CẢNH BÁO " + key, key.substring(0, 1), key),
                        new SmsReceipt(List.of(key + "#1")), Instant.parse("2026-11-22T08:15:00Z"));
            }
        }
    }

    private static String text(String key) {
        return "{\"sentAt\":\"2026-11-22T08:15:00Z\",\"recipient\":\"" + PHONE + "\",\"text\":\"CẢNH BÁO\","
                + "\"key\":\"" + key + "\",\"segments\":1}";
    }
}
