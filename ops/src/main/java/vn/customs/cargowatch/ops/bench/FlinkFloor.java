package vn.customs.cargowatch.ops.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.customs.cargowatch.connectors.files.FileInputs;
import vn.customs.cargowatch.connectors.files.JsonLinesSink;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.common.TopicParsing;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Topic;

/**
 * Flink's own floor for this job (issue 11): the least any Flink pipeline must do with a fix to decide on it as
 * cargowatch does, and nothing else. It reads {@code seal.fixes} as the job reads it ({@link TopicParsing}: strict
 * decoding, the topic's clock, watermarks), keys the fixes by seal — parallelism needs it (docs/parallelism.md) —,
 * holds each until the watermark passes it ({@link EventTimeBuffer}: a replay must decide in event-time order), keeps
 * the seal's last fix in keyed state, and writes every fix, as {@code trips.track} does. No rule, no geometry, no
 * other topic. Run by {@link Bench} on the same two days as the pipeline, in a JVM of its own, as {@code FlinkFloor
 * --input DIR --output DIR}; its CPU is the process's, marginal between the days like the pipeline's.
 */
public final class FlinkFloor {

    private FlinkFloor() {}

    public static void main(String[] args) throws Exception {
        Path input = Path.of(args[1]);
        Path output = Files.createDirectories(Path.of(args[3]));
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(1);
        TopicParsing topics = new TopicParsing(env, new FileInputs(input), SealSettings.defaults());
        topics.eventTimed(Topic.SEAL_FIXES)
                .keyBy(SealFix::imei)
                .process(new InEventTimeOrder()).name("fixes in event-time order")
                .sinkTo(new JsonLinesSink<>(output.resolve("fixes.jsonl")));
        topics.deadLetters().sinkTo(new JsonLinesSink<>(output.resolve(Topic.DEADLETTER.fileName())));
        env.execute("cargowatch bench: Flink's floor");
    }

    /** A seal's fixes, each released when the watermark passes it; the seal's last fix kept. */
    static final class InEventTimeOrder extends KeyedProcessFunction<String, SealFix, SealFix> {

        private transient EventTimeBuffer<SealFix> pending;
        private transient ValueState<SealFix> last;

        @Override
        public void open(OpenContext openContext) {
            pending = new EventTimeBuffer<>(getRuntimeContext(), "pending", SealFix.class,
                    Comparator.comparing(SealFix::ts));
            last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", TypeInformation.of(SealFix.class)));
        }

        @Override
        public void processElement(SealFix fix, Context ctx, Collector<SealFix> out) throws Exception {
            pending.add(fix.ts().toEpochMilli(), fix, ctx.timerService());
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<SealFix> out) throws Exception {
            for (SealFix fix : pending.release(timestamp)) {
                last.update(fix);
                out.collect(fix);
            }
        }
    }
}
