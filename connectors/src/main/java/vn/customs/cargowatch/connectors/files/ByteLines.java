package vn.customs.cargowatch.connectors.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lines of an NDJSON file as raw bytes: split at {@code \n} (a {@code \r} before it dropped), the last line
 * without a newline included, no byte decoded. A line longer than {@value #MAX_LINE_BYTES} bytes is cut there (the
 * rest skipped): it is no record of the contract, and the cut is still enough to dead-letter it.
 *
 * <p>How everything that reads an input file sees its lines — the job's file inputs, the replay's summary, {@code
 * feed} — so that a byte that is no UTF-8 reaches the job as it is, and nothing else trips over it first.
 */
public final class ByteLines {

    /** Far above any record of the contract (a registered route of 100,000 positions is about 4 MB). */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    public ByteLines(InputStream in) {
        this.in = in;
    }

    /** Every line of {@code file}, in order. */
    public static List<byte[]> read(Path file) throws IOException {
        List<byte[]> all = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            ByteLines lines = new ByteLines(in);
            for (byte[] line = lines.next(); line != null; line = lines.next()) {
                all.add(line);
            }
        }
        return all;
    }

    /** How many records a file holds, as a replay reads them: its lines, blank ones included, whatever the bytes. */
    public static long count(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ByteLines lines = new ByteLines(in);
            long count = 0;
            while (lines.next() != null) {
                count++;
            }
            return count;
        }
    }

    /** The next line, or {@code null} at the end of the file. */
    public byte[] next() throws IOException {
        line.reset();
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? withoutCarriageReturn(line.toByteArray()) : null;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int room = MAX_LINE_BYTES + 1 - line.size();
            line.write(buffer, start, Math.max(0, Math.min(room, position - start)));
            if (position < limit) {
                position++; // the newline
                return withoutCarriageReturn(line.toByteArray());
            }
        }
    }

    private static byte[] withoutCarriageReturn(byte[] bytes) {
        int length = bytes.length;
        return length > 0 && bytes[length - 1] == '\r' ? Arrays.copyOf(bytes, length - 1) : bytes;
    }
}
