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
 * A topic's event time ends at the last event of the whole folder before the end of time — an empty topic's too:
 * otherwise, ending last, it would make every operator it feeds jump from the start to the end of time across the
 * replay's deadlines (seen as a replay missing its SIGNAL_LOST, STOP and NOT_ARRIVED alerts on a loaded machine).
 */
class FileInputsTest {

    static final Instant LAST_EVENT = Instant.parse("2026-11-22T05:00:00Z");

    @TempDir
    Path dir;

    /** A stand-in for the job's reading: each line as text; the topic's time its newest stamp. */
    static final class Lines implements RecordDecoder<String> {
        private long newest = Long.MIN_VALUE;

        @Override
        public String decode(byte[] message, int partition) {
            String line = new String(message, StandardCharsets.UTF_8);
            newest = Math.max(newest, Json.eventTimeOf(line));
            return line;
        }

        @Override
        public TypeInformation<String> producedType() {
            return Types.STRING;
        }

        @Override
        public long eventTime() {
            return newest;
        }
    }

    /** Each watermark that passes, as a record, so that a test can collect them in order. */
    static final class WatermarksAsRecords extends AbstractStreamOperator<String>
            implements OneInputStreamOperator<String, String> {

        @Override
        public void processElement(StreamRecord<String> line) {}

        @Override
        public void processWatermark(Watermark mark) throws Exception {
            output.collect(new StreamRecord<>(String.valueOf(mark.getTimestamp())));
            super.processWatermark(mark);
        }
    }

    private List<String> watermarksOf(Topic<?> topic) throws Exception {
        Files.writeString(dir.resolve(Topic.SEAL_FIXES.fileName()), String.join("\n",
                "{\"imei\":\"356938035643809\",\"ts\":\"2026-11-22T04:00:00Z\"}",
                "{\"imei\":\"356938035643809\",\"ts\":\"" + LAST_EVENT + "\"}", ""));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        return new FileInputs(dir, ignored -> new Lines()).read(env, topic, new Lines(), WatermarkStrategy.noWatermarks())
                .transform("watermarks", Types.STRING, new WatermarksAsRecords())
                .executeAndCollect(10);
    }

    @Test
    void shouldEndAnEmptyTopicsEventTimeAtTheFoldersLastEventFirst() throws Exception {
        assertThat(watermarksOf(Topic.SEAL_EVENTS))
                .containsExactly(String.valueOf(LAST_EVENT.toEpochMilli()), String.valueOf(Long.MAX_VALUE));
    }

    @Test
    void shouldEndATopicsEventTimeAtTheFoldersLastEventFirst() throws Exception {
        assertThat(watermarksOf(Topic.SEAL_FIXES))
                .containsExactly(String.valueOf(LAST_EVENT.toEpochMilli()), String.valueOf(Long.MAX_VALUE));
    }
}
