package vn.customs.cargowatch.ops.report;

import java.util.List;

/**
 * One report as the officers read it and the analytics team loads it (issue 14): the regulation form's headings, its
 * sections in order, and the one table its CSV is. Both renderers ({@link PdfReport}, {@link CsvReport}) read only this
 * model, so the PDF and the CSV of a report say the same.
 *
 * @param authority the issuing authority's lines at the top left (TỔNG CỤC HẢI QUAN / CỤC … / CHI CỤC …)
 * @param title the form's title (e.g. "BÁO CÁO TÓM TẮT KẾT QUẢ THEO DÕI")
 * @param subtitle what it is about (the trip, the shift, the month)
 * @param form the regulation's form it follows (e.g. "Phụ lục IV, Quyết định 3740/QĐ-TCHQ"), printed at the top right
 * @param csv the table the CSV writes, one of {@code sections}
 */
public record Report(List<String> authority, String title, String subtitle, String form, List<Section> sections,
        Table csv) {

    /** A part of a report. */
    public sealed interface Section permits Fields, Table, Image, Paragraph {
        String heading();
    }

    /** Labelled values, one per line. */
    public record Fields(String heading, List<Field> fields) implements Section {}

    public record Field(String label, String value) {}

    /**
     * Rows under named columns. {@code columns} are the printed headings; {@code keys} the CSV's column names (plain
     * ASCII, documented in docs/reports.md), one per column.
     */
    public record Table(String heading, List<String> columns, List<String> keys, List<List<String>> rows)
            implements Section {

        public Table {
            if (keys.size() != columns.size()) {
                throw new IllegalArgumentException(heading + ": " + columns.size() + " columns, " + keys.size()
                        + " CSV keys");
            }
            for (List<String> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException(heading + ": a row of " + row.size() + " cells under "
                            + columns.size() + " columns");
                }
            }
        }
    }

    /** A picture (PNG), e.g. the map of a trip. */
    public record Image(String heading, byte[] png, String caption) implements Section {}

    /** Running text. */
    public record Paragraph(String heading, String text) implements Section {}
}
