package vn.customs.cargowatch.jobs.seal.rules;

import java.time.Instant;
import java.util.Comparator;
import org.apache.flink.api.common.functions.RuntimeContext;
import vn.customs.cargowatch.jobs.common.EventTimeBuffer;
import vn.customs.cargowatch.jobs.seal.TripSignal;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;

/** How every seal rule writes its alert, so that all five read alike. */
public final class TripAlerts {

    private TripAlerts() {}

    /**
     * A new episode of {@code type} on {@code start}'s trip, beginning at {@code start} (the first
     * off-route fix, the start of the stop, the last fix before the silence, the door event...).
     */
    public static Alert raise(AlertType type, TripSignal start, Instant startTs, Instant detectedAt,
            AlertDetails details) {
        return new Alert(Alert.idOf(type, start.tripId(), startTs), type, type.severity(), start.tripId(),
                start.imei(), start.containerNo(), startTs, detectedAt, null, start.lat(), start.lon(),
                start.branchCode(), start.departmentCode(), null, details, AlertState.OPEN);
    }

    public static Alert raise(AlertType type, TripSignal start, Instant detectedAt, AlertDetails details) {
        return raise(type, start, start.ts(), detectedAt, details);
    }

    /**
     * The end of a finite input moves event time to the end of time; that is not a deadline passing
     * (contract: a replay never raises an alert whose deadline lies after its last event).
     */
    public static boolean isEndOfInput(long watermark) {
        return watermark == Long.MAX_VALUE;
    }

    /**
     * A timer rule's signals, held until the watermark reaches them: the signals and the rule's deadlines are
     * then met strictly in event-time order, also when the watermark jumps far ahead at once (a Kafka
     * partition falling idle) and brings signals newer than a deadline that has not fired yet.
     */
    static EventTimeBuffer<TripSignal> signalBuffer(RuntimeContext context) {
        return new EventTimeBuffer<>(context, "signals", TripSignal.class,
                Comparator.comparingInt(signal -> signal.kind().ordinal()));
    }

    static double roundedMeters(double meters) {
        return Math.round(meters * 10) / 10.0;
    }
}
