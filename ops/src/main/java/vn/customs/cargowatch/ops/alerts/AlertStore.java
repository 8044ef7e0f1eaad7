package vn.customs.cargowatch.ops.alerts;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.customs.cargowatch.jobs.alerts.AlertLifecycle;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CameraIncident;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.DutyRoster;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TrackPoint;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripTally;
import vn.customs.cargowatch.ops.UserError;
import vn.customs.cargowatch.ops.config.ConfigFile;
import vn.customs.cargowatch.model.TripRegistration;

/**
 * Where the {@code alert} command and the alert desk read alerts, their history, trips and the customs units, and
 * publish an action: the replay's folders in embedded mode ({@link AlertFiles}), Kafka and Cassandra in production
 * ({@link AlertKafkaCassandra}).
 */
public interface AlertStore extends AutoCloseable {

    /**
     * Embedded mode's replay folders ({@code input} and {@code output}, both), or else Kafka and Cassandra of {@code
     * config} (the defaults when null); a mix of the two is the user's mistake.
     */
    static AlertStore open(Path input, Path output, Path config) {
        if (input != null || output != null) {
            if (input == null || output == null) {
                throw new UserError("embedded mode needs both --input DIR and --output DIR (those of the replay)");
            }
            if (config != null) {
                throw new UserError("give either --input/--output (embedded) or --config (Kafka and Cassandra)");
            }
            return new AlertFiles(input, output);
        }
        ConfigFile.Settings settings = ConfigFile.settings(config);
        return new AlertKafkaCassandra(settings.kafka().bootstrapServers(), settings.cassandra());
    }

    /** The alert as last emitted, with the state the pipeline has given it. */
    Optional<Alert> alert(String alertId);

    /** The actions applied to it, oldest first. */
    List<AlertHistoryEntry> history(String alertId);

    /**
     * Actions already published for it that the pipeline has not applied yet (so a second ACK is refused before the
     * pipeline has seen the first), oldest first: those dated after the newest entry of its {@code history}.
     */
    List<AlertAction> pending(String alertId, List<AlertHistoryEntry> history);

    /** When the newest action of {@code history} happened; {@link Instant#MIN} when none has. */
    static Instant newestApplied(List<AlertHistoryEntry> history) {
        return history.stream().map(AlertHistoryEntry::ts).max(Comparator.naturalOrder()).orElse(Instant.MIN);
    }

    /**
     * Where the alert will stand once the pipeline has applied the published actions it has not yet: its state, and
     * the unit asked to verify on site (from its history, as the pipeline keeps it).
     */
    static AlertLifecycle.Result expected(Alert alert, List<AlertHistoryEntry> history, List<AlertAction> pending,
            Set<String> general) {
        AlertLifecycle.Result expected = new AlertLifecycle.Result(
                alert.state() == null ? AlertState.OPEN : alert.state(), AlertLifecycle.unitAsked(history), null);
        for (AlertAction action : pending) {
            AlertLifecycle.Result result = AlertLifecycle.apply(alert, expected.state(), expected.unitAsked(), action,
                    general);
            if (result.accepted()) {
                expected = result;
            }
        }
        return expected;
    }

    /** The customs units, each as last published. */
    List<CustomsOffice> offices();

    /**
     * The open alerts (not RESOLVED or CLOSED) listed under {@code units}, newest first. Production reads each unit's
     * {@code open_alerts_by_unit} partition; embedded mode returns every open alert of the output. The caller keeps
     * those the user may see.
     */
    List<Alert> openAlerts(Collection<String> units);

    /**
     * The ICDs open alerts may be listed under: a gate alert of an ICD no Branch lists has neither Branch nor
     * Department, and only its ICD's {@code open_alerts_by_unit} partition lists it (the General Department's to
     * handle). Production reads them from {@code units_by_level} (level ICD: every ICD with a gate decision); embedded
     * mode has none to name, as its {@link #openAlerts} returns every open alert.
     */
    List<String> icds();

    /** The trip's closing at its destination as it stands ({@code trips.closings}), if it has arrived. */
    Optional<TripClosing> closing(String tripId);

    /** The arrived trips {@code units} have still to close (AWAITING; overdue once past its due time), oldest arrival first. */
    List<TripClosing> openClosings(Collection<String> units);

    /**
     * The lines the monthly report of {@code month} counts (3740 Phụ lục IV): each trip's rows of the form in that
     * month, as {@code trips.tally} last wrote them ({@link TripTally#rows()}). Production reads the month's partition
     * of {@code seal_counts_by_month}, the monthly board's table.
     */
    List<TripTally.Row> tallyRows(YearMonth month);

    /** Every alert raised on the trip, each in its latest version, in the order they began. */
    List<Alert> tripAlerts(String tripId);

    /** What customs registered for the trip ({@code trips.registrations}). */
    Optional<TripRegistration> registration(String tripId);

    /**
     * The trip's REGISTERED event on {@code seal.trips}, its last if registered again: its phones and its route, which
     * {@code trips.registrations} leaves out (the boards are shared; a route is large). {@code since} is no later than
     * the registration (production reads the topic from there).
     */
    Optional<TripEvent> registered(String tripId, Instant since);

    /** The phones registered for the trip (driver, declarant, company; 3740 Phụ lục III), from {@link #registered}. */
    default List<Contact> contacts(String tripId, Instant since) {
        List<Contact> contacts = registered(tripId, since).map(TripEvent::contacts).orElse(null);
        return contacts == null ? List.of() : contacts;
    }

    /** Where the trip stands ({@code trips.status}, its latest). */
    Optional<TripStatus> status(String tripId);

    /** The trip's track ({@code trips.track}), oldest point first. */
    List<TrackPoint> track(String tripId);

    /** The gate review list of the shift ending at {@code shiftEnd} (1572 §II.1.5); every shift's when null. */
    List<ReviewItem> review(Instant shiftEnd);

    // ---- the shift journal and handover (report shift: 3740 Phụ lục I, §I.10.3.b) ----

    /**
     * Every trip whose monitoring overlaps [{@code from}, {@code to}): activated before {@code to} and not ended
     * (arrived or cancelled) before {@code from}, each in its latest {@code trips.status}. Production reads the
     * {@code trips_by_month} partitions (ATTACHED and RECEIVED rows) of the Vietnam months from {@link
     * AlertKafkaCassandra#TRIP_LOOKBACK} before {@code from} to {@code to}, the {@code active_trips_by_unit}
     * partitions of {@code units} (trips under way since before that), then {@code trip_status} of each trip left;
     * embedded mode reads {@code trips.status} whole and returns every such trip. The caller keeps its unit's.
     */
    List<TripStatus> tripsMonitored(Collection<String> units, Instant from, Instant to);

    /** Whether the trip's monitoring, [activation, end), overlaps [{@code from}, {@code to}). */
    static boolean monitoredIn(TripStatus status, Instant from, Instant to) {
        return status.activatedTs() != null && status.activatedTs().isBefore(to)
                && (status.endTs() == null || !status.endTs().isBefore(from));
    }

    /** The closings (as they stand) of the trips that arrived in [{@code from}, {@code to}), oldest arrival first. */
    List<TripClosing> closingsArrived(Instant from, Instant to);

    /**
     * The dead letters dated in [{@code from}, {@code to}), production's without their payloads (a journal counts
     * them): the {@code deadletters_by_day} partitions of those Vietnam days for each input topic.
     */
    List<DeadLetter> deadLetters(Instant from, Instant to);

    /**
     * The alerts whose episode began in [{@code from}, {@code to}), each in its latest version, of {@code type} or of
     * every type when null: production reads the {@code alerts_by_day} partitions of those Vietnam days.
     */
    List<Alert> alertsBegun(Instant from, Instant to, AlertType type);

    /** When each of {@code tripIds} last reported a position before {@code before} ({@code trips.track}), if it has. */
    Map<String, Instant> lastFixes(Collection<String> tripIds, Instant before);

    /**
     * The duty roster as published on {@code customs.duty-roster} (the desk's own included), every valid record in
     * the order published: embedded mode reads the input's {@code customs.duty-roster.jsonl}, production the topic
     * from its beginning (as long as Kafka keeps it). The caller keeps the newest {@code ts} of each unit and shift.
     */
    List<DutyRoster> roster();

    /**
     * One container's gate decision as the quarterly camera report counts it (1572 §III.3): which camera read it
     * ({@code gate.matches} {@code cameraId}; null on a read by hand, and on a decision written before the field), and
     * whether the read was complete (not {@code INCOMPLETE}). {@code eventId} is the decision's: {@code <eventId>/2}
     * for the second container of a truck.
     */
    record CameraRead(String icdCode, String gateId, String cameraId, String eventId, Instant ts,
            GateMatch.Result result) {}

    /**
     * The gate decisions on reads at {@code icds} (every ICD when null) stamped from {@code from} (inclusive) to
     * {@code to} (exclusive), one per {@code eventId}: its latest (a live correction replaces the decision made on the
     * truck's arrival). Production reads the period's Vietnam days of {@code gate_matches_by_icd_day}, embedded mode
     * the output's {@code gate.matches.jsonl}.
     */
    List<CameraRead> cameraReads(Collection<String> icds, Instant from, Instant to);

    /** How far before a period production looks for an incident begun earlier and ended in it. */
    Duration EPISODE_LOOKBACK = Duration.ofDays(366);

    /**
     * The camera incidents (1572 §II.1.8: {@code cameras.incidents}, SILENT and DEGRADED) of the cameras at {@code
     * icds} (every ICD when null) that overlap {@code from} … {@code to}: begun before {@code to}, and not ended or
     * ended after {@code from}; each as last written (an incident's later record replaces the earlier), in the order
     * they began. Production reads each ICD's {@code camera_incidents_by_icd} partition from {@link
     * #EPISODE_LOOKBACK} before {@code from}, and its {@code open_camera_incidents_by_icd} partition for one still
     * open however old; every ICD is those of {@link #icds} and those a Branch lists. Embedded mode reads the output's
     * {@code cameras.incidents.jsonl}.
     */
    List<CameraIncident> cameraIncidents(Collection<String> icds, Instant from, Instant to);

    /** Whether the incident overlaps {@code from} … {@code to}: begun before {@code to}, not ended by {@code from}. */
    static boolean overlaps(CameraIncident incident, Instant from, Instant to) {
        return incident.start() != null && incident.start().isBefore(to)
                && (incident.end() == null || incident.end().isAfter(from));
    }

    /**
     * The time the data speaks for, to end what is still going (an open episode): production's now (the pipeline is
     * live, and an episode it has not ended is still going); a replay's newest event time in its outputs (a gate
     * decision, an alert's start, detection or end, a camera incident's start or end), null when they have none.
     */
    Instant dataUntil();

    /**
     * Publishes {@code record} on the input {@code topic} ({@code alerts.actions}, {@code customs.duty-roster}),
     * keyed by the topic's key field; returns where it went, to tell the user.
     */
    <T> String publish(Topic<T> topic, T record);

    /** Where alerts are read from, to name in a message. */
    String describe();

    @Override
    void close();
}
