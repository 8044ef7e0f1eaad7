package vn.customs.cargowatch.ops.simulator;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Times;

/**
 * A gate camera staged to send useless images for a while (1572 §I.4.1, §II.1.8): it keeps reading trucks, but
 * {@link #IMAGES} images in a row (the night fault: until the day ends) show nothing an officer can use, then good
 * images return. CAMERA_DEGRADED needs
 * {@code camera.degradedAfter} (5) failing images in a row, so each fault is raised within the day and all but the night
 * without infrared end within it.
 *
 * @param eventIds   the recognitions whose images are bad, in time order
 * @param recoveredBy the first recognition of the camera with a good image again; null for the night without infrared,
 *                    which lasts until the day's end (the camera still on "check by hand" when the day ends)
 */
public record CameraFault(
        String icdCode, String gateId, String cameraId, Kind kind, List<String> eventIds, Instant from, Instant until,
        String recoveredBy) {

    /** What went wrong with the camera. */
    public enum Kind {
        /** The infrared lamp is out after nightfall: nearly black images (mean grey under 10). */
        NIGHT_WITHOUT_INFRARED,
        /** A bag over the lens: a dim, uniform image without an edge. */
        COVERED_LENS,
        /** Out of focus after maintenance: a strong blur. */
        BLURRED,
        /** The video server repeats the image before the fault byte for byte while the reads go on. */
        FROZEN
    }

    /** Bad images in a row: more than the 5 that raise CAMERA_DEGRADED, so one late image does not hide it. */
    static final int IMAGES = 6;
    /** Good images a fault must leave after it, for the alert's end to be seen within the day. */
    private static final int GOOD_AFTER = 2;

    /** When each fault starts, Vietnam time, on a camera that neither falls silent nor faces another fault. */
    private record Staged(Site icd, Recognition.Direction direction, Kind kind, LocalTime from) {}

    private static final List<Staged> STAGED = List.of(
            new Staged(Site.ICD_LONG_BIEN, Recognition.Direction.IN, Kind.BLURRED, LocalTime.of(9, 30)),
            new Staged(Site.ICD_GIA_LAM, Recognition.Direction.IN, Kind.COVERED_LENS, LocalTime.of(11, 0)),
            new Staged(Site.ICD_LONG_BIEN, Recognition.Direction.OUT, Kind.FROZEN, LocalTime.of(13, 30)),
            new Staged(Site.ICD_MY_DINH, Recognition.Direction.IN, Kind.NIGHT_WITHOUT_INFRARED, LocalTime.of(17, 45)));

    /**
     * The faults of a day's recognitions (in time order): each staged fault takes its camera's {@link #IMAGES}
     * recognitions from its time on, and is left out when fewer than that and {@link #GOOD_AFTER} remain (a day
     * whose input ends before nightfall has no night fault). A function of the recognitions only: staging draws no
     * random number, so the records of a seed stay as they were.
     */
    static List<CameraFault> stage(List<Recognition> recognitions) {
        Map<String, List<Recognition>> byCamera = new LinkedHashMap<>();
        recognitions.forEach(read -> byCamera.computeIfAbsent(read.cameraId(), id -> new ArrayList<>()).add(read));
        List<CameraFault> faults = new ArrayList<>();
        for (Staged staged : STAGED) {
            GateTraffic.Camera camera = GateTraffic.camera(staged.icd(), staged.direction());
            List<Recognition> reads = byCamera.getOrDefault(camera.cameraId(), List.of());
            int first = 0;
            while (first < reads.size() && localTime(reads.get(first).ts()).isBefore(staged.from())) {
                first++;
            }
            // the lamp stays out for the rest of the night: the day ends with that camera still to check by hand
            boolean untilDayEnd = staged.kind() == Kind.NIGHT_WITHOUT_INFRARED;
            if (first == 0 || first + IMAGES + (untilDayEnd ? 0 : GOOD_AFTER) > reads.size()) {
                continue;
            }
            List<Recognition> bad = reads.subList(first, untilDayEnd ? reads.size() : first + IMAGES);
            faults.add(new CameraFault(camera.icd().icdCode, camera.gateId(), camera.cameraId(), staged.kind(),
                    bad.stream().map(Recognition::eventId).toList(), bad.get(0).ts(), bad.get(bad.size() - 1).ts(),
                    untilDayEnd ? null : reads.get(first + IMAGES).eventId()));
        }
        return List.copyOf(faults);
    }

    private static LocalTime localTime(Instant t) {
        return ZonedDateTime.ofInstant(t, Times.VIETNAM).toLocalTime();
    }
}
