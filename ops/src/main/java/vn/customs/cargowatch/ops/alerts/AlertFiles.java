package vn.customs.cargowatch.ops.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripTally;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.TrackPoint;
import vn.customs.cargowatch.model.TripRegistration;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Timed;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.UserError;

/**
 * Embedded mode: actions and the duty roster are appended to the replay's input folder ({@code alerts.actions.jsonl},
 * {@code customs.duty-roster.jsonl}, read by the next {@code replay}); the alert and its history are read from the replay's output folder ({@code alerts.jsonl},
 * {@code alerts.history.jsonl}); the customs units from the input's {@code customs.offices.jsonl}; for the alert desk,
 * the trips' registrations ({@code trips.registrations.jsonl}), the gate review list ({@code gate.review.jsonl}) and
 * for the reports the camera incident log ({@code cameras.incidents.jsonl}) from the output, the trips' contacts from
 * the input's {@code seal.trips.jsonl}.
 *
 * <p>An action in the input that is not yet in the history is <em>pending</em>: one dated after the newest applied
 * action (the replay applies actions in event-time order, so an older one has been decided already: applied or
 * refused). Lines that do not parse are skipped here; the replay dead-letters them.
 */
public final class AlertFiles implements AlertStore {

    private final Path input;
    private final Path output;

    public AlertFiles(Path input, Path output) {
        this.input = folder(input, "input");
        this.output = folder(output, "output");
    }

    private static Path folder(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new UserError(what + " folder " + dir + " does not exist or is not a folder");
        }
        return dir;
    }

    @Override
    public Optional<Alert> alert(String alertId) {
        Path file = output.resolve(Topic.ALERTS.fileName());
        if (!Files.isRegularFile(file)) {
            throw new UserError("output folder " + output + " has no " + Topic.ALERTS.fileName()
                    + " (run ./cargowatch replay --input " + input + " --output " + output + " first)");
        }
        List<Alert> versions = read(file, Topic.ALERTS.type(), alertId);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    @Override
    public List<AlertHistoryEntry> history(String alertId) {
        List<AlertHistoryEntry> history = new ArrayList<>(read(output.resolve(Topic.ALERTS_HISTORY.fileName()),
                Topic.ALERTS_HISTORY.type(), alertId));
        history.sort(Comparator.comparing(AlertHistoryEntry::ts));
        return history;
    }

    @Override
    public List<AlertAction> pending(String alertId, List<AlertHistoryEntry> history) {
        Instant newestApplied = AlertStore.newestApplied(history);
        return read(input.resolve(Topic.ALERTS_ACTIONS.fileName()), Topic.ALERTS_ACTIONS.type(), alertId).stream()
                .filter(action -> action.problem() == null && action.ts().isAfter(newestApplied))
                .sorted(Comparator.comparing(AlertAction::ts))
                .toList();
    }

    @Override
    public List<CustomsOffice> offices() {
        Map<String, CustomsOffice> offices = new LinkedHashMap<>();
        for (CustomsOffice office : read(input.resolve(Topic.CUSTOMS_OFFICES.fileName()),
                Topic.CUSTOMS_OFFICES.type(), null)) {
            if (office.problem() == null) {
                offices.put(office.unitCode(), office);
            }
        }
        return List.copyOf(offices.values());
    }

    @Override
    public List<Alert> openAlerts(Collection<String> units) {
        Map<String, Alert> latest = new LinkedHashMap<>();
        for (Alert alert : read(output.resolve(Topic.ALERTS.fileName()), Alert.class, null)) {
            latest.put(alert.alertId(), alert);
        }
        return latest.values().stream()
                .filter(alert -> alert.state() != AlertState.RESOLVED && alert.state() != AlertState.CLOSED)
                .sorted(NEWEST_FIRST)
                .toList();
    }

    @Override
    public List<String> icds() {
        return List.of();
    }

    @Override
    public Optional<TripRegistration> registration(String tripId) {
        List<TripRegistration> registrations = read(output.resolve(Topic.TRIPS_REGISTRATIONS.fileName()),
                TripRegistration.class, null).stream().filter(registration -> tripId.equals(registration.tripId()))
                .toList();
        return registrations.isEmpty() ? Optional.empty() : Optional.of(registrations.get(registrations.size() - 1));
    }

    @Override
    public Optional<TripEvent> registered(String tripId, Instant since) {
        TripEvent registered = null;
        for (TripEvent event : read(input.resolve(Topic.SEAL_TRIPS.fileName()), TripEvent.class, null)) {
            if (tripId.equals(event.tripId()) && event.type() == TripEvent.Type.REGISTERED) {
                registered = event;
            }
        }
        return Optional.ofNullable(registered);
    }

    @Override
    public Optional<TripStatus> status(String tripId) {
        TripStatus latest = null;
        for (TripStatus status : read(output.resolve(Topic.TRIPS_STATUS.fileName()), TripStatus.class, null)) {
            if (tripId.equals(status.tripId())) {
                latest = status;
            }
        }
        return Optional.ofNullable(latest);
    }

    @Override
    public List<TrackPoint> track(String tripId) {
        return read(output.resolve(Topic.TRIPS_TRACK.fileName()), TrackPoint.class, null).stream()
                .filter(point -> tripId.equals(point.tripId()))
                .sorted(Comparator.comparing(TrackPoint::ts)).toList();
    }

    @Override
    public Optional<TripClosing> closing(String tripId) {
        return Optional.ofNullable(closings().get(tripId));
    }

    @Override
    public List<TripClosing> openClosings(Collection<String> units) {
        return closings().values().stream()
                .filter(closing -> closing.state() != TripClosing.State.CLOSED
                        && units.contains(closing.destinationUnit()))
                .sorted(Comparator.comparing(TripClosing::arrivedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /** The latest closing of each trip in the output. */
    private Map<String, TripClosing> closings() {
        Map<String, TripClosing> latest = new LinkedHashMap<>();
        read(output.resolve(Topic.TRIPS_CLOSINGS.fileName()), TripClosing.class, null)
                .forEach(closing -> latest.put(closing.tripId(), closing));
        return latest;
    }

    @Override
    public List<TripTally.Row> tallyRows(YearMonth month) {
        Map<String, TripTally> latest = new LinkedHashMap<>();
        read(output.resolve(Topic.TRIPS_TALLY.fileName()), TripTally.class, null)
                .forEach(tally -> latest.put(tally.tripId(), tally));
        return latest.values().stream().flatMap(tally -> tally.rows().stream())
                .filter(row -> row.month().equals(month.toString())).toList();
    }

    @Override
    public List<Alert> tripAlerts(String tripId) {
        Map<String, Alert> latest = new LinkedHashMap<>();
        for (Alert alert : read(output.resolve(Topic.ALERTS.fileName()), Alert.class, null)) {
            if (tripId.equals(alert.tripId())) {
                latest.put(alert.alertId(), alert);
            }
        }
        return latest.values().stream().sorted(Comparator.comparing(Alert::startTs,
                Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    @Override
    public List<ReviewItem> review(Instant shiftEnd) {
        // a later record of the same read (reviewed) replaces the earlier
        Map<String, ReviewItem> latest = new LinkedHashMap<>();
        read(output.resolve(Topic.GATE_REVIEW.fileName()), ReviewItem.class, null)
                .forEach(item -> latest.put(item.eventId(), item));
        return latest.values().stream()
                .filter(item -> shiftEnd == null || shiftEnd.equals(item.shiftEnd()))
                .sorted(Comparator.comparing(ReviewItem::ts, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    @Override
    public List<TripStatus> tripsMonitored(Collection<String> units, Instant from, Instant to) {
        Map<String, TripStatus> latest = new LinkedHashMap<>();
        read(output.resolve(Topic.TRIPS_STATUS.fileName()), TripStatus.class, null)
                .forEach(status -> latest.put(status.tripId(), status));
        return latest.values().stream().filter(status -> AlertStore.monitoredIn(status, from, to)).toList();
    }

    @Override
    public List<TripClosing> closingsArrived(Instant from, Instant to) {
        return closings().values().stream()
                .filter(closing -> closing.arrivedAt() != null && !closing.arrivedAt().isBefore(from)
                        && closing.arrivedAt().isBefore(to))
                .sorted(Comparator.comparing(TripClosing::arrivedAt)).toList();
    }

    @Override
    public List<DeadLetter> deadLetters(Instant from, Instant to) {
        return read(output.resolve(Topic.DEADLETTER.fileName()), DeadLetter.class, null).stream()
                .filter(letter -> letter.ts() != null && !letter.ts().isBefore(from) && letter.ts().isBefore(to))
                .toList();
    }

    @Override
    public List<Alert> alertsBegun(Instant from, Instant to, AlertType type) {
        Map<String, Alert> latest = new LinkedHashMap<>();
        for (Alert alert : read(output.resolve(Topic.ALERTS.fileName()), Alert.class, null)) {
            latest.put(alert.alertId(), alert);
        }
        return latest.values().stream()
                .filter(alert -> (type == null || alert.type() == type) && alert.startTs() != null
                        && !alert.startTs().isBefore(from) && alert.startTs().isBefore(to))
                .toList();
    }

    @Override
    public Map<String, Instant> lastFixes(Collection<String> tripIds, Instant before) {
        Map<String, Instant> last = new LinkedHashMap<>();
        for (TrackPoint point : read(output.resolve(Topic.TRIPS_TRACK.fileName()), TrackPoint.class, null)) {
            if (tripIds.contains(point.tripId()) && point.ts().isBefore(before)) {
                last.merge(point.tripId(), point.ts(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return last;
    }

    @Override
    public List<CameraRead> cameraReads(Collection<String> icds, Instant from, Instant to) {
        // a later record of the same eventId (a live correction) replaces the earlier
        Map<String, GateMatch> latest = new LinkedHashMap<>();
        read(output.resolve(Topic.GATE_MATCHES.fileName()), GateMatch.class, null)
                .forEach(match -> latest.put(match.eventId(), match));
        return latest.values().stream()
                .filter(match -> match.ts() != null && !match.ts().isBefore(from) && match.ts().isBefore(to)
                        && (icds == null || icds.contains(match.icdCode())))
                .map(match -> new CameraRead(match.icdCode(), match.gateId(), match.cameraId(), match.eventId(),
                        match.ts(), match.result()))
                .toList();
    }

    @Override
    public List<CameraIncident> cameraIncidents(Collection<String> icds, Instant from, Instant to) {
        // a later record of the same incident (its end) replaces the earlier
        Map<String, CameraIncident> latest = new LinkedHashMap<>();
        read(output.resolve(Topic.CAMERAS_INCIDENTS.fileName()), CameraIncident.class, null)
                .forEach(incident -> latest.put(incident.incidentId(), incident));
        return latest.values().stream()
                .filter(incident -> AlertStore.overlaps(incident, from, to)
                        && (icds == null || icds.contains(incident.icdCode())))
                .sorted(Comparator.comparing(CameraIncident::start)).toList();
    }

    @Override
    public Instant dataUntil() {
        Instant newest = null;
        for (GateMatch match : read(output.resolve(Topic.GATE_MATCHES.fileName()), GateMatch.class, null)) {
            newest = later(newest, match.ts());
        }
        for (Alert alert : read(output.resolve(Topic.ALERTS.fileName()), Alert.class, null)) {
            newest = later(later(later(newest, alert.startTs()), alert.detectedAt()), alert.endTs());
        }
        for (CameraIncident incident : read(output.resolve(Topic.CAMERAS_INCIDENTS.fileName()), CameraIncident.class,
                null)) {
            newest = later(later(newest, incident.start()), incident.end());
        }
        return newest;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }

    /** Newest first, by when the condition began; an alert without a start last. */
    static final Comparator<Alert> NEWEST_FIRST = Comparator.comparing(Alert::startTs,
            Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed();

    @Override
    public List<DutyRoster> roster() {
        return read(input.resolve(Topic.CUSTOMS_DUTY_ROSTER.fileName()), DutyRoster.class, null).stream()
                .filter(entry -> entry.problem() == null)
                .toList();
    }

    @Override
    public <T> String publish(Topic<T> topic, T record) {
        Path file = input.resolve(topic.fileName());
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            int at = record instanceof Timed timed ? placeInTime(lines, timed.ts()) : lines.size();
            if (at == lines.size()) {
                Files.writeString(file, Json.write(record) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } else {
                // a replay reads its files in the order written: a record appended after later ones would arrive late
                // (the desk's read by hand among the cameras' day), so it goes where its time puts it
                List<String> placed = new ArrayList<>(lines);
                placed.add(at, Json.write(record));
                Path written = file.resolveSibling(file.getFileName() + ".writing");
                Files.write(written, placed, StandardCharsets.UTF_8);
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UserError("cannot write to " + file + ": " + e.getMessage());
        }
        return file + " (read by the next ./cargowatch replay)";
    }

    /**
     * Where among a file's {@code lines} a record of time {@code ts} belongs: after the last line stamped no later than
     * it (their end, to append, when none is later). A line whose time cannot be read stays where it is.
     */
    private static int placeInTime(List<String> lines, Instant ts) {
        int at = lines.size();
        while (at > 0) {
            long stamped = Json.eventTimeOf(lines.get(at - 1));
            if (stamped == Long.MIN_VALUE || stamped <= ts.toEpochMilli()) {
                break;
            }
            at--;
        }
        return at;
    }

    @Override
    public String describe() {
        return output.resolve(Topic.ALERTS.fileName()).toString();
    }

    @Override
    public void close() {}

    /** Every alert record a replay wrote to the output folder, in the order written. */
    public static List<Alert> alertsIn(Path output) {
        return read(output.resolve(Topic.ALERTS.fileName()), Alert.class, null);
    }

    /** The records of {@code file} (none when it is absent), only those keyed {@code alertId} unless null. */
    private static <T> List<T> read(Path file, Class<T> type, String alertId) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<T> records = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (alertId != null && !alertId.equals(Json.textOf(line, "alertId"))) {
                    continue;
                }
                try {
                    records.add(Json.read(line, type));
                } catch (Json.Rejected e) {
                    // the replay dead-letters it; nothing to show
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }
}
