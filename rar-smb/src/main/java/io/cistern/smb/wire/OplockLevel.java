package io.cistern.smb.wire;

/**
 * The OplockLevel values of [MS-SMB2] 2.2.13 (CREATE request), 2.2.14 (CREATE response) and 2.2.23.1 to 2.2.25.1
 * (oplock break notification, acknowledgment and response), and the lease state bits of 2.2.13.2.8 and 2.2.23.2.
 */
public final class OplockLevel {
    public static final int NONE = 0x00;
    public static final int II = 0x01;
    public static final int EXCLUSIVE = 0x08;
    public static final int BATCH = 0x09;
    /** The open asks for (or holds) a lease, described by its create context. */
    public static final int LEASE = 0xFF;

    /** SMB2_LEASE_READ_CACHING. */
    public static final int LEASE_READ = 0x01;
    /** SMB2_LEASE_HANDLE_CACHING. */
    public static final int LEASE_HANDLE = 0x02;
    /** SMB2_LEASE_WRITE_CACHING. */
    public static final int LEASE_WRITE = 0x04;

    private OplockLevel() {
    }

    /** Whether {@code level} lets its holder cache writes: only EXCLUSIVE and BATCH, the levels a break asks back. */
    public static boolean exclusive(int level) {
        return level == EXCLUSIVE || level == BATCH;
    }
}
