package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.at;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.fix;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.lifecycle;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.offices;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.registered;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.DeadLetter;
import vn.customs.cargowatch.model.Inspection;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripClosing;
import vn.customs.cargowatch.model.TripEvent;

/**
 * Closing trips at their destination end to end (3740 §II.3): a replayed day with two trips confirmed arrived at Gia
 * Lâm, {@code trips.closingDue} 2 h; {@code trip close} publishes the destination officer's inspection of one and
 * refuses another unit's; the day replayed again closes the first and leaves the second awaiting, due 2 h after it arrived;
 * an inspection of a trip that never arrived, put in the input by hand, is refused to {@code deadletter}.
 */
class ClosingReplayIT {

    @TempDir
    Path work;

    @Test
    void shouldCloseTheInspectedTripAndLeaveTheOtherAwaiting() throws Exception {
        InputFolder input = new InputFolder();
        offices().forEach(office -> input.add(Topic.CUSTOMS_OFFICES, office));
        trip(input, "CLOSED", "356938035643811", "CWTU0000017", 60);
        trip(input, "AWAITING", "356938035643812", "CWTU0000022", 70);
        trip(input, "MOVING", "356938035643813", "CWTU0000038", 400);
        Path in = input.writeTo(work.resolve("in"));
        Path out = work.resolve("out");
        Path config = Files.writeString(work.resolve("closing.yaml"), "trips:\n  closingDue: 2 h\n");

        assertThat(replay(in, out, config)).isZero();
        assertThat(latest(out)).extractingByKeys("CLOSED", "AWAITING").extracting(TripClosing::state)
                .containsExactly(TripClosing.State.AWAITING, TripClosing.State.AWAITING);

        StringWriter err = new StringWriter();
        assertThat(close(err, "CLOSED", "01IK", at(90).toString())).as(err.toString()).isZero();
        assertThat(close(err, "AWAITING", "03CE", at(95).toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unit 03CE is not the destination Branch of trip AWAITING (01IK)");
        Files.writeString(in.resolve(Topic.TRIPS_INSPECTIONS.fileName()), "{\"tripId\":\"NEVER\",\"by\":\"An\","
                + "\"byUnit\":\"01IK\",\"ts\":\"" + at(100) + "\",\"container\":\"INTACT\",\"gpsSeal\":\"INTACT\","
                + "\"customsSeal\":\"INTACT\",\"explanations\":[]}\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(replay(in, out, config)).isZero();
        Map<String, TripClosing> closings = latest(out);
        assertThat(closings.get("CLOSED")).satisfies(closed -> {
            assertThat(closed.state()).isEqualTo(TripClosing.State.CLOSED);
            assertThat(closed.inspection().by()).isEqualTo("Đỗ Thị Mai");
            assertThat(closed.inspection().gpsSeal()).isEqualTo(Inspection.Condition.NOT_INTACT);
            assertThat(closed.inspection().reason()).isEqualTo("seal bị va đập");
        });
        assertThat(new OutputFolder(out).records(Topic.TRIPS_CLOSINGS))
                .filteredOn(closing -> closing.tripId().equals("CLOSED")).extracting(TripClosing::state)
                .containsExactly(TripClosing.State.AWAITING, TripClosing.State.CLOSED);
        assertThat(closings.get("AWAITING")).extracting(TripClosing::state, TripClosing::closingDueAt)
                .containsExactly(TripClosing.State.AWAITING, at(70).plusSeconds(7200));
        assertThat(new OutputFolder(out).deadLetters()).filteredOn(letter -> letter.kind() == DeadLetter.Kind.REFUSED)
                .extracting(DeadLetter::topic, DeadLetter::reason)
                .containsExactly(tuple("trips.inspections", "trip NEVER has not arrived (as of " + at(100)
                        + "): an inspection closes an arrived trip"));
    }

    /** A trip of the fixtures' route to Gia Lâm, fixes every 2 minutes, confirmed arrived at {@code arrivedAt}. */
    private static void trip(InputFolder input, String tripId, String imei, String containerNo, int arrivedAt) {
        input.add(Topic.SEAL_TRIPS, registered(tripId, imei, containerNo, at(0), at(arrivedAt + 30)));
        input.add(Topic.SEAL_TRIPS, lifecycle(tripId, imei, TripEvent.Type.ACTIVATED, at(1)));
        for (int minute = 2; minute < arrivedAt; minute += 2) {
            input.add(Topic.SEAL_FIXES, fix(imei, at(minute), (double) minute / arrivedAt, 0, 50));
        }
        input.add(Topic.SEAL_TRIPS, lifecycle(tripId, imei, TripEvent.Type.ARRIVED, at(arrivedAt)));
    }

    private static int replay(Path in, Path out, Path config) {
        return Cargowatch.run("replay", "--input", in.toString(), "--output", out.toString(), "--config",
                config.toString());
    }

    private int close(StringWriter err, String tripId, String unit, String at) {
        return Cargowatch.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "trip", "close",
                tripId, "--by", "Đỗ Thị Mai", "--unit", unit, "--container", "intact", "--gps-seal", "not-intact",
                "--customs-seal", "intact", "--reason", "seal bị va đập", "--at", at, "--input",
                work.resolve("in").toString(), "--output", work.resolve("out").toString());
    }

    private static Map<String, TripClosing> latest(Path out) throws Exception {
        Map<String, TripClosing> latest = new LinkedHashMap<>();
        new OutputFolder(out).records(Topic.TRIPS_CLOSINGS).forEach(closing -> latest.put(closing.tripId(), closing));
        return latest;
    }
}
