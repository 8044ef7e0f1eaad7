package vn.customs.cargowatch.ops.desk;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The desk's sessions, in this process's memory: a signed-in user gets a random session id (the cookie) and a random
 * CSRF token, which every form and API POST must send back ({@code csrf} field or {@code X-CSRF-Token} header). A
 * session ends at sign-out, or {@link #LIFETIME} after sign-in — a shift — whichever comes first; a restart of the
 * desk ends them all. The cookie holds only the id: who the user is, their unit and role are read on the server.
 */
public final class Sessions {

    /** A 12-hour shift (06:00–18:00, 18:00–06:00): signed in for one shift at most. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One signed-in user. */
    public record Session(String id, String user, String csrfToken, Instant expires) {

        /** Whether {@code token} is this session's CSRF token, compared in constant time. */
        public boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    public Session start(String user) {
        Session session = new Session(random(), user, random(), clock.instant().plus(LIFETIME));
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session of id {@code id}, if any. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session != null && !clock.instant().isBefore(session.expires())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of {@code user}: they were disabled. */
    public void endAllOf(String user) {
        sessions.values().removeIf(session -> session.user().equals(user));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
