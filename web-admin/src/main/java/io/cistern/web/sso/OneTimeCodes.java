package io.cistern.web.sso;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The short-lived codes that carry a finished single sign-on from the callback to the console's exchange: 32 random
 * bytes, valid {@link #LIFETIME}, usable once, held in memory only as their SHA-256 (a restart drops them: the user
 * signs in again). The code travels in an HttpOnly cookie, never in a URL.
 */
@ApplicationScoped
public class OneTimeCodes {
    /** Long enough for the console to load and post it, short enough that a left-over cookie is soon useless. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;

    /** Whose login a code stands for and when it stops being accepted. */
    private record Pending(String username, Instant expiresAt) {
    }

    public OneTimeCodes() {
        this(Clock.systemUTC());
    }

    OneTimeCodes(Clock clock) {
        this.clock = clock;
    }

    /** A new code for {@code username}'s login; forgets codes that have expired on the way. */
    public String issue(String username) {
        Instant now = clock.instant();
        pending.values().removeIf(entry -> entry.expiresAt().isBefore(now));
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(hash(code), new Pending(username, now.plus(LIFETIME)));
        return code;
    }

    /** The username the code was issued for, once; empty when unknown, used already or expired. */
    public Optional<String> redeem(String code) {
        if (code == null || code.isEmpty()) {
            return Optional.empty();
        }
        Pending entry = pending.remove(hash(code));
        if (entry == null || entry.expiresAt().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.username());
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
