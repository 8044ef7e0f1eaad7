package vn.customs.cargowatch.ops.demo;

import org.apache.flink.streaming.api.datastream.DataStream;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.connectors.sms.SmsMessage;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripStatus;

/** The demo's outputs: everything to files as in a replay; alerts, gate decisions and progress to the console too. */
public final class ConsoleOutputs implements Outputs {

    private final Outputs files;

    public ConsoleOutputs(Outputs files) {
        this.files = files;
    }

    @Override
    public void sms(DataStream<SmsMessage> messages) {
        files.sms(messages);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> void write(DataStream<T> records, Topic<T> topic) {
        files.write(records, topic);
        if (topic.equals(Topic.ALERTS)) {
            ((DataStream<Alert>) records).sinkTo(new ConsoleSink<>(AlertLines::of))
                    .name("console alerts").uid("console-alerts").setParallelism(1);
        } else if (topic.equals(Topic.GATE_MATCHES)) {
            ((DataStream<GateMatch>) records).sinkTo(new ConsoleSink<GateMatch>(AlertLines::of))
                    .name("console gate decisions").uid("console-gate-matches").setParallelism(1);
        } else if (topic.equals(Topic.TRIPS_STATUS)) {
            ProgressLines progress = new ProgressLines();
            ((DataStream<TripStatus>) records).sinkTo(new ConsoleSink<>(progress::of))
                    .name("console progress").uid("console-progress").setParallelism(1);
        }
    }
}
