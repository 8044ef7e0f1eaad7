package vn.customs.cargowatch.connectors.files;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * At the end of a file, Flink moves the source's event time to the end of time. Before that, this moves it
 * to the last event of the whole input (all topics): a replay's deadlines up to its last event then pass
 * as they would have live, whichever topic's file ends first, and only later deadlines meet the end of
 * time — which the rules do not take for a deadline (contract: the end of a finite input is not one).
 */
final class LastEventWatermark<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private final long lastEventTime;

    LastEventWatermark(long lastEventTime) {
        this.lastEventTime = lastEventTime;
    }

    @Override
    public void processElement(StreamRecord<T> record) {
        output.collect(record);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE && lastEventTime != Long.MIN_VALUE) {
            super.processWatermark(new Watermark(lastEventTime));
        }
        super.processWatermark(mark);
    }
}
