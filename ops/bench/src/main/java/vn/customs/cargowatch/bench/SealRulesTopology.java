package vn.customs.cargowatch.bench;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.customs.cargowatch.bench.PeerState.Arrival;
import vn.customs.cargowatch.bench.PeerState.Door;
import vn.customs.cargowatch.bench.PeerState.LastSeen;
import vn.customs.cargowatch.bench.PeerState.RouteWatch;
import vn.customs.cargowatch.bench.PeerState.Stop;
import vn.customs.cargowatch.bench.PeerState.Trip;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.IgnoreZone;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * The peer's topology: the three seal topics of the contract (keyed by IMEI, values the contract's JSON lines) into
 * {@link SealRulesProcessor}, its alerts to {@code alerts} and what it cannot use to {@code deadletter}; the ignore zones
 * into a global store every task reads.
 *
 * <p>The stores are Kafka Streams' in-memory key-value stores, without changelog topics: the pipeline's replay it is
 * measured against keeps its state on the heap and takes no checkpoint either. A production deployment would log
 * every store write to a changelog topic, which this peer does not pay for.
 */
final class SealRulesTopology {

    static final String SEAL_INPUT = "seal-input";
    static final String SEAL_RULES = "seal-rules";

    private SealRulesTopology() {}

    static Topology build(PeerSettings settings) {
        Topology topology = new Topology();
        topology.addSource(SEAL_INPUT, Serdes.String().deserializer(), Serdes.String().deserializer(),
                Topic.SEAL_TRIPS.name(), Topic.SEAL_FIXES.name(), Topic.SEAL_EVENTS.name());
        topology.addProcessor(SEAL_RULES, () -> new SealRulesProcessor(settings), SEAL_INPUT);
        topology.addStateStore(store(SealRulesProcessor.TRIPS, JsonSerde.of(Trip.class)), SEAL_RULES);
        topology.addStateStore(store(SealRulesProcessor.ROUTES, JsonSerde.of(double[][].class)), SEAL_RULES);
        topology.addStateStore(store(SealRulesProcessor.LAST_SEEN, JsonSerde.of(LastSeen.class)), SEAL_RULES);
        topology.addStateStore(store(SealRulesProcessor.STOPS, JsonSerde.of(Stop.class)), SEAL_RULES);
        topology.addStateStore(store(SealRulesProcessor.ROUTE_WATCH, JsonSerde.of(RouteWatch.class)), SEAL_RULES);
        topology.addStateStore(store(SealRulesProcessor.DOORS, JsonSerde.of(Door.class)), SEAL_RULES);
        topology.addStateStore(store(SealRulesProcessor.ARRIVALS, JsonSerde.of(Arrival.class)), SEAL_RULES);
        topology.addStateStore(store(SealRulesProcessor.DEADLINES, Serdes.String()), SEAL_RULES);
        topology.addSink(SealRulesProcessor.ALERTS_SINK, Topic.ALERTS.name(), Serdes.String().serializer(),
                JsonSerde.of(Alert.class).serializer(), SEAL_RULES);
        topology.addSink(SealRulesProcessor.DEADLETTER_SINK, Topic.DEADLETTER.name(), Serdes.String().serializer(),
                JsonSerde.of(DeadLetter.class).serializer(), SEAL_RULES);
        topology.addGlobalStore(store(SealRulesProcessor.IGNORE_ZONES, JsonSerde.of(IgnoreZone.class)),
                "ignore-zones-input", Serdes.String().deserializer(), Serdes.String().deserializer(),
                Topic.IGNORE_ZONES.name(), "ignore-zones-loader", IgnoreZoneLoader::new);
        return topology;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled();
    }

    /**
     * Keeps the global store of ignore zones: an UPSERT puts the zone, a DELETE removes it. A global store's processor
     * has no output, so a line that is not a valid zone is logged and skipped.
     */
    static final class IgnoreZoneLoader implements Processor<String, String, Void, Void> {

        private static final Logger LOG = LoggerFactory.getLogger(IgnoreZoneLoader.class);

        private KeyValueStore<String, IgnoreZone> zones;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            zones = context.getStateStore(SealRulesProcessor.IGNORE_ZONES);
        }

        @Override
        public void process(Record<String, String> record) {
            try {
                IgnoreZone zone = Topic.IGNORE_ZONES.parse(record.value());
                switch (zone.op()) {
                    case UPSERT -> zones.put(zone.zoneId(), zone);
                    case DELETE -> zones.delete(zone.zoneId());
                }
            } catch (Json.Rejected e) {
                LOG.warn("ignore zone skipped: {}", e.getMessage());
            }
        }
    }
}
