package vn.customs.cargowatch.model;

import java.time.Instant;

/**
 * {@code yard.inventory}: a container inside an ICD's yard (1572 §II.2.2.b.2: containers in minus out).
 * {@code op} UPSERT when it entered, REMOVE when it left; {@code ts} is when that happened.
 */
public record YardEntry(String icdCode, String containerNo, Instant inSince, String declarationNo, Op op, Instant ts) {

    public enum Op { UPSERT, REMOVE }
}
