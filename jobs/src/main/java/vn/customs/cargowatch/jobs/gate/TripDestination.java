package vn.customs.cargowatch.jobs.gate;

import java.time.Instant;

/** A GPS-sealed trip headed for an ICD (or no longer: {@code active} false), as the ICD's gates need it. */
public record TripDestination(String tripId, String imei, String containerNo, String icdCode, boolean active,
        Instant ts) {}
