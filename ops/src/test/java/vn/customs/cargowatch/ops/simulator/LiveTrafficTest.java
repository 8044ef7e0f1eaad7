package vn.customs.cargowatch.ops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.model.Declaration;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.SealEvent;
import vn.customs.cargowatch.model.SealFix;
import vn.customs.cargowatch.model.Timed;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.model.TripEvent;
import vn.customs.cargowatch.model.geo.RouteIndex;
import vn.customs.cargowatch.ops.simulator.LiveTraffic.Answer;
import vn.customs.cargowatch.ops.simulator.LiveTraffic.Message;

/** Live traffic: valid records stamped when asked for, and probes whose answers the pipeline owes. */
class LiveTrafficTest {

    static final Instant OPENING = Instant.parse("2026-12-02T01:00:00Z");
    static final Duration MIN_DURATION = Duration.ofMinutes(2);
    static final Duration STEP = Duration.ofMillis(10); // 100 records per second

    private final LiveTraffic traffic = new LiveTraffic(7, 20, MIN_DURATION);

    private record Sent(Instant at, Message message, Object record) {}

    private List<Sent> run(Duration duration) throws Exception {
        List<Sent> sent = new ArrayList<>();
        for (Message message : traffic.opening(OPENING)) {
            sent.add(new Sent(OPENING, message, parse(message)));
        }
        for (Instant now = OPENING.plusSeconds(5); now.isBefore(OPENING.plus(duration)); now = now.plus(STEP)) {
            Message message = traffic.next(now);
            sent.add(new Sent(now, message, parse(message)));
        }
        return sent;
    }

    private static Object parse(Message message) throws Exception {
        return message.topic().parse(message.line());
    }

    @Test
    void shouldStampEveryRecordWhenItIsAskedForAndKeepTheContract() throws Exception {
        List<Sent> sent = run(Duration.ofMinutes(1));

        assertThat(sent).allSatisfy(each -> {
            if (each.record() instanceof Timed timed) {
                assertThat(timed.ts()).isEqualTo(each.at());
            }
            String key = Json.mapper().readTree(each.message().line()).path(each.message().topic().keyField())
                    .asText();
            assertThat(each.message().key()).as("keyed as the contract says").isEqualTo(key);
        });
        assertThat(sent).filteredOn(each -> each.message().topic().equals(Topic.SEAL_TRIPS))
                .extracting(each -> ((TripEvent) each.record()).type())
                .containsOnly(TripEvent.Type.REGISTERED, TripEvent.Type.ACTIVATED).hasSize(40);
    }

    @Test
    void shouldSendEachTruckOutOnAClearedDeclarationOfItsIcdMadeAtLeastTwoSecondsBefore() throws Exception {
        List<Sent> sent = run(Duration.ofMinutes(1));
        Map<String, Declaration> declared = new HashMap<>();
        int trucks = 0;
        for (Sent each : sent) {
            if (each.record() instanceof Declaration declaration) {
                declared.put(declaration.containers().get(0), declaration);
            } else if (each.record() instanceof Recognition truck) {
                trucks++;
                Declaration declaration = declared.get(truck.containerNo());
                assertThat(declaration).isNotNull();
                assertThat(declaration.status()).isEqualTo(Declaration.Status.CLEARED);
                assertThat(declaration.icdCode()).isEqualTo(truck.icdCode());
                assertThat(declaration.plates()).containsExactly(truck.plate());
                assertThat(declaration.ts()).isBeforeOrEqualTo(truck.ts().minusSeconds(2));
                assertThat(truck.direction()).isEqualTo(Recognition.Direction.OUT);
                assertThat(each.message().answer()).isEqualTo(Answer.BARRIER);
                assertThat(each.message().probe()).isEqualTo(LiveTraffic.barrierKey(truck.eventId()));
            }
        }
        assertThat(trucks).as("about one truck a cycle of 20 records, after the first 2 s").isBetween(250, 275);
        List<Recognition> recognitions = sent.stream().filter(each -> each.record() instanceof Recognition)
                .map(each -> (Recognition) each.record()).toList();
        assertThat(recognitions).extracting(Recognition::eventId).doesNotHaveDuplicates();
        assertThat(recognitions).extracting(Recognition::gateId).as("two gates at each of three ICDs")
                .containsOnly("ICD-GIALAM-OUT1", "ICD-GIALAM-OUT2", "ICD-LONGBIEN-OUT1", "ICD-LONGBIEN-OUT2",
                        "ICD-MYDINH-OUT1", "ICD-MYDINH-OUT2");
    }

    @Test
    void shouldLeaveTheCorridorLongerThanTheMinimumDurationAndProbeTheFixThatCompletesIt() throws Exception {
        List<Sent> sent = run(Duration.ofMinutes(5));
        Map<String, TripEvent> registered = new HashMap<>();
        Map<String, List<Sent>> fixesByImei = new HashMap<>();
        for (Sent each : sent) {
            if (each.record() instanceof TripEvent event && event.type() == TripEvent.Type.REGISTERED) {
                registered.put(event.imei(), event);
            } else if (each.record() instanceof SealFix fix) {
                fixesByImei.computeIfAbsent(fix.imei(), imei -> new ArrayList<>()).add(each);
            }
        }
        assertThat(fixesByImei).hasSize(20);
        for (var trip : fixesByImei.entrySet()) {
            TripEvent registration = registered.get(trip.getKey());
            RouteIndex route = new RouteIndex(registration.route().coordinates());
            Instant firstOff = null;
            List<Sent> probes = new ArrayList<>();
            for (Sent each : trip.getValue()) {
                SealFix fix = (SealFix) each.record();
                boolean off = route.distanceMeters(fix.lat(), fix.lon()) > registration.corridorMeters();
                if (off && firstOff == null) {
                    firstOff = fix.ts();
                }
                if (each.message().answer() == Answer.WRONG_ROUTE) {
                    probes.add(each);
                    assertThat(off).isTrue();
                    assertThat(fix.ts()).as("the first fix at least the minimum duration off")
                            .isAfterOrEqualTo(firstOff.plus(MIN_DURATION))
                            .isBefore(firstOff.plus(MIN_DURATION).plusSeconds(5));
                    assertThat(each.message().probe()).isEqualTo(LiveTraffic.alertKey(registration.tripId(),
                            firstOff));
                }
            }
            assertThat(probes).as(registration.tripId()).hasSize(1);
            Instant offSince = firstOff;
            assertThat(trip.getValue()).filteredOn(each -> !((SealFix) each.record()).ts().isBefore(offSince))
                    .filteredOn(each -> !((SealFix) each.record()).ts().isAfter(probes.get(0).at()))
                    .as("off route all the way to the fix that completes it")
                    .allSatisfy(each -> assertThat(route.distanceMeters(((SealFix) each.record()).lat(),
                            ((SealFix) each.record()).lon())).isGreaterThan(registration.corridorMeters()));
        }
    }

    @Test
    void shouldOpenAndCloseDoorsInTurnAndProbeEachOpening() throws Exception {
        List<Sent> sent = run(Duration.ofMinutes(1));
        Map<String, List<SealEvent.Type>> doors = new HashMap<>();
        for (Sent each : sent) {
            if (each.record() instanceof SealEvent event) {
                doors.computeIfAbsent(event.imei(), imei -> new ArrayList<>()).add(event.type());
                boolean opened = event.type() == SealEvent.Type.DOOR_OPEN;
                assertThat(each.message().answer()).isEqualTo(opened ? Answer.DOOR_OPENED : null);
            }
        }
        assertThat(doors.values()).allSatisfy(events -> {
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i)).isEqualTo(i % 2 == 0 ? SealEvent.Type.DOOR_OPEN : SealEvent.Type.DOOR_CLOSE);
            }
        });
    }

    @Test
    void shouldKeepEveryTripReportingAsOftenAsAskedAtTheRate() {
        assertThat(LiveTraffic.tripsFor(100, Duration.ofSeconds(5))).isEqualTo(425);
        assertThat(LiveTraffic.tripsFor(0.1, Duration.ofSeconds(5))).isEqualTo(1);
    }
}
