package vn.customs.cargowatch.model;

import java.time.Instant;

/** A record with an event time: when what it reports happened ({@code ts} of the contract). */
public interface Timed {

    Instant ts();
}
