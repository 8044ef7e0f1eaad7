package vn.customs.cargowatch.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertAction;
import vn.customs.cargowatch.model.AlertHistoryEntry;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CameraIncident;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.DoorState;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.NearestOffice;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Regime;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripTally;
import vn.customs.cargowatch.model.TrackPoint;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.YardEntry;

/** Which rows each output record writes, with which values — no server needed. */
class TopicMappingsTest {

    private static final Instant START = Instant.parse("2026-11-22T08:15:30.250Z");
    /** 17:30Z is already the next day in Vietnam (00:30 +07:00). */
    private static final Instant LATE_EVENING_UTC = Instant.parse("2026-11-22T17:30:00Z");

    private static final Alert DOOR_OPENED = new Alert("a-1", AlertType.DOOR_OPENED, AlertType.Severity.CRITICAL,
            "TRIP-1", "860000000000001", "MSKU1234565", START, START.plusSeconds(5), null, 21.02, 105.85, "BR01",
            "DEP01", new NearestOffice("BR02", "Chi cục Bắc Hà Nội", 3.25),
            AlertDetails.builder().reportedBy("DOOR_OPEN event").build(),
            AlertState.OPEN);

    @Test
    void shouldHaveTablesForEveryOutputTopic() {
        for (Topic<?> topic : Topic.OUTPUTS) {
            assertThat(TopicMappings.of(topic).statements()).as(topic.name()).isNotEmpty();
        }
        assertThatThrownBy(() -> TopicMappings.of(Topic.SEAL_FIXES)).hasMessageContaining("seal.fixes");
    }

    @Test
    void shouldWriteAnOpenTripAlertByIdByDayByTripAndUnderItsBranchAndDepartment() {
        List<CqlWrite> writes = TopicMappings.of(Topic.ALERTS).writes(DOOR_OPENED);

        assertThat(writes).extracting(write -> write.statement().table()).containsExactly("alerts_by_id",
                "alerts_by_day", "alerts_by_trip", "alerts_by_month", "open_alerts_by_unit", "open_alerts_by_unit");
        Map<String, Object> byId = writes.get(0).asMap();
        assertThat(byId).containsEntry("alert_id", "a-1").containsEntry("type", "DOOR_OPENED")
                .containsEntry("severity", "CRITICAL").containsEntry("state", "OPEN")
                .containsEntry("start_ts", START).containsEntry("detected_at", START.plusSeconds(5))
                .containsEntry("end_ts", null).containsEntry("lat", 21.02)
                .containsEntry("nearest_office_code", "BR02").containsEntry("nearest_office_km", 3.25)
                .containsEntry("details", "{\"reportedBy\":\"DOOR_OPEN event\"}");
        assertThat(writes.get(1).asMap()).containsEntry("day", LocalDate.of(2026, 11, 22));
        assertThat(writes.get(3).asMap()).containsEntry("month", "2026-11").containsEntry("container_no",
                DOOR_OPENED.containerNo()).containsEntry("state", "OPEN");
        assertThat(writes.get(4).asMap()).containsEntry("unit_code", "BR01");
        assertThat(writes.get(5).asMap()).containsEntry("unit_code", "DEP01");
    }

    @Test
    void shouldKeepEveryAppliedActionInTheAlertsHistory() {
        AlertHistoryEntry escalated = new AlertHistoryEntry("a-1", AlertAction.Action.ESCALATE, "Phạm Minh Đức", "DEP01",
                START.plusSeconds(600), "driver does not answer", "BR02", AlertState.ACKNOWLEDGED, AlertState.ESCALATED);

        List<CqlWrite> writes = TopicMappings.of(Topic.ALERTS_HISTORY).writes(escalated);

        Map<String, Object> row = new HashMap<>(Map.of("alert_id", "a-1",
                "ts", START.plusSeconds(600), "action", "ESCALATE", "by_officer", "Phạm Minh Đức", "by_unit", "DEP01",
                "note", "driver does not answer", "escalate_to", "BR02", "from_state", "ACKNOWLEDGED",
                "to_state", "ESCALATED"));
        row.put("finding", null);
        row.put("closing_reason", null);
        row.put("by_address", null);
        assertThat(writes).singleElement().extracting(CqlWrite::asMap).isEqualTo(row);
        assertThat(TopicMappings.of(Topic.ALERTS_HISTORY).key(escalated)).isEqualTo("a-1");
    }

    @Test
    void shouldKeepTheFindingAndTheClosingReasonOfAResolution() {
        AlertHistoryEntry resolved = new AlertHistoryEntry("a-1", AlertAction.Action.RESOLVE, "Phạm Minh Đức", "BR01",
                START.plusSeconds(3600), null, null, AlertState.VERIFIED, AlertState.RESOLVED,
                AlertAction.Finding.NO_VIOLATION, "xe dừng đổ nhiên liệu");

        assertThat(TopicMappings.of(Topic.ALERTS_HISTORY).writes(resolved)).singleElement().extracting(CqlWrite::asMap)
                .satisfies(row -> assertThat(row).containsEntry("finding", "NO_VIOLATION")
                        .containsEntry("closing_reason", "xe dừng đổ nhiên liệu"));
    }

    @Test
    void shouldKeepTheAddressAnActionOfTheDeskCameFrom() {
        AlertHistoryEntry acked = new AlertHistoryEntry("a-1", AlertAction.Action.ACK, "Phạm Minh Đức", "BR01",
                START.plusSeconds(60), null, null, AlertState.OPEN, AlertState.ACKNOWLEDGED, null, null, "10.1.2.3");

        assertThat(TopicMappings.of(Topic.ALERTS_HISTORY).writes(acked)).singleElement().extracting(CqlWrite::asMap)
                .satisfies(row -> assertThat(row).containsEntry("by_address", "10.1.2.3"));
    }

    @Test
    void shouldWriteATripsLinesOfTheMonthlyReportAndDropItsViolatingLineOnceCleared() {
        Instant attached = Instant.parse("2026-11-30T16:59:00Z"); // 23:59 on 30 November in Hà Nội
        TripTally violating = new TripTally("T1", "CWTU0000017", Regime.TRANSIT, attached, "BR01", "DP01",
                attached.plusSeconds(7_200), "BR02", "DP02", true, List.of("a-1"), attached.plusSeconds(7_200));
        TripTally cleared = new TripTally("T1", "CWTU0000017", Regime.TRANSIT, attached, "BR01", "DP01",
                attached.plusSeconds(7_200), "BR02", "DP02", true, List.of(), attached.plusSeconds(9_000));

        assertThat(TopicMappings.of(Topic.TRIPS_TALLY).writes(violating)).extracting(CqlWrite::toString)
                .filteredOn(write -> write.contains("seal_counts_by_month")).containsExactly(
                        "UPSERT seal_counts_by_month {month=2026-11, kind=ATTACHED, department_code=DP01, "
                                + "branch_code=BR01, regime_column=QUA_CANH, trip_id=T1, container_no=CWTU0000017, "
                                + "regime=TRANSIT, ts=2026-11-30T18:59:00Z}",
                        "UPSERT seal_counts_by_month {month=2026-11, kind=VIOLATING, department_code=DP01, "
                                + "branch_code=BR01, regime_column=QUA_CANH, trip_id=T1, container_no=CWTU0000017, "
                                + "regime=TRANSIT, ts=2026-11-30T18:59:00Z}",
                        "UPSERT seal_counts_by_month {month=2026-12, kind=RECEIVED, department_code=DP02, "
                                + "branch_code=BR02, regime_column=QUA_CANH, trip_id=T1, container_no=CWTU0000017, "
                                + "regime=TRANSIT, ts=2026-11-30T18:59:00Z}");
        assertThat(TopicMappings.of(Topic.TRIPS_TALLY).writes(cleared)).extracting(CqlWrite::toString)
                .contains("DELETE seal_counts_by_month {month=2026-11, kind=VIOLATING, department_code=DP01, "
                        + "branch_code=BR01, regime_column=QUA_CANH, trip_id=T1}")
                .as("the destination Branch among the boards' units")
                .contains("UPSERT units_by_level {level=BRANCH, parent_code=DP02, unit_code=BR02}");
    }

    @Test
    void shouldLogAnOpenCameraIncidentAndListItsCameraToCheckByHand() {
        CameraIncident open = new CameraIncident("c-1", CameraIncident.Kind.DEGRADED, "BLACK", "ICDGL", "G-2",
                "CAM-OUT-1", START, null, null);

        List<CqlWrite> writes = TopicMappings.of(Topic.CAMERAS_INCIDENTS).writes(open);

        assertThat(writes).extracting(CqlWrite::toString).containsExactly(
                "UPSERT camera_incidents_by_icd {icd_code=ICDGL, start_ts=" + START + ", incident_id=c-1, "
                        + "kind=DEGRADED, reason=BLACK, gate_id=G-2, camera_id=CAM-OUT-1, end_ts=null, "
                        + "duration_minutes=null}",
                "UPSERT open_camera_incidents_by_icd {icd_code=ICDGL, camera_id=CAM-OUT-1, incident_id=c-1, "
                        + "kind=DEGRADED, reason=BLACK, gate_id=G-2, start_ts=" + START + "}");
        assertThat(TopicMappings.of(Topic.CAMERAS_INCIDENTS).key(open)).isEqualTo("c-1");
    }

    @Test
    void shouldLogAnEndedCameraIncidentWithItsDurationAndTakeItsCameraOffTheListToCheckByHand() {
        Instant resumed = START.plusSeconds(2 * 3600 + 59); // 2 h 0 min 59 s: 120 whole minutes
        CameraIncident ended = new CameraIncident("c-2", CameraIncident.Kind.SILENT, null, "ICDGL", "G-1", "CAM-IN-1",
                START, resumed, 120L);

        List<CqlWrite> writes = TopicMappings.of(Topic.CAMERAS_INCIDENTS).writes(ended);

        assertThat(writes).extracting(CqlWrite::toString).containsExactly(
                "UPSERT camera_incidents_by_icd {icd_code=ICDGL, start_ts=" + START + ", incident_id=c-2, "
                        + "kind=SILENT, reason=null, gate_id=G-1, camera_id=CAM-IN-1, end_ts=" + resumed + ", "
                        + "duration_minutes=120}",
                "DELETE open_camera_incidents_by_icd {icd_code=ICDGL, camera_id=CAM-IN-1, incident_id=c-2}");
        assertThat(writes.get(0).statement().kind()).isEqualTo(CqlStatement.Kind.UPSERT);
        assertThat(writes.get(1).statement().kind()).isEqualTo(CqlStatement.Kind.DELETE);
    }

    @Test
    void shouldSkipACameraIncidentWithoutItsIcdOrCamera() {
        assertThatThrownBy(() -> TopicMappings.of(Topic.CAMERAS_INCIDENTS).writes(new CameraIncident("c-3",
                CameraIncident.Kind.SILENT, null, null, "G-1", "CAM-IN-1", START, null, null)))
                .isInstanceOf(TableMapping.UnstorableRecordException.class).hasMessageContaining("icdCode");
        assertThatThrownBy(() -> TopicMappings.of(Topic.CAMERAS_INCIDENTS).writes(new CameraIncident("c-3",
                CameraIncident.Kind.SILENT, null, "ICDGL", "G-1", null, START, null, null)))
                .isInstanceOf(TableMapping.UnstorableRecordException.class).hasMessageContaining("cameraId");
    }

    @Test
    void shouldBucketByTheVietnamDay() {
        Alert lateEvening = new Alert("a-2", AlertType.SIGNAL_LOST, AlertType.Severity.HIGH, "TRIP-1", null, null,
                LATE_EVENING_UTC, LATE_EVENING_UTC, null, null, null, "BR01", null, null, null, AlertState.OPEN);

        CqlWrite byDay = TopicMappings.of(Topic.ALERTS).writes(lateEvening).get(1);

        assertThat(byDay.asMap()).containsEntry("day", LocalDate.of(2026, 11, 23));
    }

    @Test
    void shouldDeleteAResolvedOrClosedAlertFromItsUnitsOpenListsAndKeepItsFinalState() {
        for (AlertState done : List.of(AlertState.RESOLVED, AlertState.CLOSED)) {
            Alert resolved = withState(DOOR_OPENED, done);

            List<CqlWrite> writes = TopicMappings.of(Topic.ALERTS).writes(resolved);

            assertThat(writes).filteredOn(write -> write.statement().table().equals("open_alerts_by_unit"))
                    .extracting(CqlWrite::toString).containsExactly(
                            "DELETE open_alerts_by_unit {unit_code=BR01, start_ts=" + START + ", alert_id=a-1}",
                            "DELETE open_alerts_by_unit {unit_code=DEP01, start_ts=" + START + ", alert_id=a-1}");
            assertThat(writes.get(0).asMap()).containsEntry("state", done.name());
        }
    }

    @Test
    void shouldKeepAnAcknowledgedAlertOpen() {
        for (AlertState open : List.of(AlertState.ACKNOWLEDGED, AlertState.VERIFIED, AlertState.ESCALATED)) {
            List<CqlWrite> writes = TopicMappings.of(Topic.ALERTS).writes(withState(DOOR_OPENED, open));

            assertThat(writes).filteredOn(write -> write.statement().table().equals("open_alerts_by_unit"))
                    .allMatch(write -> write.statement().kind() == CqlStatement.Kind.UPSERT).hasSize(2);
        }
    }

    @Test
    void shouldListAGateAlertUnderItsIcdAndNotByTripWhenItHasNone() {
        Alert gate = new Alert("g-1", AlertType.UNCLEARED_EXIT, AlertType.Severity.CRITICAL, null, null,
                "MSKU1234565", START, START, null, null, null, null, null, null,
                AlertDetails.builder().icdCode("ICDMYDINH").gateId("G2").build(), AlertState.OPEN);

        List<CqlWrite> writes = TopicMappings.of(Topic.ALERTS).writes(gate);

        assertThat(writes).extracting(write -> write.statement().table())
                .containsExactly("alerts_by_id", "alerts_by_day", "alerts_by_month", "open_alerts_by_unit");
        assertThat(writes.get(3).asMap()).containsEntry("unit_code", "ICDMYDINH");
    }

    @Test
    void shouldListAGateAlertUnderItsBranchItsDepartmentAndItsIcd() {
        Alert gate = new Alert("g-1", AlertType.UNCLEARED_EXIT, AlertType.Severity.CRITICAL, null, null,
                "MSKU1234565", START, START, null, null, null, "HN-MYDINH", "CHQ-HN", null,
                AlertDetails.builder().icdCode("ICDMYDINH").gateId("G2").build(), AlertState.OPEN);

        List<CqlWrite> writes = TopicMappings.of(Topic.ALERTS).writes(gate);

        assertThat(writes).filteredOn(write -> write.statement().table().equals("open_alerts_by_unit"))
                .extracting(write -> write.asMap().get("unit_code"))
                .containsExactly("HN-MYDINH", "CHQ-HN", "ICDMYDINH");
    }

    @Test
    void shouldLeaveAbsentFieldsUnsetRatherThanNull() {
        Alert bare = new Alert("a-3", AlertType.STOP_OVER_90_MIN, null, null, null, null, START, null, null, null,
                null, null, null, null, AlertDetails.NONE, null);

        CqlWrite byId = TopicMappings.of(Topic.ALERTS).writes(bare).get(0);

        assertThat(byId.asMap()).containsEntry("state", "OPEN").containsEntry("details", null)
                .containsEntry("severity", null).containsEntry("nearest_office_name", null);
    }

    @Test
    void shouldSkipARecordWithoutTheFieldsItsRowsAreKeyedBy() {
        Alert noStart = new Alert("a-4", AlertType.SIGNAL_LOST, null, null, null, null, null, null, null, null, null,
                null, null, null, null, AlertState.OPEN);

        assertThatThrownBy(() -> TopicMappings.of(Topic.ALERTS).writes(noStart))
                .isInstanceOf(TableMapping.UnstorableRecordException.class).hasMessageContaining("startTs");
        assertThatThrownBy(() -> TopicMappings.of(Topic.TRIPS_TRACK).writes(
                new TrackPoint(null, "1", START, 1, 2, null, null, null, null)))
                .isInstanceOf(TableMapping.UnstorableRecordException.class).hasMessageContaining("tripId");
    }

    @Test
    void shouldWriteTheTripStatusByTripId() {
        TripStatus status = new TripStatus("TRIP-1", "860000000000001", "MSKU1234565", TripStatus.State.ARRIVED,
                START, 21.0, 106.0, 102.37, 2, TripStatus.ArrivedBy.GATE_CAMERA, null, null, null, null, null);

        List<CqlWrite> writes = TopicMappings.of(Topic.TRIPS_STATUS).writes(status);

        assertThat(writes).extracting(CqlWrite::toString).containsExactly("UPSERT trip_status {trip_id=TRIP-1, "
                + "imei=860000000000001, container_no=MSKU1234565, state=ARRIVED, last_ts=" + START + ", last_lat=21.0, "
                + "last_lon=106.0, distance_km=102.37, alert_count=2, arrived_by=GATE_CAMERA, branch_code=null, "
                + "department_code=null, regime=null, activated_ts=null, end_ts=null}");
        assertThat(TopicMappings.of(Topic.TRIPS_STATUS).key(status)).isEqualTo("TRIP-1");
    }

    @Test
    void shouldShowAnActiveTripUnderItsBranchUntilItEndsAndCountItsSealInTheMonthsOfActivationAndArrival() {
        Instant activated = Instant.parse("2026-10-31T18:00:00Z"); // 1 November, 01:00 in Vietnam
        Instant arrived = Instant.parse("2026-11-30T17:30:00Z"); // 1 December, 00:30 in Vietnam
        TripStatus active = new TripStatus("TRIP-1", "860000000000001", "MSKU1234565", TripStatus.State.ACTIVE,
                START, 21.0, 106.0, 10.0, 1, null, "BR01", "DEP01", Regime.TRANSIT, activated, null);
        TripStatus done = new TripStatus("TRIP-1", "860000000000001", "MSKU1234565", TripStatus.State.ARRIVED,
                START, 21.0, 106.0, 10.0, 1, TripStatus.ArrivedBy.CONFIRMATION, "BR01", "DEP01", Regime.TRANSIT,
                activated, arrived);

        List<CqlWrite> whileActive = TopicMappings.of(Topic.TRIPS_STATUS).writes(active);
        List<CqlWrite> atTheEnd = TopicMappings.of(Topic.TRIPS_STATUS).writes(done);

        assertThat(whileActive).extracting(CqlWrite::toString)
                .contains("UPSERT units_by_level {level=DEPARTMENT, parent_code=, unit_code=DEP01}",
                        "UPSERT units_by_level {level=BRANCH, parent_code=DEP01, unit_code=BR01}")
                .anyMatch(write -> write.startsWith("UPSERT active_trips_by_unit {unit_code=BR01, trip_id=TRIP-1,"))
                .anyMatch(write -> write.startsWith("UPSERT trips_by_month {month=2026-11, regime=TRANSIT, "
                        + "event=ATTACHED, trip_id=TRIP-1,"))
                .noneMatch(write -> write.contains("RECEIVED"));
        assertThat(atTheEnd).extracting(CqlWrite::toString)
                .contains("DELETE active_trips_by_unit {unit_code=BR01, trip_id=TRIP-1}")
                .anyMatch(write -> write.startsWith("UPSERT trips_by_month {month=2026-12, regime=TRANSIT, "
                        + "event=RECEIVED, trip_id=TRIP-1,"));
    }

    @Test
    void shouldCountACancelledTripsSealAsAttachedButNeverReceived() {
        TripStatus cancelled = new TripStatus("TRIP-2", "860000000000002", "MSKU1234565", TripStatus.State.CANCELLED,
                null, null, null, null, 0, null, "BR01", "DEP01", null, START, START.plusSeconds(60));

        assertThat(TopicMappings.of(Topic.TRIPS_STATUS).writes(cancelled)).extracting(CqlWrite::toString)
                .anyMatch(write -> write.startsWith("UPSERT trips_by_month {month=2026-11, regime=UNSPECIFIED, "
                        + "event=ATTACHED"))
                .noneMatch(write -> write.contains("RECEIVED"));
    }

    @Test
    void shouldWriteAFixIntoItsTripsTrack() {
        TrackPoint fix = new TrackPoint("TRIP-1", "860000000000001", START, 21.0, 106.0, 42.0, 120.5, "ZONE-7",
                DoorState.CLOSED);

        assertThat(TopicMappings.of(Topic.TRIPS_TRACK).writes(fix)).extracting(CqlWrite::toString).containsExactly(
                "UPSERT trip_track {trip_id=TRIP-1, ts=" + START + ", imei=860000000000001, lat=21.0, lon=106.0, "
                        + "speed_kmh=42.0, route_distance_m=120.5, ignore_zone_id=ZONE-7, door=CLOSED}");
    }

    @Test
    void shouldWriteAGateMatchUnderItsIcdAndVietnamDay() {
        GateMatch match = new GateMatch("CAM-1/2", "ICDMYDINH", "G1", Recognition.Direction.OUT, LATE_EVENING_UTC,
                "MSKU1234565", "M5KU1234565", "29H01234", GateMatch.Result.NOT_CLEARED, "104000000001",
                GateMatch.Barrier.HOLD, List.of("declaration 104000000001 is REGISTERED, not cleared"), null, "CAM-OUT-1");

        Map<String, Object> row = TopicMappings.of(Topic.GATE_MATCHES).writes(match).get(0).asMap();

        assertThat(row).containsEntry("icd_code", "ICDMYDINH").containsEntry("day", LocalDate.of(2026, 11, 23))
                .containsEntry("event_id", "CAM-1/2").containsEntry("direction", "OUT")
                .containsEntry("container_no_read", "M5KU1234565").containsEntry("barrier", "HOLD")
                .containsEntry("reasons", List.of("declaration 104000000001 is REGISTERED, not cleared"))
                .containsEntry("camera_id", "CAM-OUT-1");
    }

    @Test
    void shouldAddAContainerToTheYardAndDeleteItWhenItLeaves() {
        TableMapping<YardEntry> yard = TopicMappings.of(Topic.YARD_INVENTORY);
        YardEntry in = new YardEntry("ICD1", "MSKU1234565", START, "104000000001", YardEntry.Op.UPSERT, START);
        YardEntry out = new YardEntry("ICD1", "MSKU1234565", null, null, YardEntry.Op.REMOVE, START.plusSeconds(60));

        assertThat(yard.writes(in)).extracting(CqlWrite::toString).containsExactly("UPSERT yard_inventory_by_icd "
                + "{icd_code=ICD1, container_no=MSKU1234565, in_since=" + START + ", declaration_no=104000000001, "
                + "updated_ts=" + START + "}");
        assertThat(yard.writes(out)).extracting(CqlWrite::toString)
                .containsExactly("DELETE yard_inventory_by_icd {icd_code=ICD1, container_no=MSKU1234565}");
        assertThat(yard.key(in)).isEqualTo(yard.key(out)).isEqualTo("ICD1/MSKU1234565");
    }

    @Test
    void shouldPutAReviewItemOnTheListOfItsShift() {
        Instant shiftEnd = Instant.parse("2026-11-22T11:00:00Z");
        ReviewItem item = ReviewItem.open("CAM-9", "ICD1", "G1", "C1", START, ReviewItem.Kind.INCOMPLETE, null, null,
                "15C12345", "container number not read", shiftEnd, Recognition.Direction.IN, "L2");

        Map<String, Object> row = TopicMappings.of(Topic.GATE_REVIEW).writes(item).get(0).asMap();

        assertThat(row).containsEntry("shift_end", shiftEnd).containsEntry("icd_code", "ICD1")
                .containsEntry("event_id", "CAM-9").containsEntry("kind", "INCOMPLETE")
                .containsEntry("container_no", null);
    }

    @Test
    void shouldGiveTheSameDeadLetterTheSameIdWhenItIsRejectedAgainLater() {
        DeadLetter first = new DeadLetter("seal.fixes", "lat: out of range", "{\"lat\":200}", LATE_EVENING_UTC);
        DeadLetter again = new DeadLetter("seal.fixes", "lat: out of range", "{\"lat\":200}",
                LATE_EVENING_UTC.plusSeconds(30));
        DeadLetter other = new DeadLetter("seal.events", "lat: out of range", "{\"lat\":200}", LATE_EVENING_UTC);
        TableMapping<DeadLetter> mapping = TopicMappings.of(Topic.DEADLETTER);

        Map<String, Object> row = mapping.writes(first).get(0).asMap();

        assertThat(row).containsEntry("day", LocalDate.of(2026, 11, 23)).containsEntry("topic", "seal.fixes")
                .containsEntry("payload", "{\"lat\":200}");
        assertThat(row.get("id")).isInstanceOf(UUID.class)
                .isEqualTo(mapping.writes(again).get(0).asMap().get("id"))
                .isNotEqualTo(mapping.writes(other).get(0).asMap().get("id"));
    }

    @Test
    void shouldKeyEveryRecordByItsNaturalId() {
        assertThat(TopicMappings.of(Topic.ALERTS).key(DOOR_OPENED)).isEqualTo("a-1");
        assertThat(TopicMappings.of(Topic.TRIPS_TRACK).key(OutputRecords.track(1).get(0))).isEqualTo("TRIP-0");
        assertThat(TopicMappings.of(Topic.GATE_MATCHES).key(OutputRecords.gateMatches(2).get(1))).isEqualTo("CAM-1");
        assertThat(TopicMappings.of(Topic.GATE_REVIEW).key(OutputRecords.reviewItems(1).get(0))).isEqualTo("CAM-0");
    }

    @Test
    void shouldMapEveryGeneratedRecordOfTheIntegrationTests() {
        assertMapsAll(Topic.ALERTS, OutputRecords.alertVersions(200));
        assertMapsAll(Topic.TRIPS_STATUS, OutputRecords.statusVersions(50));
        assertMapsAll(Topic.TRIPS_TRACK, OutputRecords.track(200));
        assertMapsAll(Topic.GATE_MATCHES, OutputRecords.gateMatches(200));
        assertMapsAll(Topic.YARD_INVENTORY, OutputRecords.yardEntries(200));
        assertMapsAll(Topic.GATE_REVIEW, OutputRecords.reviewItems(200));
        assertMapsAll(Topic.DEADLETTER, OutputRecords.deadLetters(200));
    }

    private static <T> void assertMapsAll(Topic<T> topic, List<T> records) {
        TableMapping<T> mapping = TopicMappings.of(topic);
        for (T record : records) {
            assertThat(mapping.writes(record)).as(topic + " " + record).isNotEmpty()
                    .allMatch(write -> mapping.statements().contains(write.statement()));
        }
    }

    private static Alert withState(Alert alert, AlertState state) {
        return new Alert(alert.alertId(), alert.type(), alert.severity(), alert.tripId(), alert.imei(),
                alert.containerNo(), alert.startTs(), alert.detectedAt(), alert.endTs(), alert.lat(), alert.lon(),
                alert.branchCode(), alert.departmentCode(), alert.nearestOffice(), alert.details(), state);
    }
}
