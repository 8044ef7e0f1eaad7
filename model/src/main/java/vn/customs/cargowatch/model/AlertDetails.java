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
 * @param brightness         CAMERA_DEGRADED: the last image's mean grey level, 0–255
 * @param cameraId           gate alerts, CAMERA_SILENT and CAMERA_DEGRADED: the camera that read the truck, fell
 *                           silent, or sends useless images
 * @param contrast           CAMERA_DEGRADED: the last image's standard deviation of grey levels
 * @param corridorMeters     WRONG_ROUTE: the trip's corridor either side of its route (the trip's, or
 *                           {@code wrongRoute.corridorMeters})
 * @param direction          gate alerts: IN or OUT
 * @param distanceMeters     WRONG_ROUTE: the distance from the route when the alert was raised, to 0.1 m
 * @param eventId            gate alerts: the recognition's {@code eventId}
 * @param evidence           gate alerts: the JPEG thumbnail of the recognition's image, when one was written
 *                           ({@code camera.evidenceDir})
 * @param expectedEnd        CONTAINER_NOT_ARRIVED, SEAL_LOW_BATTERY: the trip's expected end
 * @param gateId             gate alerts, CAMERA_SILENT and CAMERA_DEGRADED: the gate
 * @param graceMinutes       CONTAINER_NOT_ARRIVED: {@code notArrived.grace}
 * @param hashDistance       CAMERA_DEGRADED (FROZEN): the largest perceptual-hash distance, in bits, between the
 *                           last images
 * @param horizonMinutes     SEAL_LOW_BATTERY: {@code seal.lowBatteryHorizon}
 * @param icdCode            gate alerts, CAMERA_SILENT and CAMERA_DEGRADED: the ICD
 * @param images             CAMERA_DEGRADED: how many images in a row failed the check ({@code camera.degradedAfter})
 * @param imageUri           gate alerts and CAMERA_DEGRADED: the recognition's image as the camera sent it
 * @param lastSeen           CONTAINER_NOT_ARRIVED: the seal's last signal
 * @param lowBatteryPercent  SEAL_LOW_BATTERY: {@code seal.lowBattery}
 * @param maxDistanceMeters  WRONG_ROUTE, once the truck is back: the farthest it went from the route, to 0.1 m
 * @param maxDurationMinutes STOP_OVER_90_MIN: {@code stop.maxDuration}
 * @param minDurationMinutes WRONG_ROUTE: {@code wrongRoute.minDuration}
 * @param plate              gate alerts: the plate read, when one was
 * @param powerOffAt         SIGNAL_LOST: the seal's power-off just before the silence
 * @param radiusMeters       STOP_OVER_90_MIN: {@code stop.radiusMeters}
 * @param reason             gate alerts: the finding; a DOOR_OPENED taken back (state CLOSED): why; CAMERA_DEGRADED:
 *                           the check the images failed (BLACK, OVEREXPOSED, BLURRED, FROZEN, LOW_CONTRAST)
 * @param reportedBy         DOOR_OPENED and the seal's own alerts: the event or the fix field that told
 * @param sharpness          CAMERA_DEGRADED: the last image's variance of the Laplacian
 * @param silentMinutes      CAMERA_SILENT: {@code gate.cameraSilence}
 * @param timeoutMinutes     SIGNAL_LOST: {@code signalLost.timeout}
 */
@JsonPropertyOrder(alphabetic = true)
public record AlertDetails(
        Double batteryPercent,
        Double brightness,
        String cameraId,
        Double contrast,
        Double corridorMeters,
        String direction,
        Double distanceMeters,
        String eventId,
        String evidence,
        String expectedEnd,
        String gateId,
        Long graceMinutes,
        Long hashDistance,
        Long horizonMinutes,
        String icdCode,
        Long images,
        String imageUri,
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
        Double sharpness,
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
        private Double brightness;
        private String cameraId;
        private Double contrast;
        private Double corridorMeters;
        private String direction;
        private Double distanceMeters;
        private String eventId;
        private String evidence;
        private String expectedEnd;
        private String gateId;
        private Long graceMinutes;
        private Long hashDistance;
        private Long horizonMinutes;
        private String icdCode;
        private Long images;
        private String imageUri;
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
        private Double sharpness;
        private Long silentMinutes;
        private Long timeoutMinutes;

        private Builder() {}

        private Builder(AlertDetails details) {
            batteryPercent = details.batteryPercent;
            brightness = details.brightness;
            cameraId = details.cameraId;
            contrast = details.contrast;
            corridorMeters = details.corridorMeters;
            direction = details.direction;
            distanceMeters = details.distanceMeters;
            eventId = details.eventId;
            evidence = details.evidence;
            expectedEnd = details.expectedEnd;
            gateId = details.gateId;
            graceMinutes = details.graceMinutes;
            hashDistance = details.hashDistance;
            horizonMinutes = details.horizonMinutes;
            icdCode = details.icdCode;
            images = details.images;
            imageUri = details.imageUri;
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
            sharpness = details.sharpness;
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

        public Builder brightness(Double value) {
            brightness = value;
            return this;
        }

        public Builder contrast(Double value) {
            contrast = value;
            return this;
        }

        public Builder evidence(String value) {
            evidence = value;
            return this;
        }

        public Builder hashDistance(Long value) {
            hashDistance = value;
            return this;
        }

        public Builder imageUri(String value) {
            imageUri = value;
            return this;
        }

        public Builder images(Long value) {
            images = value;
            return this;
        }

        public Builder sharpness(Double value) {
            sharpness = value;
            return this;
        }

        public AlertDetails build() {
            return new AlertDetails(batteryPercent, brightness, cameraId, contrast, corridorMeters, direction,
                    distanceMeters, eventId, evidence, expectedEnd, gateId, graceMinutes, hashDistance,
                    horizonMinutes, icdCode, images, imageUri, lastSeen, lowBatteryPercent, maxDistanceMeters,
                    maxDurationMinutes, minDurationMinutes, plate, powerOffAt, radiusMeters, reason, reportedBy,
                    sharpness, silentMinutes, timeoutMinutes);
        }
    }
}
