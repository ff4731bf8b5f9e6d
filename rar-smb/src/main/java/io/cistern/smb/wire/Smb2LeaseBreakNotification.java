package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * SMB2 Lease Break Notification, [MS-SMB2] 2.2.23.2: 44 bytes, StructureSize, NewEpoch (3.x; 0 for 2.1), Flags
 * ({@link #ACK_REQUIRED}), the LeaseKey, CurrentLeaseState, NewLeaseState, and BreakReason, AccessMaskHint and
 * ShareMaskHint, which are reserved (zero).
 */
public record Smb2LeaseBreakNotification(int newEpoch, int flags, byte[] leaseKey, int currentLeaseState,
                                         int newLeaseState) {
    public static final int STRUCTURE_SIZE = 44;
    /** SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED: the client must answer with a Lease Break Acknowledgment. */
    public static final int ACK_REQUIRED = 0x01;

    public Smb2LeaseBreakNotification {
        leaseKey = checkedKey(leaseKey);
    }

    static byte[] checkedKey(byte[] key) {
        if (key.length != Smb2CreateLease.KEY_SIZE) {
            throw new IllegalArgumentException("a lease key has 16 bytes, not " + key.length);
        }
        return key.clone();
    }

    @Override
    public byte[] leaseKey() {
        return leaseKey.clone();
    }

    public static Smb2LeaseBreakNotification decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("lease break notification StructureSize " + structureSize + ", expected 44");
        }
        int epoch = in.readUInt16();
        int flags = in.readInt32();
        byte[] key = in.readBytes(Smb2CreateLease.KEY_SIZE);
        int current = in.readInt32();
        int next = in.readInt32();
        in.skip(12);                                   // BreakReason, AccessMaskHint, ShareMaskHint
        return new Smb2LeaseBreakNotification(epoch, flags, key, current, next);
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(newEpoch);
        out.writeIntLE(flags);
        out.writeBytes(leaseKey);
        out.writeIntLE(currentLeaseState);
        out.writeIntLE(newLeaseState);
        out.writeZero(12);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2LeaseBreakNotification that && newEpoch == that.newEpoch && flags == that.flags
                && Arrays.equals(leaseKey, that.leaseKey) && currentLeaseState == that.currentLeaseState
                && newLeaseState == that.newLeaseState;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(leaseKey) * 31 + newLeaseState;
    }
}
