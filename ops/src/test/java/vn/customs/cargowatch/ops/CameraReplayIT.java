package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.at;
import static vn.customs.cargowatch.jobs.seal.TripFixtures.offices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.CameraIncident;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.Recognition.Direction;
import vn.customs.cargowatch.model.Topic;
import vn.customs.cargowatch.ops.simulator.CameraFault;
import vn.customs.cargowatch.ops.simulator.GateImages;

/**
 * Camera health end to end (issue 15; 1572 §I.4.1, §II.1.8): {@code cargowatch replay} of one gate whose three cameras
 * send real JPEG photos of trucks leaving, one a minute for 40 minutes — one good throughout (with a missing file and a file that is not
 * an image among its photos), one black for 20 photos, one frozen from its 10th photo on while the trucks go on. It
 * must give exactly one CAMERA_DEGRADED episode per bad camera, BLACK ended when good photos return and FROZEN still
 * open at the end, with their incidents in {@code cameras.incidents}; the same at parallelism 2; and the gate alerts'
 * photos as evidence.
 */
class CameraReplayIT {

    private static final String ICD = "ICDGL";
    private static final String GATE = ICD + "-G1";
    private static final String GOOD = GATE + "-CAM-GOOD";
    private static final String BLACK = GATE + "-CAM-BLACK";
    private static final String FROZEN = GATE + "-CAM-FROZEN";
    private static final int PHOTOS = 40;

    @TempDir
    Path work;

    private static Recognition read(String camera, int minute, String imageUri) {
        return new Recognition(camera + "-" + minute, ICD, GATE, null, camera, Direction.OUT, at(minute),
                GateReplayIT.container(List.of(GOOD, BLACK, FROZEN).indexOf(camera) * 100 + minute), null,
                "29C-" + (100 + minute) + ".45", 0.95, null, imageUri);
    }

    @Test
    void shouldRaiseOneEpisodePerBadCameraWithItsIncidentAtAnyParallelismAndKeepTheGateAlertsPhotos()
            throws Exception {
        InputFolder input = new InputFolder();
        offices().forEach(office -> input.add(Topic.CUSTOMS_OFFICES, office));
        GateImages camera = new GateImages(7);
        Map<String, byte[]> photos = new LinkedHashMap<>();
        for (int minute = 0; minute < PHOTOS; minute++) {
            for (String cameraId : List.of(GOOD, BLACK, FROZEN)) {
                String uri = GateImages.uriOf(cameraId + "-" + minute);
                if (cameraId.equals(GOOD) && minute == 20) {
                    uri = GateImages.FOLDER + "/nowhere.jpg";
                }
                Recognition read = read(cameraId, minute, uri);
                input.add(Topic.CAMERA_RECOGNITIONS, read);
                boolean black = cameraId.equals(BLACK) && minute >= 10 && minute < 30;
                byte[] photo = cameraId.equals(FROZEN) && minute >= 10 ? photos.get(FROZEN + "-9")
                        : camera.photo(read, read.containerNo(), null,
                                black ? CameraFault.Kind.NIGHT_WITHOUT_INFRARED : null);
                if (cameraId.equals(GOOD) && minute == 21) {
                    photo = "not a JPEG at all".getBytes();
                }
                photos.put(read.eventId(), photo);
            }
        }
        Path in = input.writeTo(work.resolve("in"));
        Files.createDirectories(in.resolve(GateImages.FOLDER));
        for (Map.Entry<String, byte[]> photo : photos.entrySet()) {
            Files.write(in.resolve(GateImages.uriOf(photo.getKey())), photo.getValue());
        }

        OutputFolder out = replay(in, "out", 1);

        Map<String, Alert> alerts = out.finalAlerts();
        String blackId = Alert.idOf(AlertType.CAMERA_DEGRADED, ICD + "/" + BLACK, at(10));
        String frozenId = Alert.idOf(AlertType.CAMERA_DEGRADED, ICD + "/" + FROZEN, at(9));
        assertThat(alerts.values()).filteredOn(alert -> alert.type() == AlertType.CAMERA_DEGRADED)
                .extracting(Alert::alertId, alert -> alert.details().cameraId(), alert -> alert.details().reason(),
                        Alert::startTs, Alert::endTs)
                .containsExactlyInAnyOrder(
                        tuple(blackId, BLACK, "BLACK", at(10), at(30)),
                        tuple(frozenId, FROZEN, "FROZEN", at(9), null));
        assertThat(alerts.get(blackId).details().images()).isEqualTo(5L);
        assertThat(alerts.get(blackId).details().brightness()).isLessThan(20);
        assertThat(alerts.get(frozenId).details().hashDistance()).isLessThanOrEqualTo(4L);
        assertThat(alerts.values()).as("a replay's end is no camera falling silent")
                .noneMatch(alert -> alert.type() == AlertType.CAMERA_SILENT);

        Map<String, CameraIncident> incidents = new LinkedHashMap<>();
        out.records(Topic.CAMERAS_INCIDENTS).forEach(incident -> incidents.put(incident.incidentId(), incident));
        assertThat(incidents.values())
                .extracting(CameraIncident::incidentId, CameraIncident::kind, CameraIncident::reason,
                        CameraIncident::cameraId, CameraIncident::start, CameraIncident::end,
                        CameraIncident::durationMinutes)
                .containsExactlyInAnyOrder(
                        tuple(blackId, CameraIncident.Kind.DEGRADED, "BLACK", BLACK, at(10), at(30), 20L),
                        tuple(frozenId, CameraIncident.Kind.DEGRADED, "FROZEN", FROZEN, at(9), null, null));
        assertThat(incidents.get(frozenId).open()).as("the frozen camera: check by hand").isTrue();

        // 1572 §II.1.4: every gate alert carries its photo, a thumbnail in evidence/ beside the outputs, but the one
        // whose image is missing and the one whose image is no image
        List<Alert> gateAlerts = alerts.values().stream().filter(alert -> alert.type() == AlertType.NO_DECLARATION)
                .toList();
        assertThat(gateAlerts).as("a truck leaving without a declaration: held").hasSize(3 * PHOTOS);
        for (Alert alert : gateAlerts) {
            String eventId = alert.details().eventId();
            boolean noImage = eventId.equals(GOOD + "-20") || eventId.equals(GOOD + "-21");
            assertThat(alert.details().imageUri()).as(eventId).isEqualTo(
                    eventId.equals(GOOD + "-20") ? GateImages.FOLDER + "/nowhere.jpg" : GateImages.uriOf(eventId));
            if (noImage) {
                assertThat(alert.details().evidence()).as(eventId).isNull();
            } else {
                assertThat(work.resolve("out/evidence").resolve(alert.details().evidence())).as(eventId)
                        .isRegularFile();
            }
        }

        OutputFolder twice = replay(in, "out-p2", 2);
        assertThat(twice.finalAlerts()).as("the same alerts at parallelism 2").isEqualTo(alerts);
        Map<String, CameraIncident> incidentsTwice = new LinkedHashMap<>();
        twice.records(Topic.CAMERAS_INCIDENTS).forEach(incident -> incidentsTwice.put(incident.incidentId(), incident));
        assertThat(incidentsTwice).as("the same incidents at parallelism 2").isEqualTo(incidents);
    }

    private OutputFolder replay(Path in, String name, int parallelism) throws Exception {
        Path config = Files.writeString(work.resolve(name + ".yaml"), "job:\n  parallelism: " + parallelism + "\n");
        Path output = work.resolve(name);
        assertThat(Cargowatch.run("replay", "--input", in.toString(), "--output", output.toString(), "--config",
                config.toString())).isZero();
        return new OutputFolder(output);
    }
}
