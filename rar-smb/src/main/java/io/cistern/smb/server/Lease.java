package io.cistern.smb.server;

import io.cistern.smb.wire.OplockLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One lease of [MS-SMB2] 3.3.1.13 (Per Lease, the parts in use): the client's GUID and LeaseKey that name it, the
 * file it is on, its LeaseState, Epoch (SMB 3.x) and version, the ParentLeaseKey a version 2 request gave, the opens
 * that share it, and the break in progress. Guarded by the {@link SharedFileRegistry}'s lock.
 */
final class Lease {
    final UUID clientGuid;
    private final byte[] key;
    /** ParentLeaseKey of a version 2 request; null for version 1. */
    private final byte[] parentKey;
    final boolean v2;
    final long fileNumber;
    final List<SmbOpen> opens = new ArrayList<>();
    int state;
    int epoch;
    /** The break sent and not yet acknowledged, or null. */
    PendingBreak breaking;

    Lease(UUID clientGuid, byte[] key, byte[] parentKey, long fileNumber, int state, int epoch) {
        this.clientGuid = clientGuid;
        this.key = key.clone();
        this.parentKey = parentKey == null ? null : parentKey.clone();
        this.v2 = parentKey != null;
        this.fileNumber = fileNumber;
        this.state = state;
        this.epoch = epoch;
    }

    byte[] key() {
        return key.clone();
    }

    byte[] parentKey() {
        return parentKey == null ? null : parentKey.clone();
    }

    boolean named(UUID guid, byte[] leaseKey) {
        return clientGuid.equals(guid) && Arrays.equals(key, leaseKey);
    }

    boolean caches(int bits) {
        return (state & bits) != 0;
    }

    /**
     * The state a request may be granted ([MS-SMB2] 3.3.5.9.8): R, RH, RW and RWH are leases; anything else (H or W
     * without R, or unknown bits) is none.
     */
    static int validState(int requested) {
        int known = requested & (OplockLevel.LEASE_READ | OplockLevel.LEASE_HANDLE | OplockLevel.LEASE_WRITE);
        return known == requested && (known & OplockLevel.LEASE_READ) != 0 ? known : 0;
    }

    /** "RWH" and the like, for messages. */
    static String name(int state) {
        return ((state & OplockLevel.LEASE_READ) != 0 ? "R" : "") + ((state & OplockLevel.LEASE_WRITE) != 0 ? "W" : "")
                + ((state & OplockLevel.LEASE_HANDLE) != 0 ? "H" : "");
    }

    @Override
    public String toString() {
        return "Lease[" + clientGuid + ", " + name(state) + ", epoch " + epoch + ", " + opens.size() + " opens]";
    }
}
