package vn.customs.cargowatch.jobs.gate;

import java.time.Instant;
import vn.customs.cargowatch.model.Alert;

/** When a gate camera last sent a recognition, and its CAMERA_SILENT alert while it is silent. */
public record CameraWatch(String icdCode, String gateId, String cameraId, Instant lastSeen, Alert silentAlert) {}
