package vn.customs.cargowatch.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmsSinkTest {

    static final String PHONE = "84912345678";

    @TempDir
    Path dir;

    /** Records what it was asked to send; fails the messages whose text says so. */
    static final class Recording implements SmsSender {
        final List<String> keys = new ArrayList<>();

        @Override
        public SmsReceipt send(SmsMessage message) throws SmsException {
            if (message.text().contains("fail")) {
                throw SmsException.permanent("invalid destination", 11, null);
            }
            keys.add(message.key());
            return new SmsReceipt(List.of(message.key()));
        }

        @Override
        public void close() {}
    }

    static SmsMessage sms(String key, String text) {
        return new SmsMessage(PHONE, text, "a-1", key);
    }

    private SmsSink.Writer writer(Recording sender, Path ledger) throws Exception {
        return new SmsSink.Writer(sender, new SmsLedger(ledger), new UnregisteredMetricsGroup());
    }

    @Test
    void shouldNotSendAgainAfterARestartWhatTheLedgerHas() throws Exception {
        Path ledger = dir.resolve("sms-ledger.jsonl");
        Recording first = new Recording();
        try (SmsSink.Writer writer = writer(first, ledger)) {
            writer.write(sms("a-1/OPEN/" + PHONE, "one"), null);
            writer.write(sms("a-2/OPEN/" + PHONE, "two"), null);
        }
        Recording restarted = new Recording();
        try (SmsSink.Writer writer = writer(restarted, ledger)) {
            writer.write(sms("a-1/OPEN/" + PHONE, "one"), null);
            writer.write(sms("a-2/OPEN/" + PHONE, "two"), null);
            writer.write(sms("a-3/OPEN/" + PHONE, "three"), null);
        }

        assertThat(first.keys).containsExactly("a-1/OPEN/" + PHONE, "a-2/OPEN/" + PHONE);
        assertThat(restarted.keys).containsExactly("a-3/OPEN/" + PHONE);
        assertThat(Files.readAllLines(ledger)).hasSize(3);
    }

    @Test
    void shouldNotRecordAFailedMessageSoThatARestartTriesItAgain() throws Exception {
        Path ledger = dir.resolve("sms-ledger.jsonl");
        try (SmsSink.Writer writer = writer(new Recording(), ledger)) {
            writer.write(sms("a-1/OPEN/" + PHONE, "fail"), null);
        }
        try (SmsLedger reread = new SmsLedger(ledger)) {
            assertThat(reread.contains("a-1/OPEN/" + PHONE)).isFalse();
        }
    }

    @Test
    void shouldSkipALineCutByACrash() throws Exception {
        Path ledger = dir.resolve("sms-ledger.jsonl");
        try (SmsSink.Writer writer = writer(new Recording(), ledger)) {
            writer.write(sms("a-1/OPEN/" + PHONE, "one"), null);
        }
        Files.writeString(ledger, "{\"key\":\"a-2/OP", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        Recording restarted = new Recording();
        try (SmsSink.Writer writer = writer(restarted, ledger)) {
            writer.write(sms("a-2/OPEN/" + PHONE, "two"), null);
        }
        assertThat(restarted.keys).containsExactly("a-2/OPEN/" + PHONE);
        try (SmsLedger reread = new SmsLedger(ledger)) {
            assertThat(reread.contains("a-1/OPEN/" + PHONE)).isTrue();
            assertThat(reread.contains("a-2/OPEN/" + PHONE)).isTrue();
        }
    }
}
