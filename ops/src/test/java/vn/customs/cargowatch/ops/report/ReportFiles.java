package vn.customs.cargowatch.ops.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/** What the reports' tests write and read: a replay's folders by hand, a report's PDF as text and its CSV as rows. */
public final class ReportFiles {

    private ReportFiles() {}

    /** {@code records} as {@code topic}'s file in {@code folder}, in the order given (a later version last). */
    public static <T> void write(Path folder, Topic<T> topic, List<? extends T> records) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (T record : records) {
            lines.append(Json.write(record)).append('\n');
        }
        Files.writeString(folder.resolve(topic.fileName()), lines, StandardCharsets.UTF_8);
    }

    /** The PDF's text as poppler's pdftotext reads it (Debian's poppler-utils; ./cargowatch test installs it). */
    public static String pdfToText(Path pdf) throws Exception {
        // in the order the PDF draws its text (a table cell's lines together), lines joined by one space
        Process process = new ProcessBuilder("pdftotext", "-raw", pdf.toString(), "-").redirectErrorStream(true)
                .start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(text).isZero();
        return text.replaceAll("\\s+", " ");
    }

    /** A report's CSV as rows by column name. */
    public static List<Map<String, String>> csv(Path file) throws Exception {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return rows.readAll();
        }
    }
}
