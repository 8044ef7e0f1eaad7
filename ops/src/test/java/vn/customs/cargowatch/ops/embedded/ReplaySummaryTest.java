package vn.customs.cargowatch.ops.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Topic;

class ReplaySummaryTest {

    @TempDir
    Path work;

    @Test
    void shouldCountAnInputLineThatIsNotUtf8AsARecordRead() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Path output = Files.createDirectories(work.resolve("out"));
        ByteArrayOutputStream fixes = new ByteArrayOutputStream();
        fixes.writeBytes("{\"imei\":\"356938035643809\",\"ts\":\"2026-11-22T01:00:00Z\",\"lat\":20.9,\"lon\":106.3}\n"
                .getBytes(StandardCharsets.UTF_8));
        fixes.writeBytes(new byte[] {'{', '"', 'i', 'm', 'e', 'i', '"', ':', '"', (byte) 0xff, '"', '}', '\n'});
        fixes.writeBytes("  \n".getBytes(StandardCharsets.UTF_8));
        Files.write(input.resolve(Topic.SEAL_FIXES.fileName()), fixes.toByteArray());

        ReplaySummary summary = ReplaySummary.of(input, output, Topic.INPUTS);

        assertThat(summary.recordsRead()).isEqualTo(Map.of("seal.fixes", 2L));
    }
}
