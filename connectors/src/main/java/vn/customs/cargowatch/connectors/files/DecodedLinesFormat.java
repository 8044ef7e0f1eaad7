package vn.customs.cargowatch.connectors.files;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import vn.customs.cargowatch.connectors.RecordDecoder;

/**
 * A file of one record per line, each line's bytes handed to the job's decoder as they are (Flink's own
 * {@code TextLineInputFormat} would have replaced bytes that are not UTF-8 before anyone could see them).
 */
final class DecodedLinesFormat<T> extends SimpleStreamFormat<T> {

    private final RecordDecoder<T> decoder;

    DecodedLinesFormat(RecordDecoder<T> decoder) {
        this.decoder = decoder;
    }

    @Override
    public StreamFormat.Reader<T> createReader(Configuration config, FSDataInputStream stream) {
        ByteLines lines = new ByteLines(stream);
        return new StreamFormat.Reader<>() {
            @Override
            public T read() throws IOException {
                byte[] line = lines.next();
                return line == null ? null : decoder.decode(line, 0);
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return decoder.producedType();
    }
}
