package vn.customs.cargowatch.connectors.cassandra;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.CameraIncident;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.DoorState;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.NearestOffice;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Regime;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TrackPoint;
import vn.customs.cargowatch.model.Times;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripTally;
import vn.customs.cargowatch.model.TripRegistration;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.YardEntry;

/**
 * Each output topic → its tables in {@code ops/src/main/resources/cql/cargowatch.cql} (the queries they serve
 * are in {@code docs/cassandra.md}). Column names here and there must agree; the integration test prepares
 * every statement against the real schema.
 */
public final class TopicMappings {

    /** Day buckets are Vietnam calendar days: "today's alerts" is what an officer in Hà Nội calls today. */
    public static final ZoneId VIETNAM = ZoneOffset.ofHours(7);

    private TopicMappings() {}

    /** The mapping of an output topic of {@link Topic#OUTPUTS}. */
    @SuppressWarnings("unchecked")
    public static <T> TableMapping<T> of(Topic<T> topic) {
        TableMapping<?> mapping = switch (topic.name()) {
            case "alerts" -> new Alerts();
            case "alerts.history" -> new AlertHistory();
            case "trips.status" -> new TripStatuses();
            case "trips.registrations" -> new Registrations();
            case "trips.track" -> new Track();
            case "gate.matches" -> new GateMatches();
            case "yard.inventory" -> new Yard();
            case "gate.review" -> new Review();
            case "trips.closings" -> new Closings();
            case "trips.tally" -> new Tallies();
            case "cameras.incidents" -> new CameraIncidents();
            case "deadletter" -> new DeadLetters();
            default -> throw new IllegalArgumentException("no Cassandra tables for topic " + topic);
        };
        return (TableMapping<T>) mapping;
    }

    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, VIETNAM);
    }

    /** The Vietnam calendar month, {@code YYYY-MM}: the monthly report's partition. */
    public static String monthOf(Instant instant) {
        return Times.vietnamMonth(instant).toString();
    }

    // ---- alerts ----

    /**
     * An alert by id, by day and type, by trip, and — while it is open — under each unit that handles it. A
     * RESOLVED or CLOSED alert is deleted from its units' open lists; the other tables keep its final state.
     */
    static final class Alerts implements TableMapping<Alert> {
        /** The columns every alert table has, besides its own key columns. */
        private static final List<String> ALERT = List.of("alert_id", "type", "severity", "state", "trip_id",
                "imei", "container_no", "start_ts", "detected_at", "end_ts", "lat", "lon", "branch_code",
                "department_code", "nearest_office_code", "nearest_office_name", "nearest_office_km", "details");

        static final CqlStatement BY_ID = CqlStatement.upsert("alerts_by_id", ALERT.toArray(String[]::new));
        static final CqlStatement BY_DAY = CqlStatement.upsert("alerts_by_day", columns("day"));
        static final CqlStatement BY_TRIP = CqlStatement.upsert("alerts_by_trip", ALERT.toArray(String[]::new));
        static final CqlStatement OPEN = CqlStatement.upsert("open_alerts_by_unit", columns("unit_code"));
        static final CqlStatement CLOSE = CqlStatement.delete("open_alerts_by_unit", "unit_code", "start_ts", "alert_id");
        static final CqlStatement BY_MONTH = CqlStatement.upsert("alerts_by_month", "month", "container_no",
                "alert_id", "type", "severity", "state", "trip_id", "start_ts", "end_ts", "branch_code",
                "department_code", "lat", "lon", "nearest_office_name");

        private static String[] columns(String first) {
            return Stream.concat(Stream.of(first), ALERT.stream()).toArray(String[]::new);
        }

        @Override
        public List<CqlStatement> statements() {
            return List.of(BY_ID, BY_DAY, BY_TRIP, OPEN, CLOSE, BY_MONTH);
        }

        @Override
        public List<CqlWrite> writes(Alert alert) {
            require(alert.alertId(), "alertId", alert);
            require(alert.startTs(), "startTs", alert);
            require(alert.type(), "type", alert);
            Object[] values = values(alert);
            List<CqlWrite> writes = new ArrayList<>();
            writes.add(BY_ID.with(values));
            writes.add(BY_DAY.with(prepend(dayOf(alert.startTs()), values)));
            if (alert.tripId() != null) {
                writes.add(BY_TRIP.with(values));
            }
            if (alert.containerNo() != null) {
                NearestOffice office = alert.nearestOffice();
                writes.add(BY_MONTH.with(monthOf(alert.startTs()), alert.containerNo(), alert.alertId(),
                        name(alert.type()), name(alert.severity()), stateOf(alert), alert.tripId(), alert.startTs(),
                        alert.endTs(), alert.branchCode(), alert.departmentCode(), alert.lat(), alert.lon(),
                        office == null ? null : office.name()));
            }
            boolean open = isOpen(alert.state());
            for (String unit : units(alert)) {
                writes.add(open ? OPEN.with(prepend(unit, values)) : CLOSE.with(unit, alert.startTs(), alert.alertId()));
            }
            return writes;
        }

        @Override
        public String key(Alert alert) {
            return alert.alertId();
        }

        /** An alert without a state is OPEN. */
        private static String stateOf(Alert alert) {
            return name(alert.state() == null ? AlertState.OPEN : alert.state());
        }

        /** Still to be handled: OPEN, ACKNOWLEDGED, VERIFIED, ESCALATED (an alert without a state is OPEN). */
        static boolean isOpen(AlertState state) {
            return state != AlertState.RESOLVED && state != AlertState.CLOSED;
        }

        /**
         * Who handles it (3740 §I.7): its Branch and its Department; a gate alert also under its ICD
         * (details.icdCode), which the ICD board lists, whether or not a Branch lists the ICD in its icdCodes.
         */
        static Set<String> units(Alert alert) {
            Set<String> units = new LinkedHashSet<>();
            addIfText(units, alert.branchCode());
            addIfText(units, alert.departmentCode());
            if (alert.details() != null) {
                addIfText(units, alert.details().icdCode());
            }
            return units;
        }

        private static Object[] values(Alert alert) {
            NearestOffice office = alert.nearestOffice();
            AlertDetails details = alert.details();
            return new Object[] {alert.alertId(), name(alert.type()), name(alert.severity()),
                    stateOf(alert), alert.tripId(), alert.imei(),
                    alert.containerNo(), alert.startTs(), alert.detectedAt(), alert.endTs(), alert.lat(), alert.lon(),
                    alert.branchCode(), alert.departmentCode(), office == null ? null : office.unitCode(),
                    office == null ? null : office.name(), office == null ? null : office.distanceKm(),
                    details == null || details.isEmpty() ? null : Json.write(details)};
        }
    }

    /** Every supervisor action applied to an alert, in order: the alert's handling (3740 §II.4). */
    static final class AlertHistory implements TableMapping<AlertHistoryEntry> {
        static final CqlStatement ENTRY = CqlStatement.upsert("alert_history_by_alert", "alert_id", "ts", "action",
                "by_officer", "by_unit", "note", "escalate_to", "from_state", "to_state", "finding", "closing_reason",
                "by_address");

        @Override
        public List<CqlStatement> statements() {
            return List.of(ENTRY);
        }

        @Override
        public List<CqlWrite> writes(AlertHistoryEntry entry) {
            require(entry.alertId(), "alertId", entry);
            require(entry.ts(), "ts", entry);
            require(entry.action(), "action", entry);
            return List.of(ENTRY.with(entry.alertId(), entry.ts(), name(entry.action()), entry.by(), entry.byUnit(),
                    entry.note(), entry.escalateTo(), name(entry.fromState()), name(entry.toState()),
                    name(entry.finding()), entry.closingReason(), entry.byAddress()));
        }

        @Override
        public String key(AlertHistoryEntry entry) {
            return entry.alertId();
        }
    }

    // ---- trips ----

    /**
     * The trip's latest status, one row per trip; while it is under way, a row under its Branch for the Live
     * board's map; its units for the boards' pickers; and the monthly report's rows: the seal attached (the month
     * of activation) and received (the month of arrival).
     */
    static final class TripStatuses implements TableMapping<TripStatus> {
        static final String NO_REGIME = "UNSPECIFIED";
        static final CqlStatement STATUS = CqlStatement.upsert("trip_status", "trip_id", "imei", "container_no",
                "state", "last_ts", "last_lat", "last_lon", "distance_km", "alert_count", "arrived_by", "branch_code",
                "department_code", "regime", "activated_ts", "end_ts");
        static final CqlStatement ACTIVE = CqlStatement.upsert("active_trips_by_unit", "unit_code", "trip_id", "imei",
                "container_no", "state", "last_ts", "last_lat", "last_lon", "distance_km", "alert_count", "regime",
                "branch_code", "department_code");
        static final CqlStatement ENDED = CqlStatement.delete("active_trips_by_unit", "unit_code", "trip_id");
        static final CqlStatement MONTH = CqlStatement.upsert("trips_by_month", "month", "regime", "event", "trip_id",
                "container_no", "ts", "branch_code", "department_code");

        @Override
        public List<CqlStatement> statements() {
            return List.of(STATUS, ACTIVE, ENDED, MONTH, Units.UNIT);
        }

        @Override
        public List<CqlWrite> writes(TripStatus status) {
            require(status.tripId(), "tripId", status);
            List<CqlWrite> writes = new ArrayList<>();
            writes.add(STATUS.with(status.tripId(), status.imei(), status.containerNo(), name(status.state()),
                    status.lastTs(), status.lastLat(), status.lastLon(), status.distanceKm(), status.alertCount(),
                    name(status.arrivedBy()), status.branchCode(), status.departmentCode(), name(status.regime()),
                    status.activatedTs(), status.endTs()));
            String branch = status.branchCode();
            if (branch != null && !branch.isBlank()) {
                if (status.state() == TripStatus.State.ACTIVE) {
                    writes.add(ACTIVE.with(branch, status.tripId(), status.imei(), status.containerNo(),
                            name(status.state()), status.lastTs(), status.lastLat(), status.lastLon(),
                            status.distanceKm(), status.alertCount(), name(status.regime()), branch,
                            status.departmentCode()));
                } else if (status.ended()) {
                    writes.add(ENDED.with(branch, status.tripId()));
                }
            }
            writes.addAll(Units.of(status.departmentCode(), branch));
            String regime = status.regime() == null ? NO_REGIME : status.regime().name();
            if (status.activatedTs() != null) {
                writes.add(MONTH.with(monthOf(status.activatedTs()), regime, "ATTACHED", status.tripId(),
                        status.containerNo(), status.activatedTs(), branch, status.departmentCode()));
            }
            if (status.state() == TripStatus.State.ARRIVED && status.endTs() != null) {
                writes.add(MONTH.with(monthOf(status.endTs()), regime, "RECEIVED", status.tripId(),
                        status.containerNo(), status.endTs(), branch, status.departmentCode()));
            }
            return writes;
        }

        @Override
        public String key(TripStatus status) {
            return status.tripId();
        }
    }

    /** What customs registered for the trip, one row per trip, for the Trip board. */
    static final class Registrations implements TableMapping<TripRegistration> {
        static final CqlStatement REGISTRATION = CqlStatement.upsert("trip_registration", "trip_id", "imei",
                "container_no", "declaration_no", "truck_plate", "trailer_plate", "regime", "origin_name",
                "destination_name", "expected_start", "expected_end", "corridor_m", "branch_code", "department_code",
                "registered_ts");

        @Override
        public List<CqlStatement> statements() {
            return List.of(REGISTRATION, Units.UNIT);
        }

        @Override
        public List<CqlWrite> writes(TripRegistration trip) {
            require(trip.tripId(), "tripId", trip);
            List<CqlWrite> writes = new ArrayList<>();
            writes.add(REGISTRATION.with(trip.tripId(), trip.imei(), trip.containerNo(), trip.declarationNo(),
                    trip.truckPlate(), trip.trailerPlate(), name(trip.regime()), trip.originName(),
                    trip.destinationName(), trip.expectedStart(), trip.expectedEnd(), trip.corridorMeters(),
                    trip.branchCode(), trip.departmentCode(), trip.ts()));
            writes.addAll(Units.of(trip.departmentCode(), trip.branchCode()));
            return writes;
        }

        @Override
        public String key(TripRegistration trip) {
            return trip.tripId();
        }
    }

    /**
     * The units the boards let a supervisor pick: Departments, their Branches, and ICDs, as the data names
     * them (idempotent upserts; a unit appears with its first trip or gate event).
     */
    static final class Units {
        static final String NO_PARENT = "";
        static final CqlStatement UNIT = CqlStatement.upsert("units_by_level", "level", "parent_code", "unit_code");

        private Units() {}

        static List<CqlWrite> of(String departmentCode, String branchCode) {
            List<CqlWrite> writes = new ArrayList<>();
            boolean department = departmentCode != null && !departmentCode.isBlank();
            if (department) {
                writes.add(UNIT.with("DEPARTMENT", NO_PARENT, departmentCode));
            }
            if (branchCode != null && !branchCode.isBlank()) {
                writes.add(UNIT.with("BRANCH", department ? departmentCode : NO_PARENT, branchCode));
            }
            return writes;
        }

        static CqlWrite icd(String icdCode) {
            return UNIT.with("ICD", NO_PARENT, icdCode);
        }
    }

    /** One fix of a trip's journey: the row of (trip, time). */
    static final class Track implements TableMapping<TrackPoint> {
        static final CqlStatement FIX = CqlStatement.upsert("trip_track", "trip_id", "ts", "imei", "lat", "lon",
                "speed_kmh", "route_distance_m", "ignore_zone_id", "door");

        @Override
        public List<CqlStatement> statements() {
            return List.of(FIX);
        }

        @Override
        public List<CqlWrite> writes(TrackPoint point) {
            require(point.tripId(), "tripId", point);
            require(point.ts(), "ts", point);
            return List.of(FIX.with(point.tripId(), point.ts(), point.imei(), point.lat(), point.lon(),
                    point.speedKmh(), point.routeDistanceMeters(), point.ignoreZoneId(), name(point.door())));
        }

        @Override
        public String key(TrackPoint point) {
            return point.tripId();
        }
    }

    // ---- gates ----

    /**
     * A gate decision under its ICD and (Vietnam) day, with the camera that read it (the quarterly camera report counts
     * each camera's reads from these rows, 1572 §III.3).
     */
    static final class GateMatches implements TableMapping<GateMatch> {
        static final CqlStatement MATCH = CqlStatement.upsert("gate_matches_by_icd_day", "icd_code", "day", "ts",
                "event_id", "gate_id", "direction", "container_no", "container_no_read", "plate", "result",
                "declaration_no", "barrier", "reasons", "camera_id");
        static final CqlStatement MONTH = CqlStatement.upsert("gate_matches_by_month", "month", "icd_code", "result",
                "event_id", "ts", "direction", "container_no", "barrier");

        @Override
        public List<CqlStatement> statements() {
            return List.of(MATCH, MONTH, Units.UNIT);
        }

        @Override
        public List<CqlWrite> writes(GateMatch match) {
            require(match.icdCode(), "icdCode", match);
            require(match.ts(), "ts", match);
            require(match.eventId(), "eventId", match);
            List<CqlWrite> writes = new ArrayList<>();
            writes.add(MATCH.with(match.icdCode(), dayOf(match.ts()), match.ts(), match.eventId(), match.gateId(),
                    name(match.direction()), match.containerNo(), match.containerNoRead(), match.plate(),
                    name(match.result()), match.declarationNo(), name(match.barrier()),
                    match.reasons() == null ? null : List.copyOf(match.reasons()), match.cameraId()));
            if (match.result() != null) {
                writes.add(MONTH.with(monthOf(match.ts()), match.icdCode(), name(match.result()), match.eventId(),
                        match.ts(), name(match.direction()), match.containerNo(), name(match.barrier())));
            }
            writes.add(Units.icd(match.icdCode()));
            return writes;
        }

        @Override
        public String key(GateMatch match) {
            return match.eventId();
        }
    }

    /** The yard: a container's row while it is inside the ICD, deleted when it leaves. */
    static final class Yard implements TableMapping<YardEntry> {
        static final CqlStatement IN = CqlStatement.upsert("yard_inventory_by_icd", "icd_code", "container_no",
                "in_since", "declaration_no", "updated_ts");
        static final CqlStatement OUT = CqlStatement.delete("yard_inventory_by_icd", "icd_code", "container_no");

        @Override
        public List<CqlStatement> statements() {
            return List.of(IN, OUT);
        }

        @Override
        public List<CqlWrite> writes(YardEntry entry) {
            require(entry.icdCode(), "icdCode", entry);
            require(entry.containerNo(), "containerNo", entry);
            require(entry.op(), "op", entry);
            return List.of(switch (entry.op()) {
                case UPSERT -> IN.with(entry.icdCode(), entry.containerNo(), entry.inSince(), entry.declarationNo(),
                        entry.ts());
                case REMOVE -> OUT.with(entry.icdCode(), entry.containerNo());
            });
        }

        @Override
        public String key(YardEntry entry) {
            return entry.icdCode() + "/" + entry.containerNo();
        }
    }

    /** A recognition to complete or confirm, on the list of the shift it is due by, under its ICD. */
    static final class Review implements TableMapping<ReviewItem> {
        static final CqlStatement ITEM = CqlStatement.upsert("gate_review_by_shift", "shift_end", "icd_code", "ts",
                "event_id", "gate_id", "camera_id", "kind", "container_no_read", "container_no", "plate", "reason",
                "direction", "lane", "state", "reviewed_by", "reviewed_by_unit", "reviewed_at", "completed_by",
                "completed_container_no", "completed_plate", "review_note");

        @Override
        public List<CqlStatement> statements() {
            return List.of(ITEM);
        }

        @Override
        public List<CqlWrite> writes(ReviewItem item) {
            require(item.shiftEnd(), "shiftEnd", item);
            require(item.icdCode(), "icdCode", item);
            require(item.ts(), "ts", item);
            require(item.eventId(), "eventId", item);
            return List.of(ITEM.with(item.shiftEnd(), item.icdCode(), item.ts(), item.eventId(), item.gateId(),
                    item.cameraId(), name(item.kind()), item.containerNoRead(), item.containerNo(), item.plate(),
                    item.reason(), name(item.direction()), item.lane(), name(item.state()), item.reviewedBy(),
                    item.reviewedByUnit(), item.reviewedAt(), item.completedBy(), item.completedContainerNo(),
                    item.completedPlate(), item.reviewNote()));
        }

        @Override
        public String key(ReviewItem item) {
            return item.eventId();
        }
    }

    /**
     * An arrived trip's closing (3740 §II.3): its row by trip, as it stands, and its row on the destination Branch's
     * list of trips to close while it is not closed (deleted by the closing).
     */
    static final class Closings implements TableMapping<TripClosing> {
        static final CqlStatement CLOSING = CqlStatement.upsert("trip_closing", "trip_id", "imei", "container_no",
                "destination_unit", "branch_code", "department_code", "arrived_at", "arrived_by", "closing_due_at",
                "state", "ts", "inspected_by", "inspected_by_unit", "inspected_at", "container_condition",
                "gps_seal_condition", "customs_seal_condition", "reason", "measures", "result", "explanations");
        static final CqlStatement OPEN = CqlStatement.upsert("open_closings_by_unit", "unit_code", "trip_id",
                "container_no", "arrived_at", "arrived_by", "closing_due_at", "state");
        static final CqlStatement CLOSED = CqlStatement.delete("open_closings_by_unit", "unit_code", "trip_id");

        @Override
        public List<CqlStatement> statements() {
            return List.of(CLOSING, OPEN, CLOSED);
        }

        @Override
        public List<CqlWrite> writes(TripClosing closing) {
            require(closing.tripId(), "tripId", closing);
            require(closing.state(), "state", closing);
            Inspection inspection = closing.inspection();
            Map<String, String> explanations = new LinkedHashMap<>();
            if (inspection != null) {
                inspection.explanationsOrNone().forEach(explained -> explanations.put(explained.alertId(),
                        explained.text()));
            }
            List<CqlWrite> writes = new ArrayList<>();
            writes.add(CLOSING.with(closing.tripId(), closing.imei(), closing.containerNo(), closing.destinationUnit(),
                    closing.branchCode(), closing.departmentCode(), closing.arrivedAt(), name(closing.arrivedBy()),
                    closing.closingDueAt(), name(closing.state()), closing.ts(),
                    inspection == null ? null : inspection.by(), inspection == null ? null : inspection.byUnit(),
                    inspection == null ? null : inspection.ts(), inspection == null ? null : name(inspection.container()),
                    inspection == null ? null : name(inspection.gpsSeal()),
                    inspection == null ? null : name(inspection.customsSeal()),
                    inspection == null ? null : inspection.reason(), inspection == null ? null : inspection.measures(),
                    inspection == null ? null : inspection.result(), explanations));
            if (closing.destinationUnit() != null) {
                writes.add(closing.state() == TripClosing.State.CLOSED
                        ? CLOSED.with(closing.destinationUnit(), closing.tripId())
                        : OPEN.with(closing.destinationUnit(), closing.tripId(), closing.containerNo(),
                                closing.arrivedAt(), name(closing.arrivedBy()), closing.closingDueAt(),
                                name(closing.state())));
            }
            return writes;
        }

        @Override
        public String key(TripClosing closing) {
            return closing.tripId();
        }
    }

    /**
     * The camera incident log (1572 §II.1.8, issue 15): every incident of an ICD's cameras, newest first; and while
     * one is open, its camera under the ICD's cameras to check by hand (§I.3.4), deleted when it ends.
     */
    static final class CameraIncidents implements TableMapping<CameraIncident> {
        static final CqlStatement LOGGED = CqlStatement.upsert("camera_incidents_by_icd", "icd_code", "start_ts",
                "incident_id", "kind", "reason", "gate_id", "camera_id", "end_ts", "duration_minutes");
        static final CqlStatement OPEN = CqlStatement.upsert("open_camera_incidents_by_icd", "icd_code", "camera_id",
                "incident_id", "kind", "reason", "gate_id", "start_ts");
        static final CqlStatement ENDED = CqlStatement.delete("open_camera_incidents_by_icd", "icd_code", "camera_id",
                "incident_id");

        @Override
        public List<CqlStatement> statements() {
            return List.of(LOGGED, OPEN, ENDED);
        }

        @Override
        public List<CqlWrite> writes(CameraIncident incident) {
            require(incident.incidentId(), "incidentId", incident);
            require(incident.icdCode(), "icdCode", incident);
            require(incident.cameraId(), "cameraId", incident);
            require(incident.start(), "start", incident);
            return List.of(LOGGED.with(incident.icdCode(), incident.start(), incident.incidentId(),
                            name(incident.kind()), incident.reason(), incident.gateId(), incident.cameraId(),
                            incident.end(), incident.durationMinutes()),
                    incident.open()
                            ? OPEN.with(incident.icdCode(), incident.cameraId(), incident.incidentId(),
                                    name(incident.kind()), incident.reason(), incident.gateId(), incident.start())
                            : ENDED.with(incident.icdCode(), incident.cameraId(), incident.incidentId()));
        }

        @Override
        public String key(CameraIncident incident) {
            return incident.incidentId();
        }
    }

    /**
     * How a trip counts in the monthly report (3740 Phụ lục IV): its lines ({@link TripTally#rows()}) in the month's
     * partition, which the report and the monthly board both count; its VIOLATING line deleted when it no longer
     * violates (a finding changed); the destination Branch and its Department among the boards' units.
     */
    static final class Tallies implements TableMapping<TripTally> {
        static final CqlStatement COUNTED = CqlStatement.upsert("seal_counts_by_month", "month", "kind",
                "department_code", "branch_code", "regime_column", "trip_id", "container_no", "regime", "ts");
        static final CqlStatement NOT_VIOLATING = CqlStatement.delete("seal_counts_by_month", "month", "kind",
                "department_code", "branch_code", "regime_column", "trip_id");

        @Override
        public List<CqlStatement> statements() {
            return List.of(COUNTED, NOT_VIOLATING, Units.UNIT);
        }

        @Override
        public List<CqlWrite> writes(TripTally tally) {
            require(tally.tripId(), "tripId", tally);
            List<CqlWrite> writes = new ArrayList<>();
            for (TripTally.Row row : tally.rows()) {
                writes.add(COUNTED.with(row.month(), name(row.kind()), row.departmentCode(), row.branchCode(),
                        name(row.column()), row.tripId(), row.containerNo(), name(tally.regime()), tally.ts()));
            }
            TripTally.Row violating = tally.violatingRow();
            if (violating != null && !tally.violating()) {
                writes.add(NOT_VIOLATING.with(violating.month(), name(violating.kind()), violating.departmentCode(),
                        violating.branchCode(), name(violating.column()), violating.tripId()));
            }
            // the destination Branch joins the boards' pickers when a trip arrives there, with a closing to do,
            // though it registered no trip of its own
            writes.addAll(Units.of(tally.receivedDepartment(), tally.receivedBranch()));
            return writes;
        }

        @Override
        public String key(TripTally tally) {
            return tally.tripId();
        }
    }

    /** A line of {@code seal_counts_by_month} as {@link Tallies} wrote it: what the monthly report reads back. */
    public static TripTally.Row tallyRow(com.datastax.oss.driver.api.core.cql.Row row) {
        return new TripTally.Row(row.getString("month"), TripTally.Kind.valueOf(row.getString("kind")),
                row.getString("department_code"), row.getString("branch_code"),
                TripTally.Column.valueOf(row.getString("regime_column")), row.getString("trip_id"),
                row.getString("container_no"));
    }

    /** A row of {@code gate_review_by_shift} as the item written there: what the desk and the tests read back. */
    public static ReviewItem reviewItem(com.datastax.oss.driver.api.core.cql.Row row) {
        return new ReviewItem(row.getString("event_id"), row.getString("icd_code"), row.getString("gate_id"),
                row.getString("camera_id"), row.getInstant("ts"), enumOf(ReviewItem.Kind.class, row.getString("kind")),
                row.getString("container_no_read"), row.getString("container_no"), row.getString("plate"),
                row.getString("reason"), row.getInstant("shift_end"),
                enumOf(Recognition.Direction.class, row.getString("direction")), row.getString("lane"),
                enumOf(ReviewItem.State.class, row.getString("state")), row.getString("reviewed_by"),
                row.getString("reviewed_by_unit"), row.getInstant("reviewed_at"), row.getString("completed_by"),
                row.getString("completed_container_no"), row.getString("completed_plate"),
                row.getString("review_note"));
    }

    /** A row of {@code trip_status} as the status written there. */
    public static TripStatus tripStatus(com.datastax.oss.driver.api.core.cql.Row row) {
        return new TripStatus(row.getString("trip_id"), row.getString("imei"), row.getString("container_no"),
                enumOf(TripStatus.State.class, row.getString("state")), row.getInstant("last_ts"),
                boxedDouble(row, "last_lat"), boxedDouble(row, "last_lon"), boxedDouble(row, "distance_km"),
                row.getInt("alert_count"), enumOf(TripStatus.ArrivedBy.class, row.getString("arrived_by")),
                row.getString("branch_code"), row.getString("department_code"),
                enumOf(Regime.class, row.getString("regime")), row.getInstant("activated_ts"),
                row.getInstant("end_ts"));
    }

    /** A row of {@code trip_track} as the point written there. */
    public static TrackPoint trackPoint(com.datastax.oss.driver.api.core.cql.Row row) {
        return new TrackPoint(row.getString("trip_id"), row.getString("imei"), row.getInstant("ts"),
                row.getDouble("lat"), row.getDouble("lon"), boxedDouble(row, "speed_kmh"),
                boxedDouble(row, "route_distance_m"), row.getString("ignore_zone_id"),
                enumOf(DoorState.class, row.getString("door")));
    }

    private static Double boxedDouble(com.datastax.oss.driver.api.core.cql.Row row, String column) {
        return row.isNull(column) ? null : row.getDouble(column);
    }

    /**
     * A row of {@code camera_incidents_by_icd} as the incident written there, or of {@code
     * open_camera_incidents_by_icd} (whose rows have no end: they are deleted when the incident ends).
     */
    public static CameraIncident cameraIncident(com.datastax.oss.driver.api.core.cql.Row row) {
        boolean logged = row.getColumnDefinitions().contains("end_ts");
        return new CameraIncident(row.getString("incident_id"),
                enumOf(CameraIncident.Kind.class, row.getString("kind")), row.getString("reason"),
                row.getString("icd_code"), row.getString("gate_id"), row.getString("camera_id"),
                row.getInstant("start_ts"), logged ? row.getInstant("end_ts") : null,
                logged && !row.isNull("duration_minutes") ? row.getLong("duration_minutes") : null);
    }

    /** A row of {@code trip_closing} as the closing written there. */
    public static TripClosing tripClosing(com.datastax.oss.driver.api.core.cql.Row row) {
        Inspection inspection = null;
        if (row.getString("inspected_by") != null) {
            List<Inspection.Explanation> explanations = new ArrayList<>();
            row.getMap("explanations", String.class, String.class)
                    .forEach((alertId, text) -> explanations.add(new Inspection.Explanation(alertId, text)));
            inspection = new Inspection(row.getString("trip_id"), row.getString("inspected_by"),
                    row.getString("inspected_by_unit"), row.getInstant("inspected_at"),
                    enumOf(Inspection.Condition.class, row.getString("container_condition")),
                    enumOf(Inspection.Condition.class, row.getString("gps_seal_condition")),
                    enumOf(Inspection.Condition.class, row.getString("customs_seal_condition")),
                    row.getString("reason"), row.getString("measures"), row.getString("result"), explanations);
        }
        return new TripClosing(row.getString("trip_id"), row.getString("imei"), row.getString("container_no"),
                row.getString("destination_unit"), row.getString("branch_code"), row.getString("department_code"),
                row.getInstant("arrived_at"), enumOf(TripStatus.ArrivedBy.class, row.getString("arrived_by")),
                row.getInstant("closing_due_at"), enumOf(TripClosing.State.class, row.getString("state")), inspection,
                row.getInstant("ts"));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    // ---- dead letters ----

    /**
     * A rejected record under the day it was rejected and its topic. A dead letter has no id of its own: its id
     * is derived from topic and payload, so the same line rejected again (after a restart) is the same row.
     */
    static final class DeadLetters implements TableMapping<DeadLetter> {
        static final String NO_TOPIC = "(none)";
        static final CqlStatement LETTER = CqlStatement.upsert("deadletters_by_day", "day", "topic", "id", "ts",
                "kind", "reason", "payload", "payload_encoding", "payload_truncated");

        @Override
        public List<CqlStatement> statements() {
            return List.of(LETTER);
        }

        @Override
        public List<CqlWrite> writes(DeadLetter letter) {
            require(letter.ts(), "ts", letter);
            return List.of(LETTER.with(dayOf(letter.ts()), topicOf(letter), idOf(letter), letter.ts(),
                    name(letter.kind()), letter.reason(), letter.payload(), letter.payloadEncoding(),
                    letter.payloadTruncated()));
        }

        @Override
        public String key(DeadLetter letter) {
            return idOf(letter).toString();
        }

        static UUID idOf(DeadLetter letter) {
            String payload = letter.payload() == null ? "" : letter.payload();
            return UUID.nameUUIDFromBytes((topicOf(letter) + "\n" + payload).getBytes(StandardCharsets.UTF_8));
        }

        private static String topicOf(DeadLetter letter) {
            return letter.topic() == null || letter.topic().isBlank() ? NO_TOPIC : letter.topic();
        }
    }

    // ---- helpers ----

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static void addIfText(Set<String> into, String value) {
        if (value != null && !value.isBlank()) {
            into.add(value);
        }
    }

    private static void require(Object value, String field, Object record) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new TableMapping.UnstorableRecordException(
                    record.getClass().getSimpleName() + " without " + field + " cannot be stored: " + record);
        }
    }
}
