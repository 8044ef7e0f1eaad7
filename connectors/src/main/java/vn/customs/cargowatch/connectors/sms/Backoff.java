package vn.customs.cargowatch.connectors.sms;

import java.time.Duration;

/**
 * The wait between attempts at an SMS, for the SMPP sender's segments and the sink's messages alike: {@code first}
 * after the first failure, doubling after each further one, capped at {@code max}.
 */
final class Backoff {

    private Backoff() {}

    /** The wait before attempt {@code attempt + 1} after {@code attempt} (from 1) failed. */
    static Duration after(int attempt, Duration first, Duration max) {
        Duration wait = first;
        for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
