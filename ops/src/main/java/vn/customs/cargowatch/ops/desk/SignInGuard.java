package vn.customs.cargowatch.ops.desk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lockout: {@link #FAILURES} failed sign-ins for one user name within {@link #WINDOW} lock that name for
 * {@link #LOCKED}, whatever password comes next, the right one included — a guesser cannot try more than five
 * passwords a quarter of an hour. Counted per name (not per address: guessers change address) and in this process's
 * memory: a restart of the desk forgets the counts, and two desks would count apart (docs/desk.md). A successful
 * sign-in clears the name's failures.
 */
public final class SignInGuard {

    static final int FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCKED = Duration.ofMinutes(15);

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> lockedUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    public SignInGuard(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code name} is locked out now. */
    public boolean locked(String name) {
        Instant until = lockedUntil.get(name);
        if (until == null) {
            return false;
        }
        if (clock.instant().isBefore(until)) {
            return true;
        }
        lockedUntil.remove(name, until);
        return false;
    }

    /** Counts a failed sign-in; returns whether it locked the name. */
    public boolean failed(String name) {
        Instant now = clock.instant();
        Deque<Instant> recent = failures.computeIfAbsent(name, key -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(now);
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
                recent.removeFirst();
            }
            if (recent.size() >= FAILURES) {
                recent.clear();
                lockedUntil.put(name, now.plus(LOCKED));
                return true;
            }
        }
        return false;
    }

    public void succeeded(String name) {
        failures.remove(name);
    }
}
