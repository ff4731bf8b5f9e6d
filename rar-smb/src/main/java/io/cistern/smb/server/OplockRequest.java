package io.cistern.smb.server;

import io.cistern.smb.wire.OplockLevel;
import io.cistern.smb.wire.Smb2CreateContext;
import io.cistern.smb.wire.Smb2CreateLease;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.SmbWireException;
import java.util.UUID;

/**
 * What a CREATE asks in caching ([MS-SMB2] 3.3.5.9): its RequestedOplockLevel, and for SMB2_OPLOCK_LEVEL_LEASE on
 * 2.1 or later the "RqLs" context (version 1, or version 2 on 3.x), with the connection's ClientGuid that names the
 * lease. A lease asked on 2.0.2, a lease level without a usable context, or a version 2 context on 2.1 asks nothing.
 * {@code mayWait} is false for a CREATE with more of its compound after it, which cannot go asynchronous
 * ({@link AsyncRequest#begin}): it sends its breaks and goes on without waiting for them (smbtorture
 * smb2.compound.compound-break expects such a CREATE, and the request after it, to succeed). Made on the event loop,
 * where the connection's state is.
 */
record OplockRequest(int level, Smb2CreateLease lease, UUID clientGuid, int dialect, boolean mayWait) {
    static final OplockRequest NONE = new OplockRequest(OplockLevel.NONE, null, null, Smb2Dialect.SMB_2_0_2, true);

    static OplockRequest of(Smb2CreateRequest request, SmbConnectionState state, boolean mayWait) {
        int level = request.requestedOplockLevel();
        int dialect = state.negotiateDialect();
        if (level != OplockLevel.LEASE) {
            boolean known = level == OplockLevel.II || OplockLevel.exclusive(level);
            return new OplockRequest(known ? level : OplockLevel.NONE, null, state.clientGuid(), dialect, mayWait);
        }
        Smb2CreateLease lease = leaseContext(request);
        boolean usable = lease != null && dialect >= Smb2Dialect.SMB_2_1 && state.clientGuid() != null
                && (!lease.v2() || dialect >= Smb2Dialect.SMB_3_0);
        return new OplockRequest(usable ? OplockLevel.LEASE : OplockLevel.NONE, usable ? lease : null,
                state.clientGuid(), dialect, mayWait);
    }

    private static Smb2CreateLease leaseContext(Smb2CreateRequest request) {
        for (Smb2CreateContext context : request.createContexts()) {
            if (Smb2CreateLease.CONTEXT_NAME.equals(context.name())) {
                try {
                    return Smb2CreateLease.decode(context.data());
                } catch (SmbWireException e) {
                    return null;                       // not a lease request: no lease, as if none was asked
                }
            }
        }
        return null;
    }

    boolean wantsLease() {
        return lease != null;
    }
}
