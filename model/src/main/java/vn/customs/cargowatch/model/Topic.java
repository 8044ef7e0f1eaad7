package vn.customs.cargowatch.model;

import java.io.Serializable;
import java.util.List;

/**
 * A topic of the contract: its name (the Kafka topic, and {@code <name>.jsonl} in file mode), the record
 * type on it, and the field that keys its messages. Inputs parse and validate their lines here, so every job rejects alike.
 * An input topic also says who sent a record ({@link #senderOf}): its key, the seal, the gate, the declaration...
 * — the unit whose clock stamped it.
 */
public record Topic<T>(String name, Class<T> type, String keyField, Sender<T> sender) implements Serializable {

    /** Who sent a record of the topic: the unit whose clock stamped it. */
    @FunctionalInterface
    public interface Sender<T> extends Serializable {
        String of(T record);
    }

    public static final Topic<SealFix> SEAL_FIXES = new Topic<>("seal.fixes", SealFix.class, "imei", SealFix::imei);
    public static final Topic<SealEvent> SEAL_EVENTS =
            new Topic<>("seal.events", SealEvent.class, "imei", SealEvent::imei);
    public static final Topic<TripEvent> SEAL_TRIPS =
            new Topic<>("seal.trips", TripEvent.class, "imei", TripEvent::imei);
    public static final Topic<IgnoreZone> IGNORE_ZONES =
            new Topic<>("geo.ignore-zones", IgnoreZone.class, "zoneId", IgnoreZone::zoneId);
    public static final Topic<CustomsOffice> CUSTOMS_OFFICES =
            new Topic<>("customs.offices", CustomsOffice.class, "unitCode", CustomsOffice::unitCode);
    public static final Topic<DutyRoster> CUSTOMS_DUTY_ROSTER =
            new Topic<>("customs.duty-roster", DutyRoster.class, "unitCode", DutyRoster::unitCode);
    public static final Topic<AlertAction> ALERTS_ACTIONS =
            new Topic<>("alerts.actions", AlertAction.class, "alertId", AlertAction::alertId);

    public static final Topic<ReviewAction> GATE_REVIEW_ACTIONS =
            new Topic<>("gate.review.actions", ReviewAction.class, "eventId", ReviewAction::eventId);
    public static final Topic<Inspection> TRIPS_INSPECTIONS =
            new Topic<>("trips.inspections", Inspection.class, "tripId", Inspection::tripId);
    public static final Topic<Recognition> CAMERA_RECOGNITIONS =
            new Topic<>("camera.recognitions", Recognition.class, "gateId", Recognition::gateId);
    public static final Topic<Declaration> CUSTOMS_DECLARATIONS =
            new Topic<>("customs.declarations", Declaration.class, "declarationNo", Declaration::declarationNo);

    public static final Topic<Alert> ALERTS = new Topic<>("alerts", Alert.class, "alertId");
    public static final Topic<AlertHistoryEntry> ALERTS_HISTORY =
            new Topic<>("alerts.history", AlertHistoryEntry.class, "alertId");
    public static final Topic<TripStatus> TRIPS_STATUS = new Topic<>("trips.status", TripStatus.class, "tripId");
    public static final Topic<TripRegistration> TRIPS_REGISTRATIONS =
            new Topic<>("trips.registrations", TripRegistration.class, "tripId");
    public static final Topic<TrackPoint> TRIPS_TRACK = new Topic<>("trips.track", TrackPoint.class, "tripId");
    public static final Topic<DeadLetter> DEADLETTER = new Topic<>("deadletter", DeadLetter.class, "topic");
    public static final Topic<GateMatch> GATE_MATCHES = new Topic<>("gate.matches", GateMatch.class, "eventId");
    public static final Topic<YardEntry> YARD_INVENTORY =
            new Topic<>("yard.inventory", YardEntry.class, "containerNo");
    public static final Topic<ReviewItem> GATE_REVIEW = new Topic<>("gate.review", ReviewItem.class, "eventId");
    public static final Topic<TripClosing> TRIPS_CLOSINGS =
            new Topic<>("trips.closings", TripClosing.class, "tripId");
    public static final Topic<TripTally> TRIPS_TALLY = new Topic<>("trips.tally", TripTally.class, "tripId");
    public static final Topic<CameraIncident> CAMERAS_INCIDENTS =
            new Topic<>("cameras.incidents", CameraIncident.class, "incidentId");

    public static final List<Topic<?>> INPUTS = List.of(SEAL_FIXES, SEAL_EVENTS, SEAL_TRIPS, IGNORE_ZONES,
            CUSTOMS_OFFICES, CAMERA_RECOGNITIONS, CUSTOMS_DECLARATIONS, ALERTS_ACTIONS, CUSTOMS_DUTY_ROSTER,
            GATE_REVIEW_ACTIONS, TRIPS_INSPECTIONS);
    public static final List<Topic<?>> OUTPUTS =
            List.of(ALERTS, ALERTS_HISTORY, TRIPS_STATUS, TRIPS_REGISTRATIONS, TRIPS_TRACK, GATE_MATCHES, YARD_INVENTORY,
                    GATE_REVIEW, TRIPS_CLOSINGS, TRIPS_TALLY, CAMERAS_INCIDENTS, DEADLETTER);

    /** Reads and validates one line; the exception's message is the dead-letter reason. */
    public T parse(String line) throws Json.Rejected {
        T record = Json.read(line, type);
        if (record == null) {
            throw new Json.Rejected("not a JSON object");
        }
        if (record instanceof Validated validated) {
            String problem = validated.problem();
            if (problem != null) {
                throw new Json.Rejected(problem, DeadLetter.Kind.INVALID);
            }
        }
        return record;
    }

    public String senderOf(T record) {
        return sender.of(record);
    }

    /** An output topic: its records are not read back, so no sender. */
    private Topic(String name, Class<T> type, String keyField) {
        this(name, type, keyField, record -> null);
    }

    public String fileName() {
        return name + ".jsonl";
    }

    @Override
    public String toString() {
        return name;
    }
}
