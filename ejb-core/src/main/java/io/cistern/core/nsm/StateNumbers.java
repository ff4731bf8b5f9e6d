package io.cistern.core.nsm;

import java.time.Instant;

/**
 * The rule for this server's NSM state numbers: odd while it is up (XNFS: even means down), and larger after every
 * start, so that a client comparing numbers sees that the server restarted.
 */
final class StateNumbers {
    /** Where the count of seconds of the first number starts. */
    private static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    private StateNumbers() {
    }

    /**
     * The number of the first start that keeps one: odd seconds since 2020. Linux statd starts at 3, but Cistern
     * took its number from that clock before it kept one, so an installation that clients already know never goes
     * back below what they saw. At 2 per start from there (about 2 * 10^8 in 2026), it takes some 10^9 starts to run
     * out of int.
     */
    static int first(Instant now) {
        long seconds = Math.max(0, now.getEpochSecond() - EPOCH.getEpochSecond());
        return (int) Math.min(Integer.MAX_VALUE, seconds) | 1;
    }

    /** The number after {@code previous}, as statd's nsm_get_state takes it: an even one is made odd, then 2 more. */
    static int after(int previous) {
        return (previous | 1) + 2;
    }
}
