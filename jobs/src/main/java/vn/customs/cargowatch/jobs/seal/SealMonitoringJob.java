package vn.customs.cargowatch.jobs.seal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.jobs.common.Streams;
import vn.customs.cargowatch.jobs.config.SealSettings;
import vn.customs.cargowatch.jobs.seal.rules.DoorEdges;
import vn.customs.cargowatch.jobs.seal.rules.DoorOpenedPatterns;
import vn.customs.cargowatch.jobs.seal.rules.NotArrivedRule;
import vn.customs.cargowatch.jobs.seal.rules.RouteEdges;
import vn.customs.cargowatch.jobs.seal.rules.SealRules;
import vn.customs.cargowatch.jobs.seal.rules.SealLowBatteryRule;
import vn.customs.cargowatch.jobs.seal.rules.SealPowerOffRule;
import vn.customs.cargowatch.jobs.seal.rules.SealTamperedRule;
import vn.customs.cargowatch.jobs.seal.rules.SignalLostRule;
import vn.customs.cargowatch.jobs.seal.rules.StopRule;
import vn.customs.cargowatch.jobs.seal.rules.WrongRoutePatterns;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.IgnoreZone;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.TrackPoint;
import vn.customs.cargowatch.model.TripRegistration;
import vn.customs.cargowatch.model.TripStatus;

/**
 * Seal monitoring (3740/QĐ-TCHQ): GPS seal fixes, seal events and trip lifecycle in; the five trip alerts
 * of §I.8 and the seal's own (tampered, powered off, low battery: §II.2.1), trip status updates, the trips' tracks
 * and the lifecycle's dead letters out.
 *
 * <p>merge a seal's records into its trip timeline (keyed by IMEI, event-time order, ignore zones and
 * registered routes broadcast) → the rules: CEP patterns for wrong route and door opened, keyed timers for
 * stop, signal lost and not arrived, keyed episodes for the seal's events. How each rule decides:
 * {@code docs/seal-rules.md}.
 */
public final class SealMonitoringJob {

    private final SealSettings settings;
    private final Duration doorOnArrival;

    public SealMonitoringJob(SealSettings settings) {
        this(settings, null);
    }

    /** @param doorOnArrival live, how fresh a DOOR_OPEN event must be to raise its alert as it arrives; null: replay */
    public SealMonitoringJob(SealSettings settings, Duration doorOnArrival) {
        this.settings = settings;
        this.doorOnArrival = doorOnArrival;
    }

    /** What the job produces: alerts (before the nearest office is named), trip status updates and more. */
    public record Outputs(DataStream<Alert> alerts, DataStream<TripStatus> statusUpdates,
            DataStream<TripRegistration> registrations, DataStream<TrackPoint> track,
            DataStream<DeadLetter> deadLetters, DataStream<Alert> raisedOnArrival) {}

    /**
     * @param tripInputs the trips' lifecycle as seal inputs, arrivals seen by gate cameras included
     */
    public Outputs build(DataStream<SealFix> fixes, DataStream<SealEvent> sealEvents,
            DataStream<SealInput> tripInputs, DataStream<IgnoreZone> zones) {
        // ---- each seal's timeline, in its trip's context ----
        DataStream<SealInput> sealInputs = fixes.map(SealInput::of).name("fix").uid("fix-input")
                .union(sealEvents.map(SealInput::of).name("seal event").uid("seal-event-input"), tripInputs);
        BroadcastStream<Reference> references = zones.map(Reference::of).name("ignore zone").uid("zone-reference")
                .union(tripInputs.filter(input -> input.trip().route() != null).name("registered route")
                        .uid("route-filter")
                        .map(input -> Reference.of(RouteDefinition.of(input.trip()))).name("route")
                        .uid("route-reference"))
                .broadcast(TripTimeline.ROUTES, TripTimeline.ZONES);
        SingleOutputStreamOperator<TripSignal> signals = sealInputs
                .keyBy(SealInput::imei)
                .connect(references)
                .process(new TripTimeline(settings, doorOnArrival))
                .name("trip timeline").uid("trip-timeline");

        // ---- the rules (3740 §I.8, §II.2.1) ----
        KeyedStream<TripSignal, String> bySeal = bySeal(signals);
        // CEP sees the edges of a trip's corridor and door, not every fix (RouteEdges, DoorEdges)
        DataStream<TripSignal> routeSignals = bySeal(signals.filter(WrongRoutePatterns::isRelevant)
                        .name("route signals").uid("route-signals"))
                .process(new RouteEdges(settings.wrongRouteMinDuration())).name("route edges").uid("route-edges");
        SingleOutputStreamOperator<TripSignal> doorSignals = bySeal(signals.filter(DoorOpenedPatterns::isRelevant)
                        .name("door signals").uid("door-signals"))
                .process(new DoorEdges()).name("door edges").uid("door-edges");
        var wrongRoute = new WrongRoutePatterns.ToAlert(settings.wrongRouteMinDuration());
        // the keyed rules of a seal, in one operator with one buffer and one timer service (SealRules)
        SingleOutputStreamOperator<Alert> keyedRules = bySeal.process(new SealRules(List.of(new StopRule(settings),
                        new SignalLostRule(settings), new NotArrivedRule(settings), new SealTamperedRule(),
                        new SealPowerOffRule(), new SealLowBatteryRule(settings))))
                .name("stop, signal lost, not arrived, seal alerts").uid("seal-rules");
        List<DataStream<Alert>> rules = new ArrayList<>(List.of(
                cep(routeSignals, WrongRoutePatterns.raised(settings.wrongRouteMinDuration()), wrongRoute,
                        "wrong route raised", "wrong-route-raised"),
                cep(routeSignals, WrongRoutePatterns.ended(settings.wrongRouteMinDuration()), wrongRoute,
                        "wrong route ended", "wrong-route-ended"),
                cep(doorSignals, DoorOpenedPatterns.raised(), new DoorOpenedPatterns.ToAlert(), "door opened",
                        "door-opened"),
                cep(doorSignals, DoorOpenedPatterns.ended(), new DoorOpenedPatterns.ToAlert(),
                        "door closed again", "door-closed-again")));
        rules.add(keyedRules);
        DataStream<Alert> alerts = Streams.union(rules);
        List<DataStream<DeadLetter>> deadLetters = new ArrayList<>(List.of(signals.getSideOutput(TripTimeline.DEAD_LETTERS),
                signals.getSideOutput(InternalErrors.DEAD_LETTERS)));
        deadLetters.add(keyedRules.getSideOutput(InternalErrors.DEAD_LETTERS));

        DataStream<TrackPoint> track = signals.filter(signal -> signal.is(TripSignal.Kind.FIX)).name("fixes")
                .uid("track-fixes")
                .map(fix -> new TrackPoint(fix.tripId(), fix.imei(), fix.ts(), fix.lat(), fix.lon(), fix.speedKmh(),
                        fix.routeDistanceMeters(), fix.ignoreZoneId(), fix.door())).name("track point").uid("track-point");
        return new Outputs(alerts, signals.getSideOutput(TripTimeline.STATUS),
                signals.getSideOutput(TripTimeline.REGISTRATIONS), track,
                Streams.union(deadLetters), signals.getSideOutput(TripTimeline.RAISED_ON_ARRIVAL)
                        .union(doorSignals.getSideOutput(DoorEdges.WITHDRAWN)));
    }

    /**
     * The timeline's signals as the keyed stream they already are: the timeline is keyed by IMEI and each signal
     * stays on the subtask of its seal, so the rules chain to it — no shuffle, no serialization between them.
     */
    private static KeyedStream<TripSignal, String> bySeal(DataStream<TripSignal> signals) {
        return DataStreamUtils.reinterpretAsKeyedStream(signals, TripSignal::imei, Types.STRING);
    }

    private static DataStream<Alert> cep(DataStream<TripSignal> signals, Pattern<TripSignal, TripSignal> pattern,
            PatternProcessFunction<TripSignal, Alert> toAlert, String name, String uid) {
        return CEP.pattern(bySeal(signals), pattern).inEventTime()
                .process(toAlert)
                .returns(Alert.class)
                .name(name).uid(uid);
    }
}
