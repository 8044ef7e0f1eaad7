package vn.customs.cargowatch.ops.demo;

import java.time.Duration;
import vn.customs.cargowatch.model.Alert;
import vn.customs.cargowatch.model.AlertType;
import vn.customs.cargowatch.model.GateMatch;
import vn.customs.cargowatch.model.Times;

/** One readable console line per alert emission or gate decision, in Vietnam time, for the demo. */
public final class AlertLines {

    private AlertLines() {}

    public static String of(Alert alert) {
        StringBuilder line = new StringBuilder();
        if (alert.endTs() == null) {
            line.append(Times.vietnamTime(alert.detectedAt())).append("  ALERT  ");
        } else {
            line.append(Times.vietnamTime(alert.endTs())).append("  ended  ");
        }
        line.append(String.format("%-22s %-12s", alert.type(), alert.containerNo() == null ? "-" : alert.containerNo()));
        if (alert.lat() == null && alert.details().icdCode() != null) {
            line.append(" at ").append(alert.details().icdCode()).append(' ')
                    .append(alert.details().cameraId() != null ? alert.details().cameraId() : alert.details().gateId());
        }
        if (alert.type() == AlertType.CAMERA_DEGRADED && alert.details().reason() != null) {
            // what the images show decides what the officer does: clean the lens, fix the lamp, restart the server
            line.append(' ').append(alert.details().reason());
        }
        if (alert.lat() != null) {
            line.append(String.format(" at %.4f,%.4f", alert.lat(), alert.lon()));
        }
        if (alert.endTs() != null) {
            line.append(" after ").append(minutes(Duration.between(alert.startTs(), alert.endTs())));
        } else {
            line.append(" since ").append(Times.vietnamTime(alert.startTs()).substring(11));
            if (alert.nearestOffice() != null) {
                line.append(String.format(" | nearest: %s (%.1f km)", alert.nearestOffice().name(),
                        alert.nearestOffice().distanceKm()));
            }
        }
        return line.append(" [").append(alert.alertId(), 0, 8).append(']').toString();
    }

    /** One line per gate decision: what the camera saw, what the documents say, what the barrier does. */
    public static String of(GateMatch match) {
        return String.format("%s  GATE   %-3s %-14s %-12s %-11s %-15s → %s%s", Times.vietnamTime(match.ts()),
                match.direction(), match.icdCode(), match.containerNo() == null ? "?" : match.containerNo(),
                match.plate() == null ? "?" : match.plate(), match.result(), match.barrier(),
                match.result() == GateMatch.Result.MATCHED ? "" : "  (" + match.reasons().get(0) + ")");
    }

    private static String minutes(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
    }
}
