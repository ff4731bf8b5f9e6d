package io.cistern.smb.server;

import io.cistern.smb.auth.NtlmTargetNames;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * What every connection of one listener shares for SESSION_SETUP: the failure throttle, the counters, the names
 * the NTLM CHALLENGE announces, and the clock and randomness the exchange uses.
 *
 * @param targetNames  the server's NetBIOS/DNS names in the CHALLENGE_MESSAGE ([MS-NLMP] 2.2.1.2)
 * @param maxClockSkew how far an NTLMv2 client timestamp may lie from {@code clock}, or null for no check
 */
public record ServerLogonContext(LogonFailureThrottle throttle, SmbSessionStats stats, NtlmTargetNames targetNames,
                                 Clock clock, Duration maxClockSkew, SecureRandom random) {
    /**
     * Fixed names until the installation's own are configurable: NTLMv2 does not authenticate them (a client
     * may show them), so a fixed name costs nothing in security.
     */
    public static final NtlmTargetNames DEFAULT_TARGET_NAMES = new NtlmTargetNames("CISTERN", "WORKGROUP", "", "");
    /** Windows' bound on an NTLMv2 response's age, as the auth package suggests. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(30);

    /** A context with a fresh throttle and counters, the default names and the system clock. */
    public static ServerLogonContext withDefaults() {
        return new ServerLogonContext(LogonFailureThrottle.withDefaults(), new SmbSessionStats(), DEFAULT_TARGET_NAMES,
                Clock.systemUTC(), DEFAULT_MAX_CLOCK_SKEW, new SecureRandom());
    }
}
