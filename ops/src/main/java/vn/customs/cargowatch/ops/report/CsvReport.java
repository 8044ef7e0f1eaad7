package vn.customs.cargowatch.ops.report;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's CSV for the analytics team: its {@link Report#csv()} table, a header of the table's keys, one line per
 * row, UTF-8 without a byte-order mark, quoted as RFC 4180 wants (Jackson's CSV writer).
 */
public final class CsvReport {

    private CsvReport() {}

    public static void write(Report report, OutputStream out) throws IOException {
        Report.Table table = report.csv();
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        table.keys().forEach(schema::addColumn);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> row : table.rows()) {
            Map<String, String> line = new LinkedHashMap<>();
            for (int i = 0; i < table.keys().size(); i++) {
                line.put(table.keys().get(i), row.get(i) == null ? "" : row.get(i));
            }
            rows.add(line);
        }
        new CsvMapper().writer(schema.build()).writeValue(out, rows);
    }
}
