package vn.customs.cargowatch.jobs.common;

import java.io.Serializable;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.model.Topic;

/**
 * The job's reading of each input topic ({@link TopicDecoder}), for its sources and for anything that must read
 * an input exactly as the job does (the benchmark's floor).
 */
public final class TopicDecoders implements Serializable {

    private final SealSettings settings;

    public TopicDecoders(SealSettings settings) {
        this.settings = settings;
    }

    /** A fresh decoder of {@code topic}: with event time unless the topic is reference data. */
    public <T> TopicDecoder<T> of(Topic<T> topic) {
        return isReference(topic) ? TopicDecoder.reference(topic) : TopicDecoder.eventTimed(topic, settings.maxAhead());
    }

    /** Whether {@code topic} is reference data (zones, offices): records without event time. */
    public static boolean isReference(Topic<?> topic) {
        return topic.equals(Topic.IGNORE_ZONES) || topic.equals(Topic.CUSTOMS_OFFICES);
    }
}
