package vn.customs.cargowatch.connectors.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import vn.customs.cargowatch.connectors.Inputs;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.Topic;

/**
 * Embedded mode: topic {@code t} is the NDJSON file {@code <dir>/t.jsonl}, read once (bounded). A topic
 * without a file is an empty input, so a folder may hold any subset of the topics. Each topic's event time,
 * an empty one's too, ends at the last event of the whole folder ({@link LastEventWatermark}).
 */
public final class FileInputs implements Inputs {

    private final Path dir;
    private final long lastEventTime;

    /**
     * @param maxAhead a record stamped further ahead of its topic's newest one is rejected by the job, so its
     *     stamp does not count as the input's last event either
     */
    public FileInputs(Path dir, Duration maxAhead) {
        this.dir = dir;
        this.lastEventTime = lastEventTime(dir, maxAhead.toMillis());
    }

    @Override
    public DataStream<String> lines(
            StreamExecutionEnvironment env, Topic<?> topic, WatermarkStrategy<String> watermarks) {
        Path file = dir.resolve(topic.fileName());
        DataStream<String> lines;
        if (!Files.isRegularFile(file)) {
            // Flink 2.2's fromData() fails on an empty collection; an empty bounded source is this.
            lines = env.fromSequence(0, 0).setParallelism(1).name("no " + topic.fileName())
                    .filter(ignored -> false).setParallelism(1).name("no " + topic.fileName())
                    .map(ignored -> "").returns(Types.STRING).setParallelism(1).name("no " + topic.fileName());
        } else {
            FileSource<String> source = FileSource
                    .forRecordStreamFormat(new TextLineInputFormat("UTF-8"),
                            new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()))
                    .build();
            lines = env.fromSource(source, watermarks, topic.fileName()).uid("source-" + topic.name())
                    .setParallelism(1);
        }
        // An empty topic too: until it ends its event time holds every operator it feeds at the start, and if it
        // ended last without this step they would jump from there to the end of time across every deadline.
        return lines.transform("event time ends at the last event", Types.STRING, new LastEventWatermark(lastEventTime))
                .uid("last-event-" + topic.name())
                .setParallelism(1);
    }

    /** The latest {@code ts} the job will accept in any input file of the folder. */
    static long lastEventTime(Path dir, long maxAheadMillis) {
        long last = Long.MIN_VALUE;
        for (Topic<?> topic : Topic.INPUTS) {
            Path file = dir.resolve(topic.fileName());
            if (Files.isRegularFile(file)) {
                try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                    long newest = Long.MIN_VALUE;
                    for (long ts : (Iterable<Long>) lines.map(Json::eventTimeOf)::iterator) {
                        newest = Times.newestAccepted(newest, ts, maxAheadMillis);
                    }
                    last = Math.max(last, newest);
                } catch (IOException | UncheckedIOException e) {
                    return Long.MIN_VALUE; // unreadable: the replay reports it when it reads the file
                }
            }
        }
        return last;
    }
}
