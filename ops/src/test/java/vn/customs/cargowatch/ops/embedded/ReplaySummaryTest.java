package vn.customs.cargowatch.ops.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Topic;

class ReplaySummaryTest {

    @TempDir
    Path work;

    @Test
    void shouldSayWhichValidRecordsWereNotUsedAndWhy() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Path output = Files.createDirectories(work.resolve("out"));
        Map<String, org.apache.flink.util.OptionalFailure<Object>> accumulators = Map.of(
                "inputs-unused|seal.fixes|NO_TRIP", org.apache.flink.util.OptionalFailure.of(60L),
                "inputs-unused|seal.fixes|DUPLICATE", org.apache.flink.util.OptionalFailure.of(14L),
                "inputs-unused|seal.trips|DUPLICATE", org.apache.flink.util.OptionalFailure.of(0L),
                "something-else", org.apache.flink.util.OptionalFailure.of(5L));

        ReplaySummary summary = ReplaySummary.of(input, output, new JobExecutionResult(null, 0, accumulators));

        assertThat(summary.notUsed()).isEqualTo(Map.of("seal.fixes", Map.of("no trip", 60L, "duplicate", 14L)));
    }

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

        ReplaySummary summary = ReplaySummary.of(input, output, new JobExecutionResult(null, 0, Map.of()));

        assertThat(summary.recordsRead()).as("the blank line is read too, and dead-lettered as an empty record")
                .isEqualTo(Map.of("seal.fixes", 3L));
    }
}
