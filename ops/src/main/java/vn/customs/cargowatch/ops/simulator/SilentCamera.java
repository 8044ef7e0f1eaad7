package vn.customs.cargowatch.ops.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * A gate recognition camera staged to fall silent mid-day (1572 §II.1.8): it sent {@code lastSeen}, then
 * nothing until {@code resumedAt}, about two hours later, while the rest of the ICD kept working.
 */
public record SilentCamera(String icdCode, String gateId, String cameraId, Instant lastSeen, Instant resumedAt) {

    public Duration silence() {
        return Duration.between(lastSeen, resumedAt);
    }
}
