package vn.customs.cargowatch.jobs.seal;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import vn.customs.cargowatch.connectors.Inputs;
import vn.customs.cargowatch.connectors.Outputs;
import vn.customs.cargowatch.jobs.alerts.NearestOfficeEnricher;
import vn.customs.cargowatch.jobs.common.EventTimeWatermarks;
import vn.customs.cargowatch.jobs.common.ParseLines;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.seal.rules.DoorOpenedPatterns;
import vn.customs.cargowatch.jobs.seal.rules.NotArrivedRule;
import vn.customs.cargowatch.jobs.seal.rules.SignalLostRule;
import vn.customs.cargowatch.jobs.seal.rules.StopRule;
import vn.customs.cargowatch.jobs.seal.rules.WrongRoutePatterns;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.IgnoreZone;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TripStatus;

/**
 * Seal monitoring (3740/QĐ-TCHQ): GPS seal fixes, seal events and trip lifecycle in; the five trip alerts
 * of §I.8, trip status and dead letters out. Sources and sinks come from outside, so the same topology
 * runs on files, on Kafka and in tests.
 *
 * <p>parse each topic (bad lines → deadletter) → merge a seal's records into its trip timeline (keyed by
 * IMEI, event-time order, ignore zones and routes broadcast) → the rules: CEP patterns for wrong route and
 * door opened, keyed timers for stop, signal lost and not arrived → nearest customs office → alerts; the
 * timeline's status updates with alert counts → trips.status.
 */
public final class SealMonitoringJob {

    private final Inputs inputs;
    private final Outputs outputs;
    private final SealSettings settings;

    public SealMonitoringJob(Inputs inputs, Outputs outputs, SealSettings settings) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.settings = settings;
    }

    /** Wires the job into {@code env}; {@code env.execute()} runs it. */
    public void build(StreamExecutionEnvironment env) {
        List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();

        // ---- parse the inputs ----
        var fixes = parse(env, Topic.SEAL_FIXES, deadLetters);
        var sealEvents = parse(env, Topic.SEAL_EVENTS, deadLetters);
        var tripLines = parseKeepingLines(env, deadLetters);
        var zones = parse(env, Topic.IGNORE_ZONES, deadLetters);
        var offices = parse(env, Topic.CUSTOMS_OFFICES, deadLetters);

        // ---- each seal's timeline, in its trip's context ----
        DataStream<SealInput> sealInputs = fixes.map(SealInput::of).name("fix").uid("fix-input")
                .union(sealEvents.map(SealInput::of).name("seal event").uid("seal-event-input"), tripLines);
        BroadcastStream<Reference> references = zones.map(Reference::of).name("ignore zone").uid("zone-reference")
                .union(tripLines.filter(input -> input.trip().route() != null).name("registered route")
                        .uid("route-filter")
                        .map(input -> Reference.of(RouteDefinition.of(input.trip()))).name("route")
                        .uid("route-reference"))
                .broadcast(TripTimeline.ROUTES, TripTimeline.ZONES);
        SingleOutputStreamOperator<TripSignal> signals = sealInputs
                .keyBy(SealInput::imei)
                .connect(references)
                .process(new TripTimeline(settings))
                .name("trip timeline").uid("trip-timeline")
                .setParallelism(settings.parallelism());
        deadLetters.add(signals.getSideOutput(TripTimeline.DEAD_LETTERS));

        // ---- the rules (3740 §I.8) ----
        KeyedStream<TripSignal, String> bySeal = signals.keyBy(TripSignal::imei);
        DataStream<TripSignal> routeSignals =
                signals.filter(WrongRoutePatterns::isRelevant).name("route signals").uid("route-signals");
        DataStream<TripSignal> doorSignals =
                signals.filter(DoorOpenedPatterns::isRelevant).name("door signals").uid("door-signals");
        var wrongRoute = new WrongRoutePatterns.ToAlert(settings.wrongRouteMinDuration());
        DataStream<Alert> alerts = union(List.of(
                cep(routeSignals, WrongRoutePatterns.raised(settings.wrongRouteMinDuration()), wrongRoute,
                        "wrong route raised"),
                cep(routeSignals, WrongRoutePatterns.ended(settings.wrongRouteMinDuration()), wrongRoute,
                        "wrong route ended"),
                cep(doorSignals, DoorOpenedPatterns.raised(), new DoorOpenedPatterns.ToAlert(), "door opened"),
                cep(doorSignals, DoorOpenedPatterns.ended(), new DoorOpenedPatterns.ToAlert(), "door closed again"),
                bySeal.process(new StopRule(settings)).name("stop over 90 min").uid("stop-rule")
                        .setParallelism(settings.parallelism()),
                bySeal.process(new SignalLostRule(settings)).name("signal lost").uid("signal-lost-rule")
                        .setParallelism(settings.parallelism()),
                bySeal.process(new NotArrivedRule(settings)).name("container not arrived").uid("not-arrived-rule")
                        .setParallelism(settings.parallelism())));

        // ---- alerts, with the customs unit nearest to them (3740 §II.4) ----
        SingleOutputStreamOperator<Alert> placedAlerts = alerts
                .keyBy(Alert::alertId)
                .connect(offices.broadcast(NearestOfficeEnricher.OFFICES))
                .process(new NearestOfficeEnricher())
                .name("nearest customs office").uid("nearest-office")
                .setParallelism(settings.parallelism());
        outputs.write(placedAlerts, Topic.ALERTS);

        // ---- trip status with alert counts ----
        DataStream<TripStatus> statuses = signals.getSideOutput(TripTimeline.STATUS)
                .keyBy(TripStatus::tripId)
                .connect(placedAlerts.filter(alert -> alert.tripId() != null).name("trip alerts")
                        .uid("trip-alerts").keyBy(Alert::tripId))
                .process(new TripStatusCounter())
                .name("trip status").uid("trip-status")
                .setParallelism(settings.parallelism());
        outputs.write(statuses, Topic.TRIPS_STATUS);

        outputs.write(union(deadLetters), Topic.DEADLETTER);
    }

    // ---- wiring helpers ----

    private <T> SingleOutputStreamOperator<T> parse(
            StreamExecutionEnvironment env, Topic<T> topic, List<DataStream<DeadLetter>> deadLetters) {
        boolean eventTimed = !(topic.type() == IgnoreZone.class || topic.type() == CustomsOffice.class);
        WatermarkStrategy<String> watermarks = eventTimed
                ? EventTimeWatermarks.forLines(settings.outOfOrderness(), settings.maxAhead())
                : WatermarkStrategy.noWatermarks();
        DataStream<String> lines = inputs.lines(env, topic, watermarks);
        SingleOutputStreamOperator<T> records = lines
                .process(eventTimed
                        ? ParseLines.eventTimed(topic, settings.outOfOrderness(), settings.maxAhead())
                        : ParseLines.reference(topic))
                .returns(TypeInformation.of(topic.type()))
                .name("parse " + topic).uid("parse-" + topic.name())
                .setParallelism(lines.getParallelism()); // chained to its source: same order, same watermarks
        deadLetters.add(records.getSideOutput(ParseLines.DEAD_LETTERS));
        return records;
    }

    /** Trip events keep their line, because the timeline can still reject them. */
    private SingleOutputStreamOperator<SealInput> parseKeepingLines(
            StreamExecutionEnvironment env, List<DataStream<DeadLetter>> deadLetters) {
        Topic<TripEvent> topic = Topic.SEAL_TRIPS;
        DataStream<String> lines =
                inputs.lines(env, topic, EventTimeWatermarks.forLines(settings.outOfOrderness(), settings.maxAhead()));
        SingleOutputStreamOperator<SealInput> records = lines
                .process(ParseLines.keepingLines(topic, settings.outOfOrderness(), settings.maxAhead(),
                        (TripEvent trip, String line) -> SealInput.of(trip, line)))
                .returns(SealInput.class)
                .name("parse " + topic).uid("parse-" + topic.name())
                .setParallelism(lines.getParallelism());
        deadLetters.add(records.getSideOutput(ParseLines.DEAD_LETTERS));
        return records;
    }

    private static DataStream<Alert> cep(DataStream<TripSignal> signals, Pattern<TripSignal, TripSignal> pattern,
            PatternProcessFunction<TripSignal, Alert> toAlert, String name) {
        KeySelector<TripSignal, String> bySeal = TripSignal::imei;
        return CEP.pattern(signals.keyBy(bySeal), pattern).inEventTime()
                .process(toAlert)
                .returns(Alert.class)
                .name(name).uid(name.replace(' ', '-'))
                .setParallelism(signals.getParallelism());
    }

    private static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> all = streams.get(0);
        for (DataStream<T> next : streams.subList(1, streams.size())) {
            all = all.union(next);
        }
        return all;
    }
}
