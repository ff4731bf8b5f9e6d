package io.cistern.nfs.nsm;

import java.time.Clock;
import java.time.Instant;

/**
 * This server's NSM state number (XNFS chapter 11): odd while the host is up, and larger after every restart, so
 * that a client comparing numbers can tell that the server restarted and its locks are gone.
 * <p>
 * Kept in memory only, for now: statd keeps it in a file and adds 2 at each start. Without a file, the number is
 * taken from the clock at activation (odd seconds since 2020), which also grows from one start to the next as long
 * as the clock does not go back. The application side is to own the persistent number together with the list of
 * client hosts that SM_NOTIFY has to reach after a restart.
 */
public final class NsmState {
    private static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    private final int number;

    private NsmState(int number) {
        this.number = number;
    }

    public static NsmState fromClock(Clock clock) {
        long seconds = Math.max(0, clock.instant().getEpochSecond() - EPOCH.getEpochSecond());
        return new NsmState((int) Math.min(Integer.MAX_VALUE, seconds) | 1);
    }

    /** A fixed number, for tests; must be odd: even means "down", which this server never says of itself. */
    public static NsmState of(int number) {
        if ((number & 1) == 0) {
            throw new IllegalArgumentException("an NSM state number of a running host is odd, not " + number);
        }
        return new NsmState(number);
    }

    public int number() {
        return number;
    }
}
