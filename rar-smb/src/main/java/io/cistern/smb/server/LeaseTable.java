package io.cistern.smb.server;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * GlobalLeaseTableList of [MS-SMB2] 3.3.1.4, in memory for one listener: every lease by the client's GUID and its
 * LeaseKey, so that a client's opens under one key share one lease and another client's key never meets it. A lease
 * leaves when its last open closes. Guarded by the {@link SharedFileRegistry}'s lock.
 */
final class LeaseTable {
    private record LeaseId(UUID clientGuid, ByteBuffer key) {
    }

    private final Map<LeaseId, Lease> leases = new HashMap<>();

    Lease find(UUID clientGuid, byte[] key) {
        return clientGuid == null ? null : leases.get(id(clientGuid, key));
    }

    void add(Lease lease) {
        leases.put(id(lease.clientGuid, lease.key()), lease);
    }

    void remove(Lease lease) {
        leases.remove(id(lease.clientGuid, lease.key()), lease);
    }

    int size() {
        return leases.size();
    }

    private static LeaseId id(UUID clientGuid, byte[] key) {
        return new LeaseId(clientGuid, ByteBuffer.wrap(key.clone()));
    }
}
