package io.cistern.smb.wire;

import java.time.Instant;

/**
 * FILETIME, [MS-DTYP] 2.3.3: the number of 100-nanosecond intervals since 1601-01-01 00:00 UTC, carried
 * as a 64-bit little-endian integer in SMB2.
 */
public final class FileTime {
    /** Seconds from 1601-01-01 to 1970-01-01. */
    private static final long EPOCH_DIFFERENCE_SECONDS = 11_644_473_600L;
    private static final long INTERVALS_PER_SECOND = 10_000_000L;

    private FileTime() {
    }

    public static long fromInstant(Instant instant) {
        long seconds = Math.addExact(instant.getEpochSecond(), EPOCH_DIFFERENCE_SECONDS);
        return Math.addExact(Math.multiplyExact(seconds, INTERVALS_PER_SECOND), instant.getNano() / 100);
    }

    public static Instant toInstant(long fileTime) {
        long seconds = Math.floorDiv(fileTime, INTERVALS_PER_SECOND) - EPOCH_DIFFERENCE_SECONDS;
        long nanos = Math.floorMod(fileTime, INTERVALS_PER_SECOND) * 100;
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
