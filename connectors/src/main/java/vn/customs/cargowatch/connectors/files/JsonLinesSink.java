package vn.customs.cargowatch.connectors.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import vn.customs.cargowatch.model.Json;

/**
 * Writes records as one JSON line each to a single file ({@code alerts.jsonl}, ...), the embedded mode's
 * output topic. Meant for parallelism 1: one writer owns the file; it is flushed on every checkpoint and
 * at the end of input.
 */
public final class JsonLinesSink<T> implements Sink<T> {

    private final String file;

    public JsonLinesSink(Path file) {
        this.file = file.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Path path = Path.of(file);
        Files.createDirectories(path.getParent());
        return new Writer<>(Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final BufferedWriter out;

        Writer(BufferedWriter out) {
            this.out = out;
        }

        @Override
        public void write(T record, Context context) throws IOException {
            out.write(Json.write(record));
            out.newLine();
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
