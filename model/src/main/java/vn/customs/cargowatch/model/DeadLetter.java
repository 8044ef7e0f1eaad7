package vn.customs.cargowatch.model;

import java.time.Instant;

/** {@code deadletter}: a record that could not be used, kept as received with the reason. */
public record DeadLetter(String topic, String reason, String payload, Instant ts) {}
