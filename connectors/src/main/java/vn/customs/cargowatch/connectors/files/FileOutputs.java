package vn.customs.cargowatch.connectors.files;

import java.nio.file.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.model.Topic;

/** Embedded mode: output topic {@code t} is the file {@code <dir>/t.jsonl}, rewritten on each run. */
public final class FileOutputs implements Outputs {

    private final Path dir;

    public FileOutputs(Path dir) {
        this.dir = dir;
    }

    @Override
    public <T> void write(DataStream<T> records, Topic<T> topic) {
        records.sinkTo(new JsonLinesSink<>(dir.resolve(topic.fileName())))
                .name(topic.fileName())
                .uid("sink-file-" + topic.name())
                .setParallelism(1);
    }
}
