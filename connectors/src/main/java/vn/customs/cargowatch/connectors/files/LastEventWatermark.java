package vn.customs.cargowatch.connectors.files;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import vn.customs.cargowatch.connectors.RecordDecoder;

/**
 * At the end of a file, Flink moves the source's event time to the end of time. Before that, this moves it
 * to the last event of the whole input (all topics, {@link FolderEnd}): a replay's deadlines up to its last event
 * then pass as they would have live, whichever topic's file ends first, and only later deadlines meet the end of
 * time — which the rules do not take for a deadline (contract: the end of a finite input is not one). A topic without
 * time follows the folder's event time while it waits ({@link FolderEnd}).
 */
final class LastEventWatermark<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private final String folder;
    private final String topic;
    private final RecordDecoder<T> decoder;
    private long topicLast = Long.MIN_VALUE;

    /** @param decoder the job's reading of the topic, which tells its event time once a record was read */
    LastEventWatermark(String folder, String topic, RecordDecoder<T> decoder) {
        this.folder = folder;
        this.topic = topic;
        this.decoder = decoder;
    }

    @Override
    public void processElement(StreamRecord<T> record) {
        topicLast = Math.max(topicLast, decoder.topicTimeOf(record.getValue()));
        output.collect(record);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() != Long.MAX_VALUE) {
            FolderEnd.progress(folder, topic, mark.getTimestamp());
        } else {
            long last = FolderEnd.end(folder, topic, topicLast, this::follow);
            if (last != Long.MIN_VALUE) {
                super.processWatermark(new Watermark(last));
            }
        }
        super.processWatermark(mark);
    }

    private void follow(long watermark) {
        try {
            super.processWatermark(new Watermark(watermark));
        } catch (Exception e) {
            throw new IllegalStateException("following the folder's event time at " + watermark, e);
        }
    }
}
