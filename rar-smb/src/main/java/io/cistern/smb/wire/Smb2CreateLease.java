package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * The data of the "RqLs" create context: SMB2_CREATE_REQUEST_LEASE ([MS-SMB2] 2.2.13.2.8, 32 bytes: LeaseKey,
 * LeaseState, LeaseFlags, LeaseDuration) or SMB2_CREATE_REQUEST_LEASE_V2 (2.2.13.2.10, 52 bytes: also
 * ParentLeaseKey and Epoch), and the same layouts answered in the CREATE response (2.2.14.2.10, 2.2.14.2.11). The
 * version is told by the data's length. {@code parentLeaseKey} is null for version 1.
 */
public record Smb2CreateLease(byte[] leaseKey, int leaseState, int flags, byte[] parentLeaseKey, int epoch) {
    public static final String CONTEXT_NAME = "RqLs";
    public static final int KEY_SIZE = 16;
    public static final int V1_SIZE = 32;
    public static final int V2_SIZE = 52;
    /** SMB2_LEASE_FLAG_BREAK_IN_PROGRESS (response only). */
    public static final int FLAG_BREAK_IN_PROGRESS = 0x02;
    /** SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET (version 2 only). */
    public static final int FLAG_PARENT_LEASE_KEY_SET = 0x04;

    public Smb2CreateLease {
        leaseKey = Smb2LeaseBreakNotification.checkedKey(leaseKey);
        parentLeaseKey = parentLeaseKey == null ? null : Smb2LeaseBreakNotification.checkedKey(parentLeaseKey);
    }

    @Override
    public byte[] leaseKey() {
        return leaseKey.clone();
    }

    @Override
    public byte[] parentLeaseKey() {
        return parentLeaseKey == null ? null : parentLeaseKey.clone();
    }

    /** Whether this is SMB2_CREATE_REQUEST_LEASE_V2 (or its response). */
    public boolean v2() {
        return parentLeaseKey != null;
    }

    /** A context's data of 32 or 52 bytes; any other length is not a lease request. */
    public static Smb2CreateLease decode(byte[] data) throws SmbWireException {
        if (data.length != V1_SIZE && data.length != V2_SIZE) {
            throw new SmbWireException("a lease context of " + data.length + " bytes, expected 32 or 52");
        }
        WireReader in = new WireReader(Unpooled.wrappedBuffer(data));
        byte[] key = in.readBytes(KEY_SIZE);
        int state = in.readInt32();
        int flags = in.readInt32();
        in.skip(8);                                    // LeaseDuration
        if (data.length == V1_SIZE) {
            return new Smb2CreateLease(key, state, flags, null, 0);
        }
        byte[] parent = in.readBytes(KEY_SIZE);
        int epoch = in.readUInt16();
        return new Smb2CreateLease(key, state, flags, parent, epoch);
    }

    public byte[] encode() {
        ByteBuf out = Unpooled.buffer(v2() ? V2_SIZE : V1_SIZE);
        out.writeBytes(leaseKey);
        out.writeIntLE(leaseState);
        out.writeIntLE(flags);
        out.writeLongLE(0);
        if (v2()) {
            out.writeBytes(parentLeaseKey);
            out.writeShortLE(epoch);
            out.writeShortLE(0);
        }
        return Arrays.copyOf(out.array(), out.writerIndex());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2CreateLease that && Arrays.equals(leaseKey, that.leaseKey)
                && leaseState == that.leaseState && flags == that.flags
                && Arrays.equals(parentLeaseKey, that.parentLeaseKey) && epoch == that.epoch;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(leaseKey) * 31 + leaseState;
    }
}
