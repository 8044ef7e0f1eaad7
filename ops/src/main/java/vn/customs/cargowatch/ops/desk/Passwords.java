package vn.customs.cargowatch.ops.desk;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Password hashes: bcrypt (Spring Security's {@link BCryptPasswordEncoder}, cost 12, about a quarter of a second on
 * the desk's machine: slow for someone guessing from a stolen users file, quick enough for a sign-in).
 *
 * <p>An unknown user is checked against a hash all the same, so that a wrong name takes as long to refuse as a wrong
 * password, and the time of an answer does not tell which names exist.
 */
public final class Passwords {

    static final int COST = 12;

    private final BCryptPasswordEncoder encoder;
    private final String decoy;

    public Passwords() {
        this(COST);
    }

    /** A lower cost for tests, which hash many passwords. */
    Passwords(int cost) {
        encoder = new BCryptPasswordEncoder(cost);
        decoy = encoder.encode("no user has this password");
    }

    public String hash(CharSequence password) {
        return encoder.encode(password);
    }

    /** Whether {@code password} is the one {@code hash} was made of; a null hash (no such user) never matches. */
    public boolean matches(CharSequence password, String hash) {
        boolean matches = encoder.matches(password, hash == null ? decoy : hash);
        return hash != null && matches;
    }
}
