package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.at;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.fix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Topic;

/**
 * Bad input never stops the job and never vanishes: malformed lines on every input topic, mixed into the
 * eight trips of {@link ReplayIT}, each reach {@code deadletter} with their reason, and the good records
 * still give exactly the same alerts.
 */
class MalformedInputIT {

    @TempDir
    Path work;

    @Test
    void shouldDeadLetterEveryBadLineWithItsReasonAndProcessEveryGoodOne() throws Exception {
        InputFolder input = ReplayIT.eightTrips();
        String imei = ReplayIT.imei("NORMAL");
        Map<String, String> badLines = new LinkedHashMap<>();
        badLines.put("{\"imei\":\"" + imei + "\",\"ts\":\"2026-11-22T01:00:00Z\",\"lat\":20.9", "not valid JSON");
        badLines.put("{\"ts\":\"2026-11-22T01:01:00Z\",\"lat\":20.9,\"lon\":106.3}", "imei is missing");
        badLines.put("{\"imei\":\"" + imei + "\",\"ts\":\"2026-11-22T01:02:00Z\",\"lat\":200,\"lon\":106.3}",
                "lat 200.0 out of range [-90, 90]");
        badLines.put("{\"imei\":\"" + imei + "\",\"ts\":\"2026-11-22T01:03:00Z\",\"lat\":\"abc\",\"lon\":106.3}",
                "lat: expected a number");
        badLines.put("{\"imei\":\"" + imei + "\",\"ts\":\"yesterday\",\"lat\":20.9,\"lon\":106.3}",
                "ts: 'yesterday' is not an ISO-8601 time with offset");
        badLines.forEach((line, reason) -> input.addLine(Topic.SEAL_FIXES, line));

        // Stamped three days ahead, arriving mid-stream; and a fix ten minutes behind its topic.
        String ahead = Json.write(fix(imei, at(100).plus(Duration.ofDays(3)), 0.3, 0, 40));
        input.addLineArrivingAt(Topic.SEAL_FIXES, ahead, at(100));
        input.addArrivingLate(Topic.SEAL_FIXES, fix(imei, at(150).plusSeconds(1), 0.5, 0, 40), Duration.ofMinutes(10));

        input.addLine(Topic.SEAL_EVENTS, "{\"imei\":\"" + imei + "\",\"ts\":\"2026-11-22T01:00:00Z\",\"type\":\"EXPLODED\"}");
        input.addLine(Topic.SEAL_TRIPS, "{\"tripId\":\"GHOST\",\"type\":\"ACTIVATED\",\"ts\":\"2026-11-22T01:00:00Z\","
                + "\"imei\":\"356938035643899\"}");
        input.addLine(Topic.IGNORE_ZONES, "{\"zoneId\":\"bad\",\"op\":\"UPSERT\",\"polygon\":{\"type\":\"Point\"}}");
        input.addLine(Topic.CUSTOMS_OFFICES, "{\"unitCode\":\"99XX\",\"name\":\"no level\",\"lat\":21,\"lon\":105}");
        input.addLine(Topic.CUSTOMS_OFFICES, "   ");

        Path output = work.resolve("out");
        int exit = Cargowatch.run("replay", "--input", input.writeTo(work.resolve("in")).toString(),
                "--output", output.toString());

        assertThat(exit).isZero();
        OutputFolder out = new OutputFolder(output);
        assertThat(out.deadLetters()).extracting(DeadLetter::topic, DeadLetter::reason).containsExactlyInAnyOrder(
                tuple("seal.fixes", "not valid JSON: Unexpected end-of-input: expected close marker for Object"),
                tuple("seal.fixes", "imei is missing"),
                tuple("seal.fixes", "lat 200.0 out of range [-90, 90]"),
                tuple("seal.fixes", "lat: expected a number"),
                tuple("seal.fixes", "ts: 'yesterday' is not an ISO-8601 time with offset (e.g. 2026-11-22T08:15:30Z)"),
                tuple("seal.fixes", "ts 2026-11-25T01:40:00Z is more than 24 h ahead of the seal.fixes stream "
                        + "(at 2026-11-22T01:40:00Z)"),
                tuple("seal.fixes", "late: 599 s older than the newest seal.fixes record (out-of-order bound 120 s)"),
                tuple("seal.events", "type: 'EXPLODED' is not one of [DOOR_OPEN, DOOR_CLOSE, TAMPER, LOW_BATTERY, "
                        + "POWER_ON, POWER_OFF]"),
                tuple("seal.trips", "ACTIVATED for trip GHOST, but seal 356938035643899 is not registered to any trip"),
                tuple("geo.ignore-zones", "polygon: type must be Polygon, was Point"),
                tuple("customs.offices", "level is missing"),
                tuple("customs.offices", "empty record"));
        assertThat(out.deadLetters()).allSatisfy(dead -> assertThat(dead.payload()).isNotNull());
        assertThat(out.deadLetters()).filteredOn(dead -> dead.reason().startsWith("lat 200"))
                .singleElement().extracting(DeadLetter::payload).asString().contains("\"lat\":200");
        assertThat(out.finalAlerts().values()).extracting(Alert::type).hasSize(5);
    }
}
