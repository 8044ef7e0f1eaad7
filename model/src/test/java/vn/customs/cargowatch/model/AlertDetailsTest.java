package vn.customs.cargowatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Typed details write the JSON the rules wrote when details were a sorted map: the same keys, in the same order, each
 * value of the same JSON type (whole minutes, decimal meters and percentages, text).
 */
class AlertDetailsTest {

    /** Each kind of alert's details as its rule built them as a map, with the Java types it put in. */
    static Stream<Arguments> detailsAsTheyWereWritten() {
        return Stream.of(
                Arguments.of("WRONG_ROUTE", Map.of("corridorMeters", 500.0, "distanceMeters", 612.3,
                        "minDurationMinutes", 2.0)),
                Arguments.of("WRONG_ROUTE ended", Map.of("corridorMeters", 300.0, "distanceMeters", 612.3,
                        "minDurationMinutes", 1.5, "maxDistanceMeters", 1480.0)),
                Arguments.of("STOP_OVER_90_MIN", Map.of("maxDurationMinutes", 90L, "radiusMeters", 50.0)),
                Arguments.of("SIGNAL_LOST", Map.of("timeoutMinutes", 15L, "powerOffAt", "2026-11-22T06:00:00Z")),
                Arguments.of("CONTAINER_NOT_ARRIVED", Map.of("expectedEnd", "2026-11-22T10:00:00Z",
                        "graceMinutes", 60L, "lastSeen", "2026-11-22T09:58:00Z")),
                Arguments.of("DOOR_OPENED", Map.of("reportedBy", "DOOR_OPEN event")),
                Arguments.of("DOOR_OPENED withdrawn", Map.of("reportedBy", "fix door state",
                        "reason", "withdrawn: the trip was not active then")),
                Arguments.of("SEAL_LOW_BATTERY", Map.of("reportedBy", "fix battery", "lowBatteryPercent", 20.0,
                        "horizonMinutes", 120L, "batteryPercent", 19.0, "expectedEnd", "2026-11-22T10:00:00Z")),
                Arguments.of("gate alert", Map.of("icdCode", "ICD-GIALAM", "gateId", "G2", "cameraId", "CAM-G2-OUT",
                        "direction", "OUT", "eventId", "E-1", "reason", "no declaration", "plate", "29C12345")),
                Arguments.of("CAMERA_SILENT", Map.of("icdCode", "ICD-GIALAM", "gateId", "G2",
                        "cameraId", "CAM-G2-OUT", "silentMinutes", 30L)),
                Arguments.of("none", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detailsAsTheyWereWritten")
    void shouldWriteWhatTheSortedMapWrote(String kind, Map<String, Object> asMap) throws Exception {
        String before = Json.write(new TreeMap<>(asMap));

        AlertDetails typed = Json.read(before, AlertDetails.class);

        assertThat(Json.write(typed)).isEqualTo(before);
        assertThat(typed.isEmpty()).isEqualTo(asMap.isEmpty());
    }

    @Test
    void shouldReadDetailsItDoesNotKnow() throws Exception {
        AlertDetails details = Json.read("{\"doorEvent\":\"DOOR_OPEN\",\"gateId\":\"G2\"}", AlertDetails.class);

        assertThat(details).isEqualTo(AlertDetails.builder().gateId("G2").build());
    }

    @Test
    void shouldChangeOneDetailAndKeepTheOthers() {
        AlertDetails raised = AlertDetails.builder().reportedBy("DOOR_OPEN event").build();

        AlertDetails withdrawn = raised.toBuilder().reason("withdrawn").build();

        assertThat(withdrawn.reportedBy()).isEqualTo("DOOR_OPEN event");
        assertThat(withdrawn.reason()).isEqualTo("withdrawn");
        assertThat(raised.reason()).isNull();
    }

    @Test
    void shouldNotWriteItsEmptiness() {
        assertThat(Json.write(AlertDetails.NONE)).isEqualTo("{}");
    }
}
