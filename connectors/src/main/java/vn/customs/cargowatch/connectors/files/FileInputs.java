package vn.customs.cargowatch.connectors.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import vn.customs.cargowatch.connectors.Inputs;
import vn.customs.cargowatch.model.Topic;

/**
 * Embedded mode: topic {@code t} is the NDJSON file {@code <dir>/t.jsonl}, read once (bounded). A topic
 * without a file is an empty input, so a folder may hold any subset of the topics.
 */
public final class FileInputs implements Inputs {

    private final Path dir;

    public FileInputs(Path dir) {
        this.dir = dir;
    }

    @Override
    public DataStream<String> lines(
            StreamExecutionEnvironment env, Topic<?> topic, WatermarkStrategy<String> watermarks) {
        Path file = dir.resolve(topic.fileName());
        if (!Files.isRegularFile(file)) {
            return env.fromData(List.of(), Types.STRING).name("no " + topic.fileName()).setParallelism(1);
        }
        FileSource<String> source = FileSource
                .forRecordStreamFormat(new TextLineInputFormat("UTF-8"),
                        new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()))
                .build();
        return env.fromSource(source, watermarks, topic.fileName())
                .uid("source-" + topic.name())
                .setParallelism(1);
    }
}
