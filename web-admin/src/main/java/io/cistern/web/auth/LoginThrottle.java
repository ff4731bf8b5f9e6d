package io.cistern.web.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds failed logins per client address: after {@value #MAX_FAILURES} failures within {@link #WINDOW}, the address
 * is refused until the window ends, even with the right password (or the refusal would still answer guesses). Kept
 * in memory: a restart forgets it, which costs an attacker a restart of the server, not of their own.
 */
@ApplicationScoped
public class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Addresses remembered at most; beyond it, windows that ended are dropped first. */
    private static final int MAX_ADDRESSES = 100_000;

    private record Failures(Instant windowStart, int count) {
    }

    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds until {@code address} may try again, or empty when it may now. */
    public OptionalLong refusedForSeconds(String address) {
        Failures failures = byAddress.get(address);
        Instant now = clock.instant();
        if (failures == null || failures.count() < MAX_FAILURES) {
            return OptionalLong.empty();
        }
        Instant end = failures.windowStart().plus(WINDOW);
        if (!now.isBefore(end)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, Duration.between(now, end).toSeconds()));
    }

    public void failed(String address) {
        Instant now = clock.instant();
        if (byAddress.size() >= MAX_ADDRESSES) {
            byAddress.values().removeIf(f -> !now.isBefore(f.windowStart().plus(WINDOW)));
        }
        byAddress.merge(address, new Failures(now, 1), (old, first) ->
                now.isBefore(old.windowStart().plus(WINDOW)) ? new Failures(old.windowStart(), old.count() + 1) : first);
    }
}
