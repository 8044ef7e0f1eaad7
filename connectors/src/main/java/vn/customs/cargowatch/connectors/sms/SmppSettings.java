package vn.customs.cargowatch.connectors.sms;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Where the SMSC is, who we are to it, and how patiently we send.
 *
 * @param host the SMSC's address
 * @param port its SMPP port (2775 by convention)
 * @param systemId the account the operator gave us
 * @param password with {@code systemId}; never written in a configuration file
 * @param systemType the ESME type the operator may ask for; empty when none
 * @param sourceAddress the sender the phone shows: a short code or number, or letters (a brand name such as
 *     {@code HaiQuan}, up to 11)
 * @param bindTimeout connecting and binding fail after this
 * @param responseTimeout a submit the SMSC does not answer within this counts as a dropped link
 * @param enquireLinkInterval an idle link is probed this often, so that a dead one is noticed before an alert
 *     needs it and NAT or firewalls do not close it
 * @param initialBackoff the wait before the first retry of a throttled segment or a re-bind; each further retry
 *     doubles it
 * @param maxBackoff the longest wait between two attempts
 * @param maxAttempts how many times one segment is tried (first attempt included) before the message fails as
 *     transient
 */
public record SmppSettings(
        String host,
        int port,
        String systemId,
        String password,
        String systemType,
        String sourceAddress,
        Duration bindTimeout,
        Duration responseTimeout,
        Duration enquireLinkInterval,
        Duration initialBackoff,
        Duration maxBackoff,
        int maxAttempts) implements Serializable {

    public static final Duration DEFAULT_BIND_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_ENQUIRE_LINK_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** 0.5 + 1 + 2 + 4 + 8 + 16 + 30 s: a message gives up after about a minute of throttling or outage. */
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    public SmppSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no SMSC host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        if (systemId == null || systemId.isBlank() || systemId.length() > 15) {
            throw new IllegalArgumentException("'" + systemId + "' is not an SMPP system id (1 to 15 characters)");
        }
        password = password == null ? "" : password;
        systemType = systemType == null ? "" : systemType;
        if (sourceAddress == null || sourceAddress.isBlank() || sourceAddress.length() > 20) {
            throw new IllegalArgumentException("'" + sourceAddress + "' is not a source address (1 to 20 characters)");
        }
        for (Duration duration : List.of(bindTimeout, responseTimeout, enquireLinkInterval, initialBackoff,
                maxBackoff)) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("timeouts and back-offs must be positive, not " + duration);
            }
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff "
                    + initialBackoff);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
    }

    /** The default timeouts and back-off. */
    public static SmppSettings of(String host, int port, String systemId, String password, String sourceAddress) {
        return new SmppSettings(host, port, systemId, password, "", sourceAddress, DEFAULT_BIND_TIMEOUT,
                DEFAULT_RESPONSE_TIMEOUT, DEFAULT_ENQUIRE_LINK_INTERVAL, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF,
                DEFAULT_MAX_ATTEMPTS);
    }

    public SmppSettings withBackoff(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
        return new SmppSettings(host, port, systemId, password, systemType, sourceAddress, bindTimeout,
                responseTimeout, enquireLinkInterval, initialBackoff, maxBackoff, maxAttempts);
    }

    public SmppSettings withTimeouts(Duration bindTimeout, Duration responseTimeout, Duration enquireLinkInterval) {
        return new SmppSettings(host, port, systemId, password, systemType, sourceAddress, bindTimeout,
                responseTimeout, enquireLinkInterval, initialBackoff, maxBackoff, maxAttempts);
    }

    /** The wait before attempt {@code attempt + 1} after {@code attempt} failed: doubling, capped. */
    public Duration backoff(int attempt) {
        return Backoff.after(attempt, initialBackoff, maxBackoff);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SmppSettings[host=" + host + ", port=" + port + ", systemId=" + systemId + ", password="
                + (password.isEmpty() ? "none" : "***") + ", systemType=" + systemType + ", sourceAddress="
                + sourceAddress + ", bindTimeout=" + bindTimeout + ", responseTimeout=" + responseTimeout
                + ", enquireLinkInterval=" + enquireLinkInterval + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", maxAttempts=" + maxAttempts + "]";
    }
}
