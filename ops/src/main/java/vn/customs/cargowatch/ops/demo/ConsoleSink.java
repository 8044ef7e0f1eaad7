package vn.customs.cargowatch.ops.demo;

import java.io.PrintStream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Prints records as they are produced, one line each (or none where the line is {@code null}), for the
 * demo. Embedded mode only: it writes to this JVM's standard output.
 */
public final class ConsoleSink<T> implements Sink<T> {

    private final SerializableFunction<T, String> toLine;

    public ConsoleSink(SerializableFunction<T, String> toLine) {
        this.toLine = toLine;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        PrintStream out = System.out;
        return new SinkWriter<>() {
            @Override
            public void write(T record, Context context) {
                String line = toLine.apply(record);
                if (line != null) {
                    out.println(line);
                }
            }

            @Override
            public void flush(boolean endOfInput) {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }
}
