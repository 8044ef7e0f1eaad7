package vn.customs.cargowatch.connectors.sms;

import java.nio.file.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.model.Topic;

/** The outputs that send the alert SMS, through {@link SmsSink}; the topics are someone else's. */
public final class SmsOutputs implements Outputs {

    private final SmsSink.Senders senders;
    private final Path ledger;

    public SmsOutputs(SmsSink.Senders senders, Path ledger) {
        this.senders = senders;
        this.ledger = ledger;
    }

    @Override
    public <T> void write(DataStream<T> records, Topic<T> topic) {}

    @Override
    public void sms(DataStream<SmsMessage> messages) {
        messages.sinkTo(new SmsSink(senders, ledger)).name("sms").uid("sink-sms").setParallelism(1);
    }
}
