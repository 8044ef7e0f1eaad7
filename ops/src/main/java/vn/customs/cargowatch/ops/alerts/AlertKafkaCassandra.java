package vn.customs.cargowatch.ops.alerts;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.customs.cargowatch.connectors.cassandra.CassandraSessions;
import vn.customs.cargowatch.connectors.cassandra.CassandraSettings;
import vn.customs.cargowatch.connectors.cassandra.TopicMappings;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CameraIncident;
import vn.customs.cargowatch.model.Contact;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.DutyRoster;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Regime;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.TrackPoint;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripTally;
import vn.customs.cargowatch.model.TripRegistration;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.NearestOffice;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.UserError;

/**
 * Production: actions are published to the Kafka topic {@code alerts.actions} keyed by alert id, the duty roster to
 * {@code customs.duty-roster} keyed by unit code (and read back from its beginning); the alert and its
 * history are read from Cassandra ({@code alerts_by_id}, {@code alert_history_by_alert}); the customs units from the
 * compacted-by-key Kafka topic {@code customs.offices}, read from the beginning to its end (the pipeline's own source
 * of them; Cassandra keeps no table of units). For the alert desk: open alerts from {@code open_alerts_by_unit}, the
 * registration from {@code trip_registration}, the review list from {@code gate_review_by_shift}, a trip's contacts
 * from the {@code seal.trips} topic.
 *
 * <p>Pending actions are those on {@code alerts.actions} for the alert, published in the last {@link
 * #PENDING_WINDOW} and dated after its newest applied one: the pipeline applies an action within {@code
 * events.outOfOrderness} of its publication, so what is older and still not in the history was refused (its reason
 * is on {@code deadletter}) — or the pipeline is down, which its operators' alert (JobDown) reports. Without them
 * a second officer's quick click would pass here and only be refused by the pipeline.
 */
public final class AlertKafkaCassandra implements AlertStore {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);
    /** How long after its publication an action not yet applied counts as pending (the default bound is 2 min). */
    static final Duration PENDING_WINDOW = Duration.ofMinutes(15);

    private final String brokers;
    private final CassandraSettings cassandra;
    private CqlSession session;

    public AlertKafkaCassandra(String brokers, CassandraSettings cassandra) {
        this.brokers = brokers;
        this.cassandra = cassandra;
    }

    private CqlSession session() {
        if (session == null) {
            session = openSession(cassandra);
        }
        return session;
    }

    /** A session on {@code cassandra} for a user's command, or the one plain message saying why there is none. */
    public static CqlSession openSession(CassandraSettings cassandra) {
        try {
            return CassandraSessions.open(cassandra);
        } catch (RuntimeException e) {
            throw new UserError("cannot use Cassandra at " + cassandra.contactPoints() + " keyspace "
                    + cassandra.keyspace() + ": " + e.getMessage().lines().findFirst().orElse("")
                    + " (is the stack up, and the schema applied? ./cargowatch stack up; ./cargowatch schema apply)");
        }
    }

    @Override
    public Optional<Alert> alert(String alertId) {
        Row row = session().execute(session().prepare("SELECT * FROM alerts_by_id WHERE alert_id = ?").bind(alertId))
                .one();
        return row == null ? Optional.empty() : Optional.of(alertOf(row));
    }

    private static Alert alertOf(Row row) {
        String details = row.getString("details");
        AlertDetails detailMap;
        try {
            detailMap = details == null ? AlertDetails.NONE : Json.read(details, AlertDetails.class);
        } catch (Json.Rejected e) {
            detailMap = AlertDetails.NONE;
        }
        String nearestCode = row.getString("nearest_office_code");
        return new Alert(row.getString("alert_id"), enumOf(AlertType.class, row.getString("type")),
                enumOf(AlertType.Severity.class, row.getString("severity")), row.getString("trip_id"),
                row.getString("imei"), row.getString("container_no"), row.getInstant("start_ts"),
                row.getInstant("detected_at"), row.getInstant("end_ts"), boxed(row, "lat"), boxed(row, "lon"),
                row.getString("branch_code"), row.getString("department_code"),
                nearestCode == null ? null : new NearestOffice(nearestCode, row.getString("nearest_office_name"),
                        row.getDouble("nearest_office_km")),
                detailMap, enumOf(AlertState.class, row.getString("state")));
    }

    private static Double boxed(Row row, String column) {
        return row.isNull(column) ? null : row.getDouble(column);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    @Override
    public List<AlertHistoryEntry> history(String alertId) {
        List<AlertHistoryEntry> history = new ArrayList<>();
        for (Row row : session().execute(session().prepare(
                "SELECT * FROM alert_history_by_alert WHERE alert_id = ?").bind(alertId))) {
            history.add(new AlertHistoryEntry(alertId, enumOf(AlertAction.Action.class, row.getString("action")),
                    row.getString("by_officer"), row.getString("by_unit"), row.getInstant("ts"),
                    row.getString("note"), row.getString("escalate_to"),
                    enumOf(AlertState.class, row.getString("from_state")),
                    enumOf(AlertState.class, row.getString("to_state")),
                    enumOf(AlertAction.Finding.class, row.getString("finding")), row.getString("closing_reason"),
                    row.getString("by_address")));
        }
        return history;
    }

    @Override
    public List<AlertAction> pending(String alertId, List<AlertHistoryEntry> history) {
        Instant newestApplied = AlertStore.newestApplied(history);
        long since = Instant.now().minus(PENDING_WINDOW).toEpochMilli();
        List<AlertAction> pending = new ArrayList<>();
        for (ConsumerRecord<String, String> record : recordsSince(Topic.ALERTS_ACTIONS.name(), since)) {
            if (!alertId.equals(record.key())) {
                continue;
            }
            try {
                AlertAction action = Json.read(record.value(), AlertAction.class);
                if (action.problem() == null && alertId.equals(action.alertId()) && action.ts().isAfter(newestApplied)) {
                    pending.add(action);
                }
            } catch (Json.Rejected e) {
                // dead-lettered by the pipeline
            }
        }
        pending.sort(Comparator.comparing(AlertAction::ts));
        return pending;
    }

    /** The records of {@code topic} published since {@code sinceMillis}, to its end as of now. */
    private List<ConsumerRecord<String, String>> recordsSince(String topic, long sinceMillis) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, KAFKA_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(partition -> times.put(partition, sinceMillis));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, KAFKA_TIMEOUT);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                consumer.seek(partition, start != null ? start.offset() : ends.get(partition));
            }
            long deadline = System.nanoTime() + KAFKA_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, KAFKA_TIMEOUT) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new UserError("cannot read " + topic + " from Kafka at " + brokers + ": " + e.getMessage());
        }
        return records;
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return properties;
    }

    @Override
    public List<CustomsOffice> offices() {
        Map<String, CustomsOffice> offices = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : recordsSince(Topic.CUSTOMS_OFFICES.name(), 0L)) {
            try {
                CustomsOffice office = Json.read(record.value(), CustomsOffice.class);
                if (office.problem() == null) {
                    offices.put(office.unitCode(), office);
                }
            } catch (Json.Rejected e) {
                // dead-lettered by the pipeline
            }
        }
        return List.copyOf(offices.values());
    }

    @Override
    public List<Alert> openAlerts(Collection<String> units) {
        Map<String, Alert> open = new LinkedHashMap<>();
        var select = session().prepare("SELECT * FROM open_alerts_by_unit WHERE unit_code = ?");
        for (String unit : units) {
            for (Row row : session().execute(select.bind(unit))) {
                open.putIfAbsent(row.getString("alert_id"), alertOf(row));
            }
        }
        return open.values().stream().sorted(AlertFiles.NEWEST_FIRST).toList();
    }

    @Override
    public List<String> icds() {
        List<String> icds = new ArrayList<>();
        for (Row row : session().execute(session().prepare(
                "SELECT unit_code FROM units_by_level WHERE level = ?").bind("ICD"))) {
            icds.add(row.getString("unit_code"));
        }
        return icds;
    }

    @Override
    public Optional<TripRegistration> registration(String tripId) {
        Row row = session().execute(session().prepare("SELECT * FROM trip_registration WHERE trip_id = ?")
                .bind(tripId)).one();
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new TripRegistration(tripId, row.getString("imei"), row.getString("container_no"),
                row.getString("declaration_no"), row.getString("truck_plate"), row.getString("trailer_plate"),
                enumOf(Regime.class, row.getString("regime")), row.getString("origin_name"),
                row.getString("destination_name"), row.getInstant("expected_start"), row.getInstant("expected_end"),
                boxed(row, "corridor_m"), row.getString("branch_code"), row.getString("department_code"),
                row.getInstant("registered_ts")));
    }

    /**
     * From {@code seal.trips}, read from an hour before {@code since} (the registration's time: the topic's
     * timestamps are when the feeder published, close to it) to its end: Cassandra keeps no phone numbers.
     */
    @Override
    public Optional<TripEvent> registered(String tripId, Instant since) {
        TripEvent registered = null;
        long from = since == null ? 0L : since.minus(Duration.ofHours(1)).toEpochMilli();
        for (ConsumerRecord<String, String> record : recordsSince(Topic.SEAL_TRIPS.name(), from)) {
            if (!tripId.equals(Json.textOf(record.value(), "tripId"))) {
                continue;
            }
            try {
                TripEvent event = Json.read(record.value(), TripEvent.class);
                if (event.type() == TripEvent.Type.REGISTERED) {
                    registered = event;
                }
            } catch (Json.Rejected e) {
                // dead-lettered by the pipeline
            }
        }
        return Optional.ofNullable(registered);
    }

    @Override
    public Optional<TripStatus> status(String tripId) {
        Row row = session().execute(session().prepare("SELECT * FROM trip_status WHERE trip_id = ?").bind(tripId))
                .one();
        return Optional.ofNullable(row).map(TopicMappings::tripStatus);
    }

    @Override
    public List<TrackPoint> track(String tripId) {
        List<TrackPoint> track = new ArrayList<>();
        for (Row row : session().execute(session().prepare("SELECT * FROM trip_track WHERE trip_id = ?")
                .bind(tripId))) {
            track.add(TopicMappings.trackPoint(row));
        }
        return track;
    }

    @Override
    public List<TripClosing> openClosings(Collection<String> units) {
        List<TripClosing> open = new ArrayList<>();
        var select = session().prepare("SELECT trip_id FROM open_closings_by_unit WHERE unit_code = ?");
        for (String unit : units) {
            for (Row row : session().execute(select.bind(unit))) {
                closing(row.getString("trip_id")).filter(closing -> closing.state() != TripClosing.State.CLOSED)
                        .ifPresent(open::add);
            }
        }
        open.sort(Comparator.comparing(TripClosing::arrivedAt, Comparator.nullsLast(Comparator.naturalOrder())));
        return open;
    }

    @Override
    public List<TripTally.Row> tallyRows(YearMonth month) {
        List<TripTally.Row> rows = new ArrayList<>();
        for (Row row : session().execute(session().prepare("SELECT * FROM seal_counts_by_month WHERE month = ?")
                .bind(month.toString()))) {
            rows.add(TopicMappings.tallyRow(row));
        }
        return rows;
    }

    @Override
    public List<Alert> tripAlerts(String tripId) {
        List<Alert> alerts = new ArrayList<>();
        for (Row row : session().execute(session().prepare("SELECT * FROM alerts_by_trip WHERE trip_id = ?")
                .bind(tripId))) {
            alerts.add(alertOf(row));
        }
        return alerts;
    }

    /**
     * One query per ICD and Vietnam day of the period ({@code gate_matches_by_icd_day}'s partition), only the columns
     * the report counts with: a busy ICD's quarter is some hundred thousand decisions. Every ICD is those of {@link
     * #icds} (each ICD that has had a gate decision).
     */
    @Override
    public List<CameraRead> cameraReads(Collection<String> icds, Instant from, Instant to) {
        List<CameraRead> reads = new ArrayList<>();
        var select = session().prepare("SELECT gate_id, camera_id, event_id, ts, result FROM gate_matches_by_icd_day "
                + "WHERE icd_code = ? AND day = ? AND ts >= ? AND ts < ?");
        for (String icd : icds == null ? icds() : icds) {
            for (LocalDate day : days(from, to)) {
                for (Row row : session().execute(select.bind(icd, day, from, to))) {
                    reads.add(new CameraRead(icd, row.getString("gate_id"), row.getString("camera_id"),
                            row.getString("event_id"), row.getInstant("ts"),
                            enumOf(GateMatch.Result.class, row.getString("result"))));
                }
            }
        }
        return reads;
    }

    /**
     * Two reads per ICD: its log's slice from the look-back to {@code to} (newest first: an ICD has some hundreds of
     * incidents a year), and its open incidents, one still open begun before the look-back included. Every ICD is
     * those of {@link #icds}: each ICD that has had a gate decision, which a camera's incident follows (it fell silent
     * after reading, or its reads' images were useless).
     */
    @Override
    public List<CameraIncident> cameraIncidents(Collection<String> icds, Instant from, Instant to) {
        Map<String, CameraIncident> incidents = new LinkedHashMap<>();
        var logged = session().prepare("SELECT * FROM camera_incidents_by_icd WHERE icd_code = ? AND start_ts >= ? "
                + "AND start_ts < ?");
        var open = session().prepare("SELECT * FROM open_camera_incidents_by_icd WHERE icd_code = ?");
        for (String icd : icds == null ? icds() : icds) {
            for (Row row : session().execute(logged.bind(icd, from.minus(EPISODE_LOOKBACK), to))) {
                incidents.put(row.getString("incident_id"), TopicMappings.cameraIncident(row));
            }
            for (Row row : session().execute(open.bind(icd))) {
                incidents.putIfAbsent(row.getString("incident_id"), TopicMappings.cameraIncident(row));
            }
        }
        return incidents.values().stream().filter(incident -> AlertStore.overlaps(incident, from, to))
                .sorted(Comparator.comparing(CameraIncident::start)).toList();
    }

    @Override
    public Instant dataUntil() {
        return Instant.now();
    }

    @Override
    public Optional<TripClosing> closing(String tripId) {
        Row row = session().execute(session().prepare("SELECT * FROM trip_closing WHERE trip_id = ?").bind(tripId))
                .one();
        return Optional.ofNullable(row).map(TopicMappings::tripClosing);
    }

    @Override
    public List<ReviewItem> review(Instant shiftEnd) {
        if (shiftEnd == null) {
            return List.of();
        }
        List<ReviewItem> items = new ArrayList<>();
        for (Row row : session().execute(session().prepare("SELECT * FROM gate_review_by_shift WHERE shift_end = ?")
                .bind(shiftEnd))) {
            items.add(TopicMappings.reviewItem(row));
        }
        items.sort(Comparator.comparing(ReviewItem::ts));
        return items;
    }

    /**
     * How long before a shift a trip still under way in it may have been activated and be found by its {@code
     * trips_by_month} row; one activated earlier is found while it is under way ({@code active_trips_by_unit}), not
     * once it has ended.
     */
    static final Duration TRIP_LOOKBACK = Duration.ofDays(31);

    @Override
    public List<TripStatus> tripsMonitored(Collection<String> units, Instant from, Instant to) {
        Set<String> candidates = new LinkedHashSet<>();
        Set<String> endedBefore = new HashSet<>();
        for (Row row : monthRows(from.minus(TRIP_LOOKBACK), to)) {
            Instant ts = row.getInstant("ts");
            if (ts == null) {
                continue;
            }
            if ("ATTACHED".equals(row.getString("event")) && ts.isBefore(to)) {
                candidates.add(row.getString("trip_id"));
            } else if ("RECEIVED".equals(row.getString("event")) && ts.isBefore(from)) {
                endedBefore.add(row.getString("trip_id"));
            }
        }
        var active = session().prepare("SELECT trip_id FROM active_trips_by_unit WHERE unit_code = ?");
        for (String unit : units) {
            session().execute(active.bind(unit)).forEach(row -> candidates.add(row.getString("trip_id")));
        }
        candidates.removeAll(endedBefore);
        List<TripStatus> trips = new ArrayList<>();
        for (String tripId : candidates) {
            status(tripId).filter(status -> AlertStore.monitoredIn(status, from, to)).ifPresent(trips::add);
        }
        return trips;
    }

    @Override
    public List<TripClosing> closingsArrived(Instant from, Instant to) {
        List<TripClosing> closings = new ArrayList<>();
        for (Row row : monthRows(from, to)) {
            Instant ts = row.getInstant("ts");
            if ("RECEIVED".equals(row.getString("event")) && ts != null && !ts.isBefore(from) && ts.isBefore(to)) {
                closing(row.getString("trip_id")).ifPresent(closings::add);
            }
        }
        closings.sort(Comparator.comparing(TripClosing::arrivedAt, Comparator.nullsLast(Comparator.naturalOrder())));
        return closings;
    }

    /** The {@code trips_by_month} rows (trip, event, time) of the Vietnam months from {@code from} to {@code to}. */
    private List<Row> monthRows(Instant from, Instant to) {
        List<Row> rows = new ArrayList<>();
        var select = session().prepare("SELECT trip_id, event, ts FROM trips_by_month WHERE month = ?");
        YearMonth last = YearMonth.parse(TopicMappings.monthOf(to));
        for (YearMonth month = YearMonth.parse(TopicMappings.monthOf(from)); !month.isAfter(last);
                month = month.plusMonths(1)) {
            session().execute(select.bind(month.toString())).forEach(rows::add);
        }
        return rows;
    }

    @Override
    public List<DeadLetter> deadLetters(Instant from, Instant to) {
        List<DeadLetter> letters = new ArrayList<>();
        var select = session().prepare(
                "SELECT topic, ts, kind, reason FROM deadletters_by_day WHERE day = ? AND topic = ?");
        for (LocalDate day : days(from, to)) {
            for (Topic<?> topic : Topic.INPUTS) {
                for (Row row : session().execute(select.bind(day, topic.name()))) {
                    Instant ts = row.getInstant("ts");
                    if (ts != null && !ts.isBefore(from) && ts.isBefore(to)) {
                        letters.add(new DeadLetter(row.getString("topic"), row.getString("reason"), null, ts,
                                enumOf(DeadLetter.Kind.class, row.getString("kind")), null, null));
                    }
                }
            }
        }
        return letters;
    }

    @Override
    public List<Alert> alertsBegun(Instant from, Instant to, AlertType type) {
        List<Alert> alerts = new ArrayList<>();
        var select = session().prepare(type == null ? "SELECT * FROM alerts_by_day WHERE day = ?"
                : "SELECT * FROM alerts_by_day WHERE day = ? AND type = ?");
        for (LocalDate day : days(from, to)) {
            for (Row row : session().execute(type == null ? select.bind(day) : select.bind(day, type.name()))) {
                Instant start = row.getInstant("start_ts");
                if (start != null && !start.isBefore(from) && start.isBefore(to)) {
                    alerts.add(alertOf(row));
                }
            }
        }
        return alerts;
    }

    /** The Vietnam calendar days [{@code from}, {@code to}) touches: the day buckets of the time series. */
    private static List<LocalDate> days(Instant from, Instant to) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate last = TopicMappings.dayOf(to.minusMillis(1));
        for (LocalDate day = TopicMappings.dayOf(from); !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    @Override
    public Map<String, Instant> lastFixes(Collection<String> tripIds, Instant before) {
        Map<String, Instant> last = new LinkedHashMap<>();
        var select = session().prepare(
                "SELECT ts FROM trip_track WHERE trip_id = ? AND ts < ? ORDER BY ts DESC LIMIT 1");
        for (String tripId : tripIds) {
            Row row = session().execute(select.bind(tripId, before)).one();
            if (row != null) {
                last.put(tripId, row.getInstant("ts"));
            }
        }
        return last;
    }

    /**
     * From the topic's beginning: a roster may be published days before its shift, and the topic holds what Kafka
     * keeps of a few records per unit and shift (7 days by the broker's default retention), a few thousand records.
     */
    @Override
    public List<DutyRoster> roster() {
        List<DutyRoster> roster = new ArrayList<>();
        for (ConsumerRecord<String, String> record : recordsSince(Topic.CUSTOMS_DUTY_ROSTER.name(), 0L)) {
            try {
                roster.add(Topic.CUSTOMS_DUTY_ROSTER.parse(record.value()));
            } catch (Json.Rejected e) {
                // dead-lettered by the pipeline
            }
        }
        return roster;
    }

    @Override
    public <T> String publish(Topic<T> topic, T record) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(KAFKA_TIMEOUT.toMillis()));
        String line = Json.write(record);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>(topic.name(), Json.textOf(line, topic.keyField()), line))
                    .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new UserError("cannot publish to Kafka at " + brokers + ": " + e.getMessage()
                    + " (is the stack up? ./cargowatch stack up)");
        }
        return "Kafka topic " + topic.name() + " at " + brokers
                + " (read by the running pipeline within events.outOfOrderness)";
    }

    @Override
    public String describe() {
        return "Cassandra " + cassandra.contactPoints() + " keyspace " + cassandra.keyspace();
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
