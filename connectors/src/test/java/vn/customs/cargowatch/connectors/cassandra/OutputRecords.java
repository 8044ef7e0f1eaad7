package vn.customs.cargowatch.connectors.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertDetails;
import vn.customs.cargowatch.model.AlertState;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.DoorState;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.NearestOffice;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.ReviewAction;
import vn.customs.cargowatch.model.ReviewItem;
import vn.customs.cargowatch.model.TrackPoint;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripStatus;
import vn.customs.cargowatch.model.YardEntry;

/**
 * Records of every output topic as the pipeline emits them — versions included (an alert raised, ended,
 * resolved; a container in, then out) — spread over three Vietnam days, some just after Vietnam midnight.
 */
final class OutputRecords {

    /** 2026-11-22 07:00 in Vietnam. */
    static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

    private OutputRecords() {}

    static Instant at(int i) {
        // Every 7th record falls just after midnight in Vietnam (17:00Z + a little), the rest through the day.
        int day = i % 3;
        long minute = i % 7 == 0 ? 17 * 60 + i % 50 : (i * 37L) % (16 * 60);
        return T0.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(minute)).plusMillis(i);
    }

    // ---- alerts ----

    /** Every version of {@code count} alerts, in the order the pipeline emits them. */
    static List<Alert> alertVersions(int count) {
        List<Alert> versions = new ArrayList<>();
        AlertType[] types = AlertType.values();
        for (int i = 0; i < count; i++) {
            AlertType type = types[i % types.length];
            Instant start = at(i);
            boolean gate = type.ordinal() >= AlertType.UNCLEARED_EXIT.ordinal();
            AlertDetails.Builder details = AlertDetails.builder().reason("case " + i);
            Alert raised;
            if (gate) {
                details.icdCode("ICD" + (i % 4)).gateId("G" + (i % 3));
                raised = new Alert(Alert.idOf(type, "E" + i, start), type, type.severity(),
                        i % 10 == 0 ? "TRIP-" + (i % 40) : null, null, "MSKU" + (1000000 + i), start,
                        start.plusSeconds(120), null, null, null, null, null, null, details.build(), AlertState.OPEN);
            } else {
                raised = new Alert(Alert.idOf(type, "TRIP-" + (i % 40), start), type, type.severity(), "TRIP-" + (i % 40),
                        "86000000000" + String.format("%04d", i % 40), "TGHU" + (2000000 + i), start,
                        start.plusSeconds(60), null, 21.0 + i * 0.001, 105.8 + i * 0.001, "BR" + (i % 5), "DEP" + (i % 2),
                        i % 4 == 0 ? null : new NearestOffice("BR" + (i % 5), "Chi cục " + (i % 5), 1.5 + i % 7),
                        details.build(), AlertState.OPEN);
            }
            versions.add(raised);
            if (i % 3 == 0) {
                versions.add(raised.withEnd(start.plusSeconds(900)));
            }
            if (i % 5 == 0) {
                Alert last = versions.get(versions.size() - 1);
                versions.add(new Alert(last.alertId(), last.type(), last.severity(), last.tripId(), last.imei(),
                        last.containerNo(), last.startTs(), last.detectedAt(), last.endTs(), last.lat(), last.lon(),
                        last.branchCode(), last.departmentCode(), last.nearestOffice(), last.details(),
                        i % 10 == 0 ? AlertState.CLOSED : AlertState.RESOLVED));
            }
        }
        return versions;
    }

    // ---- trips ----

    static List<TripStatus> statusVersions(int trips) {
        List<TripStatus> versions = new ArrayList<>();
        for (int i = 0; i < trips; i++) {
            String trip = "TRIP-" + i;
            versions.add(new TripStatus(trip, "8600000000" + String.format("%05d", i), "TGHU" + (3000000 + i),
                    TripStatus.State.REGISTERED, null, null, null, null, 0, null, null, null, null, null, null));
            versions.add(new TripStatus(trip, "8600000000" + String.format("%05d", i), "TGHU" + (3000000 + i),
                    TripStatus.State.ACTIVE, at(i), 21.0 + i * 0.01, 106.0 + i * 0.01, 12.5 + i, i % 3, null, null, null, null, null, null));
            if (i % 2 == 0) {
                versions.add(new TripStatus(trip, "8600000000" + String.format("%05d", i), "TGHU" + (3000000 + i),
                        TripStatus.State.ARRIVED, at(i).plusSeconds(3600), 21.5, 106.5, 80.25 + i, i % 3 + 1,
                        i % 4 == 0 ? TripStatus.ArrivedBy.GATE_CAMERA : TripStatus.ArrivedBy.CONFIRMATION, null, null, null, null, null));
            }
        }
        return versions;
    }

    static List<TrackPoint> track(int count) {
        List<TrackPoint> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String trip = "TRIP-" + (i % 20);
            points.add(new TrackPoint(trip, "8600000000" + String.format("%05d", i % 20),
                    T0.plusSeconds(30L * i), 20.9 + i * 0.0001, 106.6 + i * 0.0001, i % 4 == 0 ? null : 40.0 + i % 30,
                    i % 9 == 0 ? null : (double) (i % 600), i % 11 == 0 ? "ZONE-1" : null,
                    i % 13 == 0 ? DoorState.OPEN : i % 2 == 0 ? DoorState.CLOSED : null));
        }
        return points;
    }

    // ---- gates ----

    static List<GateMatch> gateMatches(int count) {
        List<GateMatch> matches = new ArrayList<>();
        GateMatch.Result[] results = GateMatch.Result.values();
        for (int i = 0; i < count; i++) {
            GateMatch.Result result = results[i % results.length];
            matches.add(new GateMatch(i % 8 == 0 ? "CAM-" + i + "/2" : "CAM-" + i, "ICD" + (i % 4), "G" + (i % 3),
                    i % 2 == 0 ? Recognition.Direction.IN : Recognition.Direction.OUT, at(i),
                    result == GateMatch.Result.INCOMPLETE ? null : "MSKU" + (4000000 + i),
                    i % 6 == 0 ? "MSKU" + (4000000 + i) + "X" : null, "29H-" + (10000 + i),
                    result, result == GateMatch.Result.NO_DECLARATION ? null : "10" + (500000 + i),
                    result == GateMatch.Result.MATCHED ? GateMatch.Barrier.OPEN : GateMatch.Barrier.HOLD,
                    result == GateMatch.Result.MATCHED ? List.of() : List.of("reason " + i, "second reason")));
        }
        return matches;
    }

    /** Containers in, every third of them out again. */
    static List<YardEntry> yardEntries(int count) {
        List<YardEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String icd = "ICD" + (i % 4);
            String container = "MSKU" + (5000000 + i);
            entries.add(new YardEntry(icd, container, at(i), i % 5 == 0 ? null : "10" + (600000 + i),
                    YardEntry.Op.UPSERT, at(i)));
        }
        for (int i = 0; i < count; i += 3) {
            entries.add(new YardEntry("ICD" + (i % 4), "MSKU" + (5000000 + i), null, null, YardEntry.Op.REMOVE,
                    at(i).plusSeconds(7200)));
        }
        return entries;
    }

    static List<ReviewItem> reviewItems(int count) {
        List<ReviewItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant ts = at(i);
            ReviewItem item = ReviewItem.open("CAM-" + i, "ICD" + (i % 4), "G" + (i % 3), "C" + (i % 6), ts,
                    i % 2 == 0 ? ReviewItem.Kind.INCOMPLETE : ReviewItem.Kind.CORRECTED,
                    i % 2 == 0 ? null : "MSKU" + (7000000 + i) + "0", i % 2 == 0 ? null : "MSKU" + (7000000 + i),
                    i % 3 == 0 ? null : "15C-" + (20000 + i), "reason " + i, shiftEnd(ts),
                    i % 2 == 0 ? Recognition.Direction.IN : Recognition.Direction.OUT, i % 5 == 0 ? null : "L1");
            // every fourth reviewed, the way the shift review emits it again
            items.add(i % 4 == 1 ? item.confirmedBy(new ReviewAction(item.eventId(), ReviewAction.Action.CONFIRM,
                    "Trần Thị Bình", "01IK", ts.plusSeconds(600), "khớp camera quan sát", "10.0.0.7", null)) : item);
        }
        return items;
    }

    /**
     * {@code trips} trips' closings as the pipeline writes them: each AWAITING at its arrival, then CLOSED by its
     * inspection (even trips, one alert explained) or left awaiting (odd trips).
     */
    static List<TripClosing> closingVersions(int trips) {
        List<TripClosing> versions = new ArrayList<>();
        for (int i = 0; i < trips; i++) {
            Instant arrived = at(i);
            TripClosing awaiting = new TripClosing("TRIP-" + i, "8600000000" + String.format("%05d", i),
                    "MSKU" + (7000000 + i), "BR" + (i % 5), "03CE", "03PL", arrived,
                    i % 3 == 0 ? TripStatus.ArrivedBy.CONFIRMATION : TripStatus.ArrivedBy.GATE_CAMERA,
                    arrived.plusSeconds(86_400), TripClosing.State.AWAITING, null, arrived);
            versions.add(awaiting);
            if (i % 2 == 1) {
                continue;
            }
            versions.add(awaiting.closedBy(new Inspection(awaiting.tripId(), "Đỗ Thị Mai", awaiting.destinationUnit(),
                    arrived.plusSeconds(3600), Inspection.Condition.INTACT,
                    i % 4 == 0 ? Inspection.Condition.NOT_INTACT : Inspection.Condition.INTACT,
                    Inspection.Condition.INTACT, i % 4 == 0 ? "seal bị va đập" : null, null, null,
                    List.of(new Inspection.Explanation("ALERT-" + i, "xe tránh đường ngập")))));
        }
        return versions;
    }

    /** The next 06:00 or 18:00 in Vietnam (23:00Z, 11:00Z). */
    static Instant shiftEnd(Instant ts) {
        Instant day = ts.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        for (Instant end : List.of(day.minusSeconds(3600), day.plusSeconds(11 * 3600), day.plusSeconds(23 * 3600))) {
            if (end.isAfter(ts)) {
                return end;
            }
        }
        return day.plusSeconds(35 * 3600);
    }

    // ---- dead letters ----

    static List<DeadLetter> deadLetters(int count) {
        List<DeadLetter> letters = new ArrayList<>();
        String[] topics = {"seal.fixes", "camera.recognitions", "seal.trips"};
        for (int i = 0; i < count; i++) {
            letters.add(new DeadLetter(topics[i % 3], "reason " + i, "{\"line\":" + i + ",\"text\":\"it's bad\"}",
                    at(i)));
        }
        return letters;
    }

    /** The last version of each record by {@code key}: what Cassandra must hold. */
    static <T> Map<String, T> latest(List<T> versions, java.util.function.Function<T, String> key) {
        Map<String, T> latest = new LinkedHashMap<>();
        versions.forEach(version -> latest.put(key.apply(version), version));
        return latest;
    }
}
