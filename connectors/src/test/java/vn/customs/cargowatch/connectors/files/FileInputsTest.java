package vn.customs.cargowatch.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.connectors.RecordDecoder;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * A topic's event time ends at the last event of the whole folder before the end of time — an empty topic's too,
 * though it ends long before the topic with the folder's last event: otherwise, ending last, it would make every
 * operator it feeds jump from the start to the end of time across the replay's deadlines (seen as a replay missing
 * its SIGNAL_LOST, STOP and NOT_ARRIVED alerts on a loaded machine).
 */
class FileInputsTest {

    static final Instant LAST_EVENT = Instant.parse("2026-11-22T05:00:00Z");

    @TempDir
    Path dir;

    /** A stand-in for the job's reading: each line as text; the topic's time its own stamp. */
    static final class Lines implements RecordDecoder<String> {
        @Override
        public String decode(byte[] message, int partition) {
            return new String(message, StandardCharsets.UTF_8);
        }

        @Override
        public TypeInformation<String> producedType() {
            return Types.STRING;
        }

        @Override
        public long topicTimeOf(String line) {
            return Json.eventTimeOf(line);
        }
    }

    /** Each watermark that passes, as a record naming its topic, so that a test can collect them in order. */
    static final class WatermarksAsRecords extends AbstractStreamOperator<String>
            implements OneInputStreamOperator<String, String> {
        private final String topic;

        WatermarksAsRecords(String topic) {
            this.topic = topic;
        }

        @Override
        public void processElement(StreamRecord<String> line) {}

        @Override
        public void processWatermark(Watermark mark) throws Exception {
            output.collect(new StreamRecord<>(topic + " " + mark.getTimestamp()));
            super.processWatermark(mark);
        }
    }

    /** The watermarks of each topic when a folder with a fixes file (and no other) is read as the replay does. */
    private List<String> watermarks(List<Topic<?>> topics) throws Exception {
        Files.writeString(dir.resolve(Topic.SEAL_FIXES.fileName()), String.join("\n",
                "{\"imei\":\"356938035643809\",\"ts\":\"2026-11-22T04:00:00Z\"}",
                "{\"imei\":\"356938035643809\",\"ts\":\"" + LAST_EVENT + "\"}", ""));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        FileInputs inputs = new FileInputs(dir);
        List<DataStream<String>> marks = topics.stream().<DataStream<String>>map(topic -> inputs.read(env, topic, new Lines(),
                WatermarkStrategy.<String>noWatermarks())
                .transform("watermarks of " + topic, Types.STRING, new WatermarksAsRecords(topic.name()))).toList();
        DataStream<String> all = marks.get(0);
        for (DataStream<String> more : marks.subList(1, marks.size())) {
            all = all.union(more);
        }
        return all.executeAndCollect(20);
    }

    @Test
    void shouldEndAnEmptyTopicsEventTimeAtTheFoldersLastEventFirst() throws Exception {
        List<String> marks = watermarks(List.of(Topic.SEAL_EVENTS, Topic.SEAL_FIXES));

        assertThat(marks.stream().filter(mark -> mark.startsWith("seal.events "))).containsExactly(
                "seal.events " + LAST_EVENT.toEpochMilli(), "seal.events " + Long.MAX_VALUE);
        assertThat(marks.stream().filter(mark -> mark.startsWith("seal.fixes "))).containsExactly(
                "seal.fixes " + LAST_EVENT.toEpochMilli(), "seal.fixes " + Long.MAX_VALUE);
    }

    @Test
    void shouldEndAlone() throws Exception {
        assertThat(watermarks(List.of(Topic.SEAL_FIXES)))
                .containsExactly("seal.fixes " + LAST_EVENT.toEpochMilli(), "seal.fixes " + Long.MAX_VALUE);
    }
}
