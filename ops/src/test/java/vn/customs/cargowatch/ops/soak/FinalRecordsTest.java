package vn.customs.cargowatch.ops.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinalRecordsTest {

    @TempDir
    Path work;

    private Path folder(String name, String alerts, String deadLetters, String sms) throws Exception {
        Path folder = Files.createDirectories(work.resolve(name));
        Files.writeString(folder.resolve("alerts.jsonl"), alerts);
        Files.writeString(folder.resolve("deadletter.jsonl"), deadLetters);
        Files.writeString(folder.resolve("sms.jsonl"), sms);
        return folder;
    }

    @Test
    void shouldFindTheSameRecordsWrittenInAnotherOrderAtAnotherTime() throws Exception {
        FinalRecords reference = FinalRecords.of(folder("reference",
                "{\"alertId\":\"a\",\"state\":\"OPEN\"}\n{\"alertId\":\"b\",\"state\":\"OPEN\"}\n"
                        + "{\"alertId\":\"a\",\"state\":\"CLOSED\"}\n",
                "{\"topic\":\"seal.fixes\",\"reason\":\"late\",\"ts\":\"2026-12-02T10:00:00Z\"}\n",
                "{\"sentAt\":\"2026-12-02T10:00:00Z\",\"recipient\":\"84912345678\",\"text\":\"x\"}\n"));
        FinalRecords run = FinalRecords.of(folder("run",
                "{\"alertId\":\"b\",\"state\":\"OPEN\"}\n{\"alertId\":\"a\",\"state\":\"OPEN\"}\n"
                        + "{\"alertId\":\"a\",\"state\":\"CLOSED\"}\n",
                "{\"topic\":\"seal.fixes\",\"reason\":\"late\",\"ts\":\"2026-12-02T11:30:00Z\"}\n",
                "{\"sentAt\":\"2026-12-02T11:30:00Z\",\"recipient\":\"84912345678\",\"text\":\"x\"}\n"));

        assertThat(run.differencesFrom(reference, 3)).isEmpty();
        assertThat(run.counts()).containsEntry("alerts.jsonl", 2).containsEntry("gate.matches.jsonl", 0);
    }

    @Test
    void shouldNameAnAlertWhoseLastStateDiffersADeadLetterMissingAndAnSmsSentTwice() throws Exception {
        FinalRecords reference = FinalRecords.of(folder("reference",
                "{\"alertId\":\"a\",\"state\":\"OPEN\"}\n{\"alertId\":\"a\",\"state\":\"CLOSED\"}\n",
                "{\"topic\":\"seal.fixes\",\"reason\":\"late\"}\n",
                "{\"recipient\":\"84912345678\",\"text\":\"x\"}\n"));
        FinalRecords run = FinalRecords.of(folder("run",
                "{\"alertId\":\"a\",\"state\":\"CLOSED\"}\n{\"alertId\":\"a\",\"state\":\"OPEN\"}\n",
                "",
                "{\"recipient\":\"84912345678\",\"text\":\"x\"}\n{\"recipient\":\"84912345678\",\"text\":\"x\"}\n"));

        assertThat(run.differencesFrom(reference, 3)).containsExactly(
                "alerts.jsonl: 1 final records only in the reference, 1 only in this run",
                "  reference: {\"alertId\":\"a\",\"state\":\"CLOSED\"}",
                "  this run:  {\"alertId\":\"a\",\"state\":\"OPEN\"}",
                "deadletter.jsonl: 1 final records only in the reference, 0 only in this run",
                "  reference: {\"topic\":\"seal.fixes\",\"reason\":\"late\"}",
                "sms.jsonl: 0 final records only in the reference, 1 only in this run",
                "  this run:  {\"recipient\":\"84912345678\",\"text\":\"x\"}");
    }

    @Test
    void shouldTakeALogWrittenAgainAfterARestoreAsTheSameButNotALogMissingARecord() throws Exception {
        FinalRecords reference = FinalRecords.of(folder("reference", "{\"alertId\":\"a\",\"state\":\"OPEN\"}\n",
                "{\"topic\":\"seal.fixes\",\"reason\":\"late\"}\n{\"topic\":\"seal.fixes\",\"reason\":\"odd\"}\n",
                "{\"recipient\":\"84912345678\",\"text\":\"x\"}\n"));
        FinalRecords again = FinalRecords.of(folder("again", "{\"alertId\":\"a\",\"state\":\"OPEN\"}\n",
                "{\"topic\":\"seal.fixes\",\"reason\":\"late\"}\n{\"topic\":\"seal.fixes\",\"reason\":\"odd\"}\n"
                        + "{\"topic\":\"seal.fixes\",\"reason\":\"late\"}\n",
                ""));
        FinalRecords missing = FinalRecords.of(folder("missing", "{\"alertId\":\"a\",\"state\":\"OPEN\"}\n",
                "{\"topic\":\"seal.fixes\",\"reason\":\"late\"}\n{\"topic\":\"seal.fixes\",\"reason\":\"late\"}\n",
                ""));
        List<String> kafkaOutputs = List.of("alerts.jsonl", "deadletter.jsonl");

        assertThat(again.differencesFrom(reference, 3)).as("compared whole, the repeat and the SMS differ")
                .hasSize(4);
        assertThat(again.withoutRepeats().only(kafkaOutputs)
                .differencesFrom(reference.withoutRepeats().only(kafkaOutputs), 3)).isEmpty();
        assertThat(missing.withoutRepeats().only(kafkaOutputs)
                .differencesFrom(reference.withoutRepeats().only(kafkaOutputs), 3)).containsExactly(
                "deadletter.jsonl: 1 final records only in the reference, 0 only in this run",
                "  reference: {\"topic\":\"seal.fixes\",\"reason\":\"odd\"}");
    }
}
