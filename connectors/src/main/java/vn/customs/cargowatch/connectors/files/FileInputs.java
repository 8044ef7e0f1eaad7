package vn.customs.cargowatch.connectors.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
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
 * an empty one's too, ends at the last event of the whole folder ({@link LastEventWatermark}).
 */
public final class FileInputs implements Inputs {

    private final Path dir;
    private final long lastEventTime;
    private final boolean heldOpen;

    /**
     * @param decoders a fresh decoder of each topic, as the job reads it: the folder's last event is where the
     *     job's own reading of every file puts its event time at the end (a rejected record moves no time)
     */
    public FileInputs(Path dir, Function<Topic<?>, RecordDecoder<?>> decoders) {
        this(dir, lastEventTime(dir, decoders), false);
    }

    private FileInputs(Path dir, long lastEventTime, boolean heldOpen) {
        this.dir = dir;
        this.lastEventTime = lastEventTime;
        this.heldOpen = heldOpen;
    }

    /**
     * The files read once, and the job then held open (the sources keep watching their folder) instead of ending: its
     * state stays as the input left it, for a checkpoint to measure. Event time stays where the input took it.
     */
    public static FileInputs heldOpen(Path dir) {
        return new FileInputs(dir, Long.MIN_VALUE, true);
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
            FileSource<T> source = heldOpen ? builder.monitorContinuously(java.time.Duration.ofHours(1)).build()
                    : builder.build();
            records = env.fromSource(source, watermarks, topic.fileName()).uid("source-" + topic.name())
                    .setParallelism(1);
        }
        // An empty topic too: until it ends its event time holds every operator it feeds at the start, and if it
        // ended last without this step they would jump from there to the end of time across every deadline.
        return records.transform("event time ends at the last event", decoder.producedType(),
                        new LastEventWatermark<T>(lastEventTime))
                .uid("last-event-" + topic.name())
                .setParallelism(1);
    }

    /** The latest event time the job's reading reaches in any input file of the folder. */
    static long lastEventTime(Path dir, Function<Topic<?>, RecordDecoder<?>> decoders) {
        long last = Long.MIN_VALUE;
        for (Topic<?> topic : Topic.INPUTS) {
            Path file = dir.resolve(topic.fileName());
            if (Files.isRegularFile(file)) {
                RecordDecoder<?> decoder = decoders.apply(topic);
                try (InputStream in = Files.newInputStream(file)) {
                    ByteLines lines = new ByteLines(in);
                    for (byte[] line = lines.next(); line != null; line = lines.next()) {
                        decoder.decode(line, 0);
                    }
                } catch (IOException e) {
                    return Long.MIN_VALUE; // unreadable: the replay reports it when it reads the file
                }
                last = Math.max(last, decoder.eventTime());
            }
        }
        return last;
    }
}
