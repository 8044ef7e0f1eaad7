package vn.customs.cargowatch.connectors;

import org.apache.flink.streaming.api.datastream.DataStream;
import vn.customs.cargowatch.connectors.sms.SmsMessage;
import vn.customs.cargowatch.model.Topic;

/**
 * Where a job's output topics go: files in embedded mode, Kafka and Cassandra in production. The alert SMS are no
 * topic: they go to whichever outputs send SMS ({@code SmsOutputs}); the others ignore them.
 */
public interface Outputs {

    <T> void write(DataStream<T> records, Topic<T> topic);

    /** The SMS to send; outputs that send none ignore them. */
    default void sms(DataStream<SmsMessage> messages) {}

    /** Every output to each of {@code outputs}: Kafka for the systems that follow, Cassandra for the boards. */
    static Outputs all(Outputs... outputs) {
        return new Outputs() {
            @Override
            public <T> void write(DataStream<T> records, Topic<T> topic) {
                for (Outputs output : outputs) {
                    output.write(records, topic);
                }
            }

            @Override
            public void sms(DataStream<SmsMessage> messages) {
                for (Outputs output : outputs) {
                    output.sms(messages);
                }
            }
        };
    }
}
