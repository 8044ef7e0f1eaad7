package vn.customs.cargowatch.jobs.common;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import vn.customs.cargowatch.connectors.Inputs;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Topic;

/**
 * Opens the input topics and reads them, each exactly once, collecting every topic's dead letters. Every topic is
 * decoded inside its source by {@link TopicDecoders}; topics with event time get the watermarks of {@link
 * EventTimeWatermarks} — from their records alone when read as history, following the wall clock when quiet when
 * read live ({@link Inputs#liveQuietAfter}); reference topics none (live, a quiet one is idle, so it holds nothing
 * back).
 */
public final class TopicParsing {

    private final StreamExecutionEnvironment env;
    private final Inputs inputs;
    private final SealSettings settings;
    private final TopicDecoders decoders;
    private final List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();

    public TopicParsing(StreamExecutionEnvironment env, Inputs inputs, SealSettings settings) {
        this.env = env;
        this.inputs = inputs;
        this.settings = settings;
        this.decoders = new TopicDecoders(settings);
    }

    public <T> SingleOutputStreamOperator<T> eventTimed(Topic<T> topic) {
        return eventTimedKeepingLines(topic, (record, line) -> record, topic.type());
    }

    /** Like {@link #eventTimed}, each record handed on with its line, as {@code wrap} makes them. */
    public <T, OUT> SingleOutputStreamOperator<OUT> eventTimedKeepingLines(
            Topic<T> topic, ParseLines.Wrap<T, OUT> wrap, Class<OUT> type) {
        WatermarkStrategy<TopicRecord<T>> watermarks = inputs.liveQuietAfter()
                .map(quietAfter -> EventTimeWatermarks.<T>live(topic, settings.outOfOrderness(), quietAfter))
                .orElseGet(() -> EventTimeWatermarks.of(settings.outOfOrderness()));
        return parse(topic, watermarks, ParseLines.keepingLines(topic, settings.outOfOrderness(), wrap),
                TypeInformation.of(type));
    }

    public <T> SingleOutputStreamOperator<T> reference(Topic<T> topic) {
        WatermarkStrategy<TopicRecord<T>> none = WatermarkStrategy.noWatermarks();
        return parse(topic, inputs.liveQuietAfter().map(none::withIdleness).orElse(none), ParseLines.reference(topic),
                TypeInformation.of(topic.type()));
    }

    /** Every dead letter of the parsed topics, and those added by the jobs. */
    public DataStream<DeadLetter> deadLetters() {
        return Streams.union(deadLetters);
    }

    public void addDeadLetters(DataStream<DeadLetter> more) {
        deadLetters.add(more);
    }

    private <T, OUT> SingleOutputStreamOperator<OUT> parse(Topic<T> topic,
            WatermarkStrategy<TopicRecord<T>> watermarks, ParseLines<T, OUT> parser, TypeInformation<OUT> type) {
        DataStream<TopicRecord<T>> decoded = inputs.read(env, topic, decoders.of(topic), watermarks);
        SingleOutputStreamOperator<OUT> records = decoded
                .process(parser)
                .returns(type)
                .name("parse " + topic).uid("parse-" + topic.name())
                .setParallelism(decoded.getParallelism()); // chained to its source: same order, same watermarks
        deadLetters.add(records.getSideOutput(ParseLines.DEAD_LETTERS));
        return records;
    }
}
