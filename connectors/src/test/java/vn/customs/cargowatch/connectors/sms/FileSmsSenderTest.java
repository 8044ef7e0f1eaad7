package vn.customs.cargowatch.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Json;

class FileSmsSenderTest {

    private static final Instant SENT = Instant.parse("2026-11-23T07:06:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldWriteEachMessageAsOneJsonLineThatReadsBackTheSame() throws Exception {
        Path file = dir.resolve("out/sms.jsonl");
        SmsMessage stop = new SmsMessage("84912345678", "[Hải quan] CẢNH BÁO Dừng quá 90 phút: cont MSCU1234565",
                "1b2c3d4e", "1b2c3d4e/OPEN/84912345678");
        SmsMessage digest = new SmsMessage("84987654321", "x".repeat(71), null, "digest/84987654321/1");

        SmsReceipt receipt;
        try (FileSmsSender sender = new FileSmsSender(file, Clock.fixed(SENT, ZoneOffset.UTC))) {
            receipt = sender.send(stop);
            sender.send(digest);
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(Json.read(lines.get(0), SmsMessage.class)).isEqualTo(stop);
        assertThat(Json.read(lines.get(1), SmsMessage.class)).isEqualTo(digest);
        assertThat(Json.read(lines.get(0), FileSmsSender.Line.class))
                .isEqualTo(new FileSmsSender.Line(SENT, stop.recipient(), stop.text(), stop.alertId(), stop.key(), 1));
        assertThat(Json.read(lines.get(1), FileSmsSender.Line.class).segments()).isEqualTo(2);
        assertThat(lines.get(1)).doesNotContain("alertId");
        assertThat(receipt.messageIds()).containsExactly(stop.key() + "#1");
    }

    @Test
    void shouldAppendToWhatTheFileHolds() throws Exception {
        Path file = dir.resolve("sms.jsonl");
        SmsMessage first = new SmsMessage("84912345678", "một", "a", "a/OPEN/84912345678");
        SmsMessage second = new SmsMessage("84912345678", "hai", "b", "b/OPEN/84912345678");

        try (FileSmsSender sender = new FileSmsSender(file)) {
            sender.send(first);
        }
        try (FileSmsSender sender = new FileSmsSender(file)) {
            sender.send(second);
        }

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                .extracting(line -> Json.read(line, SmsMessage.class).text()).containsExactly("một", "hai");
    }
}
