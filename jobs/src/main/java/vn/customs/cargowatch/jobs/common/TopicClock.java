package vn.customs.cargowatch.jobs.common;

import java.io.Serializable;

/**
 * The event time of one partition of an input topic, judged against its senders so that no single sender's clock
 * moves everyone's: the topic's time is the newest time that <em>two</em> senders (two seals, two gates, two
 * declarations...) have reached. A seal whose clock runs four hours ahead then moves nothing: its own records are
 * taken at the times they say, and the fleet's fixes are judged by the fleet's time, not by its. Until a second
 * sender has been heard the partition has no time.
 *
 * <p>The second-newest of the senders' newest stamps is kept exactly in constant space: only the two senders with
 * the newest stamps are held, since any other sender's newest stamp is at most the older of theirs (a sender that
 * returns with a newer stamp takes the older one's place).
 *
 * <p>Only records already found valid and not too far ahead ({@link #isAhead}) are shown to the clock: a rejected
 * record never moves time. Not checkpointed, like Flink's own watermark generators: a restarted source judges
 * time afresh from the records it reads.
 */
public final class TopicClock implements Serializable {

    private final long maxAheadMillis;
    private String newestSender;
    private long newestStamp = Long.MIN_VALUE;
    private String secondSender;
    private long secondStamp = Long.MIN_VALUE;
    private long time = Long.MIN_VALUE;

    /** @param maxAheadMillis how far beyond the topic's time a record may be stamped ({@code events.maxAhead}) */
    public TopicClock(long maxAheadMillis) {
        this.maxAheadMillis = maxAheadMillis;
    }

    /** Stamped further ahead of the topic's time than {@code events.maxAhead}: a broken clock, not news. */
    public boolean isAhead(long stamp) {
        return time != Long.MIN_VALUE && stamp - time > maxAheadMillis;
    }

    /** A valid record of {@code sender} stamped {@code stamp}; returns the topic's time after it. */
    public long accept(String sender, long stamp) {
        if (sender.equals(newestSender)) {
            newestStamp = Math.max(newestStamp, stamp);
        } else if (sender.equals(secondSender)) {
            secondStamp = Math.max(secondStamp, stamp);
        } else if (newestSender == null) {
            newestSender = sender;
            newestStamp = stamp;
        } else if (secondSender == null || stamp > secondStamp) {
            secondSender = sender;
            secondStamp = stamp;
        }
        if (secondSender != null && secondStamp > newestStamp) {
            String sender2 = newestSender;
            long stamp2 = newestStamp;
            newestSender = secondSender;
            newestStamp = secondStamp;
            secondSender = sender2;
            secondStamp = stamp2;
        }
        if (secondSender != null) {
            time = Math.max(time, secondStamp);
        }
        return time;
    }

    /** The topic's time: the newest stamp two senders have reached; {@code Long.MIN_VALUE} until then. */
    public long time() {
        return time;
    }
}
