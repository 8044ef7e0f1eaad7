package vn.customs.cargowatch.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code alerts.details}: what a rule adds to its alert to say why it raised it, one optional field per detail any
 * rule writes; an absent detail is null and not written. A typed record, not a map, so that Flink serializes an alert
 * field by field (no Kryo) and the job runs with generic types turned off.
 *
 * <p>The fields are declared, and written, in alphabetical order, and each keeps the JSON type the alerts have always
 * had: durations in whole minutes ({@code 15}), distances and percentages as decimals ({@code 500.0}), times as
 * ISO-8601 text. Reading ignores detail keys it does not know (the mapper's rule), so alerts written by an older or
 * newer version still read.
 *
 * @param batteryPercent     SEAL_LOW_BATTERY: the battery level the seal reported, when it reported one
 * @param cameraId           gate alerts and CAMERA_SILENT: the camera that read the truck, or fell silent
 * @param corridorMeters     WRONG_ROUTE: the trip's corridor either side of its route (the trip's, or
 *                           {@code wrongRoute.corridorMeters})
 * @param direction          gate alerts: IN or OUT
 * @param distanceMeters     WRONG_ROUTE: the distance from the route when the alert was raised, to 0.1 m
 * @param eventId            gate alerts: the recognition's {@code eventId}
 * @param expectedEnd        CONTAINER_NOT_ARRIVED, SEAL_LOW_BATTERY: the trip's expected end
 * @param gateId             gate alerts and CAMERA_SILENT: the gate
 * @param graceMinutes       CONTAINER_NOT_ARRIVED: {@code notArrived.grace}
 * @param horizonMinutes     SEAL_LOW_BATTERY: {@code seal.lowBatteryHorizon}
 * @param icdCode            gate alerts and CAMERA_SILENT: the ICD
 * @param lastSeen           CONTAINER_NOT_ARRIVED: the seal's last signal
 * @param lowBatteryPercent  SEAL_LOW_BATTERY: {@code seal.lowBattery}
 * @param maxDistanceMeters  WRONG_ROUTE, once the truck is back: the farthest it went from the route, to 0.1 m
 * @param maxDurationMinutes STOP_OVER_90_MIN: {@code stop.maxDuration}
 * @param minDurationMinutes WRONG_ROUTE: {@code wrongRoute.minDuration}
 * @param plate              gate alerts: the plate read, when one was
 * @param powerOffAt         SIGNAL_LOST: the seal's power-off just before the silence
 * @param radiusMeters       STOP_OVER_90_MIN: {@code stop.radiusMeters}
 * @param reason             gate alerts: the finding; a DOOR_OPENED taken back (state CLOSED): why
 * @param reportedBy         DOOR_OPENED and the seal's own alerts: the event or the fix field that told
 * @param silentMinutes      CAMERA_SILENT: {@code gate.cameraSilence}
 * @param timeoutMinutes     SIGNAL_LOST: {@code signalLost.timeout}
 */
@JsonPropertyOrder(alphabetic = true)
public record AlertDetails(
        Double batteryPercent,
        String cameraId,
        Double corridorMeters,
        String direction,
        Double distanceMeters,
        String eventId,
        String expectedEnd,
        String gateId,
        Long graceMinutes,
        Long horizonMinutes,
        String icdCode,
        String lastSeen,
        Double lowBatteryPercent,
        Double maxDistanceMeters,
        Long maxDurationMinutes,
        Double minDurationMinutes,
        String plate,
        String powerOffAt,
        Double radiusMeters,
        String reason,
        String reportedBy,
        Long silentMinutes,
        Long timeoutMinutes) {

    /** No detail at all. */
    public static final AlertDetails NONE = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    /** These details, to add to or change. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether no detail is set (written as {@code {}}). */
    @JsonIgnore
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** Builds details by name, so that a rule reads as the list of what it says. */
    public static final class Builder {
        private Double batteryPercent;
        private String cameraId;
        private Double corridorMeters;
        private String direction;
        private Double distanceMeters;
        private String eventId;
        private String expectedEnd;
        private String gateId;
        private Long graceMinutes;
        private Long horizonMinutes;
        private String icdCode;
        private String lastSeen;
        private Double lowBatteryPercent;
        private Double maxDistanceMeters;
        private Long maxDurationMinutes;
        private Double minDurationMinutes;
        private String plate;
        private String powerOffAt;
        private Double radiusMeters;
        private String reason;
        private String reportedBy;
        private Long silentMinutes;
        private Long timeoutMinutes;

        private Builder() {}

        private Builder(AlertDetails details) {
            batteryPercent = details.batteryPercent;
            cameraId = details.cameraId;
            corridorMeters = details.corridorMeters;
            direction = details.direction;
            distanceMeters = details.distanceMeters;
            eventId = details.eventId;
            expectedEnd = details.expectedEnd;
            gateId = details.gateId;
            graceMinutes = details.graceMinutes;
            horizonMinutes = details.horizonMinutes;
            icdCode = details.icdCode;
            lastSeen = details.lastSeen;
            lowBatteryPercent = details.lowBatteryPercent;
            maxDistanceMeters = details.maxDistanceMeters;
            maxDurationMinutes = details.maxDurationMinutes;
            minDurationMinutes = details.minDurationMinutes;
            plate = details.plate;
            powerOffAt = details.powerOffAt;
            radiusMeters = details.radiusMeters;
            reason = details.reason;
            reportedBy = details.reportedBy;
            silentMinutes = details.silentMinutes;
            timeoutMinutes = details.timeoutMinutes;
        }

        public Builder batteryPercent(Double value) {
            batteryPercent = value;
            return this;
        }

        public Builder cameraId(String value) {
            cameraId = value;
            return this;
        }

        public Builder corridorMeters(Double value) {
            corridorMeters = value;
            return this;
        }

        public Builder direction(String value) {
            direction = value;
            return this;
        }

        public Builder distanceMeters(Double value) {
            distanceMeters = value;
            return this;
        }

        public Builder eventId(String value) {
            eventId = value;
            return this;
        }

        public Builder expectedEnd(String value) {
            expectedEnd = value;
            return this;
        }

        public Builder gateId(String value) {
            gateId = value;
            return this;
        }

        public Builder graceMinutes(Long value) {
            graceMinutes = value;
            return this;
        }

        public Builder horizonMinutes(Long value) {
            horizonMinutes = value;
            return this;
        }

        public Builder icdCode(String value) {
            icdCode = value;
            return this;
        }

        public Builder lastSeen(String value) {
            lastSeen = value;
            return this;
        }

        public Builder lowBatteryPercent(Double value) {
            lowBatteryPercent = value;
            return this;
        }

        public Builder maxDistanceMeters(Double value) {
            maxDistanceMeters = value;
            return this;
        }

        public Builder maxDurationMinutes(Long value) {
            maxDurationMinutes = value;
            return this;
        }

        public Builder minDurationMinutes(Double value) {
            minDurationMinutes = value;
            return this;
        }

        public Builder plate(String value) {
            plate = value;
            return this;
        }

        public Builder powerOffAt(String value) {
            powerOffAt = value;
            return this;
        }

        public Builder radiusMeters(Double value) {
            radiusMeters = value;
            return this;
        }

        public Builder reason(String value) {
            reason = value;
            return this;
        }

        public Builder reportedBy(String value) {
            reportedBy = value;
            return this;
        }

        public Builder silentMinutes(Long value) {
            silentMinutes = value;
            return this;
        }

        public Builder timeoutMinutes(Long value) {
            timeoutMinutes = value;
            return this;
        }

        public AlertDetails build() {
            return new AlertDetails(batteryPercent, cameraId, corridorMeters, direction, distanceMeters, eventId,
                    expectedEnd, gateId, graceMinutes, horizonMinutes, icdCode, lastSeen, lowBatteryPercent,
                    maxDistanceMeters, maxDurationMinutes, minDurationMinutes, plate, powerOffAt, radiusMeters, reason,
                    reportedBy, silentMinutes, timeoutMinutes);
        }
    }
}
