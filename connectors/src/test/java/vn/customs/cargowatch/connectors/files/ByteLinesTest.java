package vn.customs.cargowatch.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A file's lines reach the job as the bytes they are: no byte replaced, none lost. */
class ByteLinesTest {

    private static List<byte[]> lines(byte[] file, int chunk) throws IOException {
        // an input stream that hands out at most `chunk` bytes a read, as a file system may
        ByteLines lines = new ByteLines(new ByteArrayInputStream(file) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        });
        List<byte[]> all = new ArrayList<>();
        for (byte[] line = lines.next(); line != null; line = lines.next()) {
            all.add(line);
        }
        return all;
    }

    @Test
    void shouldSplitAtNewlinesDroppingCarriageReturnsAndKeepTheLastLineWithoutNewline() throws IOException {
        byte[] file = "a\r\n\nbc\nd".getBytes();

        for (int chunk : new int[] {1, 2, 3, 1024}) {
            assertThat(lines(file, chunk)).as("read %d bytes at a time", chunk)
                    .containsExactly("a".getBytes(), new byte[0], "bc".getBytes(), "d".getBytes());
        }
    }

    @Test
    void shouldEndWithoutAnEmptyLineAfterTheFinalNewline() throws IOException {
        assertThat(lines("a\nb\n".getBytes(), 1024)).containsExactly("a".getBytes(), "b".getBytes());
        assertThat(lines(new byte[0], 1024)).isEmpty();
    }

    @Test
    void shouldHandOnBytesThatAreNotUtf8Unchanged() throws IOException {
        byte[] file = {'{', (byte) 0xC3, (byte) 0x28, '}', '\n', 'x'};

        assertThat(lines(file, 2)).containsExactly(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, "x".getBytes());
    }

    @Test
    void shouldCutALineLongerThanTheLimitAndGoOnWithTheNext() throws IOException {
        byte[] file = new byte[ByteLines.MAX_LINE_BYTES + 10 + 2];
        Arrays.fill(file, (byte) 'a');
        file[ByteLines.MAX_LINE_BYTES + 10] = '\n';
        file[ByteLines.MAX_LINE_BYTES + 11] = 'b';

        List<byte[]> lines = lines(file, 64 * 1024);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(ByteLines.MAX_LINE_BYTES + 1);
        assertThat(lines.get(1)).containsExactly('b');
    }
}
