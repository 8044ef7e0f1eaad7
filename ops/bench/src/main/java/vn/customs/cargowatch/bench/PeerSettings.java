package vn.customs.cargowatch.bench;

import java.time.Duration;

/**
 * The thresholds of the five seal rules (3740 §I.8), at the pipeline's defaults ({@code jobs/config/Keys}): the peer
 * is compared with a replay that runs without a configuration file.
 */
record PeerSettings(
        double corridorMeters,
        Duration wrongRouteMinDuration,
        double stopRadiusMeters,
        double stopMaxSpeedKmh,
        Duration stopMaxDuration,
        Duration signalLostTimeout,
        Duration notArrivedGrace) {

    static final PeerSettings DEFAULTS = new PeerSettings(500, Duration.ofMinutes(2), 100, 5, Duration.ofMinutes(90),
            Duration.ofMinutes(15), Duration.ofMinutes(30));
}
