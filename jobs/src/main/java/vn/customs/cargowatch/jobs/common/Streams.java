package vn.customs.cargowatch.jobs.common;

import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Small helpers for wiring topologies. */
public final class Streams {

    private Streams() {}

    public static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> all = streams.get(0);
        for (DataStream<T> next : streams.subList(1, streams.size())) {
            all = all.union(next);
        }
        return all;
    }
}
