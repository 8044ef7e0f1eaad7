package vn.customs.cargowatch.connectors.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import vn.customs.cargowatch.connectors.Inputs;
import vn.customs.cargowatch.connectors.RecordDecoder;
import vn.customs.cargowatch.model.Topic;

/**
 * Embedded mode: topic {@code t} is the NDJSON file {@code <dir>/t.jsonl}, read once (bounded). A topic
 * without a file is an empty input, so a folder may hold any subset of the topics. Each topic's event time,
 * an empty one's too, ends at the last event of the whole folder ({@link LastEventWatermark}, {@link FolderEnd}).
 */
public final class FileInputs implements Inputs {

    private final Path dir;
    /** The folder's id where its topics meet at their end ({@link FolderEnd}); null: held open, no end. */
    private final String folder;

    public FileInputs(Path dir) {
        this(dir, UUID.randomUUID().toString());
    }

    private FileInputs(Path dir, String folder) {
        this.dir = dir;
        this.folder = folder;
    }

    /**
     * The files read once, and the job then held open (the sources keep watching their folder) instead of ending: its
     * state stays as the input left it, for a checkpoint to measure. Event time stays where the input took it.
     */
    public static FileInputs heldOpen(Path dir) {
        return new FileInputs(dir, null);
    }

    @Override
    public <T> DataStream<T> read(StreamExecutionEnvironment env, Topic<?> topic, RecordDecoder<T> decoder,
            WatermarkStrategy<T> watermarks) {
        Path file = dir.resolve(topic.fileName());
        DataStream<T> records;
        if (!Files.isRegularFile(file)) {
            // Flink 2.2's fromData() fails on an empty collection; an empty bounded source is this.
            records = env.fromSequence(0, 0).setParallelism(1).name("no " + topic.fileName())
                    .filter(ignored -> false).setParallelism(1).name("no " + topic.fileName())
                    .map(ignored -> (T) null).returns(decoder.producedType()).setParallelism(1)
                    .name("no " + topic.fileName());
        } else {
            var builder = FileSource.forRecordStreamFormat(new DecodedLinesFormat<>(decoder),
                    new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()));
            FileSource<T> source = folder == null ? builder.monitorContinuously(java.time.Duration.ofHours(1)).build()
                    : builder.build();
            records = env.fromSource(source, watermarks, topic.fileName()).uid("source-" + topic.name())
                    .setParallelism(1);
        }
        if (folder == null) {
            return records;
        }
        // An empty topic too: until it ends its event time holds every operator it feeds at the start, and if it
        // ended last without this step they would jump from there to the end of time across every deadline.
        FolderEnd.of(folder).expect();
        return records.transform("event time ends at the last event", decoder.producedType(),
                        new LastEventWatermark<>(folder, topic.name(), decoder))
                .uid("last-event-" + topic.name())
                .setParallelism(1);
    }
}
