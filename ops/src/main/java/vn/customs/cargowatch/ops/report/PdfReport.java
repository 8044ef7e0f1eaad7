package vn.customs.cargowatch.ops.report;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A report's PDF for the customs file: A4, in Vietnamese with its diacritics, in DejaVu Sans embedded from the project's
 * resources ({@code fonts/}, its licence beside it) so that it prints the same on any machine. The page opens as the
 * regulation's forms do: the issuing authority at the top left, the national motto and the form's name at the top
 * right, then the title, the subject, and the sections in order.
 */
public final class PdfReport {

    private static final String MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    private static final String MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc";
    private static final Color RULE = new Color(0x99, 0x99, 0x99);
    private static final Color HEADER = new Color(0xE8, 0xE8, 0xE8);

    private PdfReport() {}

    public static void write(Report report, OutputStream out) throws IOException {
        BaseFont regular = font("fonts/DejaVuSans.ttf");
        BaseFont bold = font("fonts/DejaVuSans-Bold.ttf");
        Font body = new Font(regular, 9);
        Font strong = new Font(bold, 9);
        Font heading = new Font(bold, 11);
        Font title = new Font(bold, 14);
        Document document = new Document(PageSize.A4, 42, 42, 42, 42);
        try {
            // an image that does not fit the page's rest waits for the next page, and so does what follows it
            PdfWriter.getInstance(document, out).setStrictImageSequence(true);
            document.addTitle(report.title());
            document.addCreator("cargowatch");
            document.open();
            document.add(top(report, body, strong));
            Paragraph name = new Paragraph(report.title(), title);
            name.setAlignment(Element.ALIGN_CENTER);
            name.setSpacingBefore(14);
            document.add(name);
            if (report.subtitle() != null) {
                Paragraph subject = new Paragraph(report.subtitle(), strong);
                subject.setAlignment(Element.ALIGN_CENTER);
                subject.setSpacingAfter(8);
                document.add(subject);
            }
            for (Report.Section section : report.sections()) {
                Paragraph head = new Paragraph(section.heading(), heading);
                head.setSpacingBefore(10);
                head.setSpacingAfter(4);
                document.add(head);
                if (section instanceof Report.Fields fields) {
                    document.add(fields(fields, body, strong));
                } else if (section instanceof Report.Table table) {
                    document.add(table(table, body, strong));
                } else if (section instanceof Report.Image image) {
                    com.lowagie.text.Image picture = com.lowagie.text.Image.getInstance(image.png());
                    picture.scaleToFit(document.getPageSize().getWidth() - 84, 420);
                    picture.setAlignment(Element.ALIGN_CENTER);
                    document.add(picture);
                    if (image.caption() != null) {
                        Paragraph caption = new Paragraph(image.caption(), body);
                        caption.setAlignment(Element.ALIGN_CENTER);
                        document.add(caption);
                    }
                } else if (section instanceof Report.Paragraph text) {
                    document.add(new Paragraph(text.text(), body));
                }
            }
            document.close();
        } catch (DocumentException e) {
            throw new IOException("cannot write the PDF: " + e.getMessage(), e);
        }
    }

    /** The authority (left) and the motto with the form's name (right), as the regulation's forms open. */
    private static PdfPTable top(Report report, Font body, Font strong) {
        PdfPTable top = new PdfPTable(2);
        top.setWidthPercentage(100);
        PdfPCell left = cell(null);
        for (String line : report.authority()) {
            Paragraph paragraph = new Paragraph(line, strong);
            paragraph.setAlignment(Element.ALIGN_CENTER);
            left.addElement(paragraph);
        }
        PdfPCell right = cell(null);
        for (Paragraph line : new Paragraph[] {new Paragraph(MOTTO, strong), new Paragraph(MOTTO_LINE, strong),
                new Paragraph(report.form() == null ? "" : report.form(), body)}) {
            line.setAlignment(Element.ALIGN_CENTER);
            right.addElement(line);
        }
        top.addCell(left);
        top.addCell(right);
        return top;
    }

    private static PdfPTable fields(Report.Fields fields, Font body, Font strong) throws DocumentException {
        PdfPTable table = new PdfPTable(2);
        table.setWidthPercentage(100);
        table.setWidths(new float[] {1, 2.4f});
        for (Report.Field field : fields.fields()) {
            PdfPCell label = cell(new Phrase(field.label(), strong));
            label.setBorderColor(RULE);
            PdfPCell value = cell(new Phrase(field.value() == null ? "-" : field.value(), body));
            value.setBorderColor(RULE);
            label.setBorder(Rectangle.BOTTOM);
            value.setBorder(Rectangle.BOTTOM);
            table.addCell(label);
            table.addCell(value);
        }
        return table;
    }

    private static PdfPTable table(Report.Table data, Font body, Font strong) throws DocumentException {
        PdfPTable table = new PdfPTable(data.columns().size());
        table.setWidthPercentage(100);
        table.setWidths(widths(data, body, strong));
        table.setHeaderRows(1);
        for (String column : data.columns()) {
            PdfPCell cell = new PdfPCell(new Phrase(column, strong));
            cell.setBackgroundColor(HEADER);
            cell.setBorderColor(RULE);
            table.addCell(cell);
        }
        for (java.util.List<String> row : data.rows()) {
            for (String value : row) {
                PdfPCell cell = new PdfPCell(new Phrase(value == null ? "" : value, body));
                cell.setBorderColor(RULE);
                table.addCell(cell);
            }
        }
        if (data.rows().isEmpty()) {
            PdfPCell none = new PdfPCell(new Phrase("(không có)", body));
            none.setColspan(data.columns().size());
            none.setBorderColor(RULE);
            table.addCell(none);
        }
        return table;
    }

    /**
     * Each column at least as wide as its longest word in the font (a container number is never cut in two), the
     * page's rest shared by how much more each column's longest line (up to {@link #WRAP_AT} points) would take: a
     * number stays narrow, a handling history gets the room it needs. Measured in points, as DejaVu's capitals and
     * digits are wider than a count of characters says.
     */
    private static float[] widths(Report.Table data, Font body, Font strong) {
        int columns = data.columns().size();
        float[] least = new float[columns];
        float[] wanted = new float[columns];
        for (int i = 0; i < columns; i++) {
            least[i] = longestWord(data.columns().get(i), strong);
            wanted[i] = width(data.columns().get(i), strong);
            for (java.util.List<String> row : data.rows()) {
                String value = row.get(i) == null ? "" : row.get(i);
                least[i] = Math.max(least[i], longestWord(value, body));
                for (String line : value.split("\n")) {
                    wanted[i] = Math.max(wanted[i], width(line, body));
                }
            }
            least[i] += CELL_PADDING;
            wanted[i] = Math.max(least[i], Math.min(wanted[i] + CELL_PADDING, WRAP_AT));
        }
        float spare = PAGE_WIDTH;
        float growth = 0;
        for (int i = 0; i < columns; i++) {
            spare -= least[i];
            growth += wanted[i] - least[i];
        }
        float[] widths = new float[columns];
        for (int i = 0; i < columns; i++) {
            float share = spare <= 0 ? 0 : growth == 0 ? spare / columns : spare * (wanted[i] - least[i]) / growth;
            widths[i] = least[i] + share;
        }
        return widths;
    }

    /** The width of the A4 page between its margins, in points. */
    private static final float PAGE_WIDTH = PageSize.A4.getWidth() - 84;
    /** A cell's padding either side and its border. */
    private static final float CELL_PADDING = 6;
    /** A line longer than this wraps rather than widening its column further. */
    private static final float WRAP_AT = 150;

    private static float width(String text, Font font) {
        return font.getBaseFont().getWidthPoint(text, font.getSize());
    }

    private static float longestWord(String text, Font font) {
        float longest = 0;
        for (String word : text.split("\\s+")) {
            longest = Math.max(longest, width(word, font));
        }
        return longest;
    }

    private static PdfPCell cell(Phrase phrase) {
        PdfPCell cell = phrase == null ? new PdfPCell() : new PdfPCell(phrase);
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setPaddingBottom(3);
        return cell;
    }

    /** A font of the project's resources, embedded whole in the PDF with its Unicode glyph map (Identity-H). */
    private static BaseFont font(String resource) {
        try (InputStream in = PdfReport.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the font " + resource + " is not on the classpath");
            }
            byte[] bytes = in.readAllBytes();
            return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DocumentException e) {
            throw new IllegalStateException("the font " + resource + " cannot be read: " + e.getMessage(), e);
        }
    }
}
