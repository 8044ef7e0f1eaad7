package vn.customs.cargowatch.jobs.gate;

import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import vn.customs.cargowatch.jobs.config.GateSettings;
import vn.customs.cargowatch.jobs.common.InternalErrors;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.YardEntry;

/**
 * Gate matching at inland container depots (1572/QĐ-TCHQ): camera recognitions × customs declarations →
 * gate matches and barrier decisions, gate alerts, the yard inventory, the shift review list, and the
 * arrivals of GPS-sealed trips seen at their destination's gate.
 *
 * <p>which trips are headed where (keyed by trip) → each ICD's gates (keyed by ICD code: its declarations,
 * yard, cameras and incoming trips together) → {@link GateMatcher}. Live, the barrier of a truck leaving is decided as
 * its recognition arrives and corrected if event time decides otherwise; a replay decides everything in event time.
 */
public final class GateMatchingJob {

    private final GateSettings settings;
    private final Duration liveWithin;

    /** A replay's: everything in event time. */
    public GateMatchingJob(GateSettings settings) {
        this(settings, null);
    }

    /**
     * @param liveWithin records arrive as they happen: the barrier decides on arrival a truck whose recognition is
     *     stamped no more than this before the wall clock ({@link GateMatcher}); null for a replay
     */
    public GateMatchingJob(GateSettings settings, Duration liveWithin) {
        this.settings = settings;
        this.liveWithin = liveWithin;
    }

    public record Outputs(DataStream<GateMatch> matches, DataStream<Alert> alerts, DataStream<YardEntry> yard,
            DataStream<ReviewItem> review, DataStream<TripEvent> arrivals, DataStream<DeadLetter> deadLetters) {}

    public Outputs build(DataStream<Recognition> recognitions, DataStream<Declaration> declarations,
            DataStream<TripEvent> tripEvents) {
        SingleOutputStreamOperator<TripDestination> directory = tripEvents
                .keyBy(TripEvent::tripId)
                .process(new TripDirectory()).name("trips headed to ICDs").uid("trip-directory");
        DataStream<GateInput> tripsHeadedToIcds =
                directory.map(GateInput::of).name("trip destination").uid("trip-destination-input");
        SingleOutputStreamOperator<GateMatch> matches = declarations.map(GateInput::of).name("declaration")
                .uid("declaration-input")
                .union(tripsHeadedToIcds, recognitions.map(GateInput::of).name("recognition").uid("recognition-input"))
                .keyBy(GateInput::icdCode)
                .process(new GateMatcher(settings, liveWithin)).name("ICD gates").uid("gate-matcher");
        return new Outputs(matches, matches.getSideOutput(GateMatcher.ALERTS), matches.getSideOutput(GateMatcher.YARD),
                matches.getSideOutput(GateMatcher.REVIEW), matches.getSideOutput(GateMatcher.ARRIVALS),
                matches.getSideOutput(InternalErrors.DEAD_LETTERS)
                        .union(directory.getSideOutput(InternalErrors.DEAD_LETTERS)));
    }
}
