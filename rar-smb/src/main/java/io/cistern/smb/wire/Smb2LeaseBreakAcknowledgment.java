package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The 36-byte body shared by the SMB2 Lease Break Acknowledgment ([MS-SMB2] 2.2.24.2, client to server: the state
 * the client keeps) and the Lease Break Response (2.2.25.2, the state the server agrees to): StructureSize 36,
 * Reserved, Flags (reserved, zero), the LeaseKey, the LeaseState and LeaseDuration (reserved, zero).
 */
public record Smb2LeaseBreakAcknowledgment(byte[] leaseKey, int leaseState) {
    public static final int STRUCTURE_SIZE = 36;

    public Smb2LeaseBreakAcknowledgment {
        leaseKey = Smb2LeaseBreakNotification.checkedKey(leaseKey);
    }

    @Override
    public byte[] leaseKey() {
        return leaseKey.clone();
    }

    public static Smb2LeaseBreakAcknowledgment decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("lease break acknowledgment StructureSize " + structureSize + ", expected 36");
        }
        in.skip(2 + 4);                                // Reserved, Flags
        byte[] key = in.readBytes(Smb2CreateLease.KEY_SIZE);
        int state = in.readInt32();
        in.skip(8);                                    // LeaseDuration
        return new Smb2LeaseBreakAcknowledgment(key, state);
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(0);
        out.writeIntLE(0);
        out.writeBytes(leaseKey);
        out.writeIntLE(leaseState);
        out.writeLongLE(0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2LeaseBreakAcknowledgment that && Arrays.equals(leaseKey, that.leaseKey)
                && leaseState == that.leaseState;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(leaseKey) * 31 + leaseState;
    }
}
