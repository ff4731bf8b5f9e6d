package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * SMB2 LOCK Request, [MS-SMB2] 2.2.26: LockCount, LockSequenceNumber/Index (a resilient-handle feature this server
 * does not offer, so kept but unused), the FileId, then LockCount SMB2_LOCK_ELEMENTs (2.2.26.1): Offset, Length,
 * Flags, Reserved. The elements must all lie inside the message.
 *
 * @param lockSequence the LockSequenceNumber and LockSequenceIndex field as sent
 * @param fileId       the open the locks are for
 * @param locks        at least one element
 */
public record Smb2LockRequest(int lockSequence, Smb2FileId fileId, List<Element> locks) {
    public static final int STRUCTURE_SIZE = 48;
    public static final int SHARED_LOCK = 0x0000_0001;
    public static final int EXCLUSIVE_LOCK = 0x0000_0002;
    public static final int UNLOCK = 0x0000_0004;
    public static final int FAIL_IMMEDIATELY = 0x0000_0010;
    private static final int ELEMENT_SIZE = 24;

    /**
     * SMB2_LOCK_ELEMENT, [MS-SMB2] 2.2.26.1. Offset and Length are unsigned 64-bit values, kept in longs.
     *
     * @param offset where the range starts
     * @param length how many bytes it covers
     * @param flags  {@link #SHARED_LOCK}, {@link #EXCLUSIVE_LOCK} or {@link #UNLOCK}, optionally with
     *               {@link #FAIL_IMMEDIATELY}
     */
    public record Element(long offset, long length, int flags) {
        public boolean isUnlock() {
            return flags == UNLOCK;
        }

        /** A lock that may wait for a conflicting one to go (no SMB2_LOCKFLAG_FAIL_IMMEDIATELY). */
        public boolean mayWait() {
            return !isUnlock() && (flags & FAIL_IMMEDIATELY) == 0;
        }

        public boolean isExclusive() {
            return (flags & EXCLUSIVE_LOCK) != 0;
        }

        /** A lock (not an unlock) whose flags are one of the four combinations 3.3.5.14.2 accepts. */
        public boolean isValidLock() {
            int kind = flags & ~FAIL_IMMEDIATELY;
            return kind == SHARED_LOCK || kind == EXCLUSIVE_LOCK;
        }

        /**
         * Whether the range's last byte, Offset + Length - 1, lies past 2^64 - 1, which [MS-FSA] 2.1.5.7 refuses with
         * STATUS_INVALID_LOCK_RANGE; a range of no bytes never does, and one ending on the very last byte is valid.
         */
        public boolean overflows() {
            return length != 0 && Long.compareUnsigned(length - 1, -1L - offset) > 0;
        }
    }

    public Smb2LockRequest {
        locks = List.copyOf(locks);
    }

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2LockRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("LOCK request StructureSize " + structureSize + ", expected 48");
        }
        int count = in.readUInt16();
        int sequence = in.readInt32();
        Smb2FileId fileId = Smb2FileId.decode(in);
        if (count == 0 || (long) count * ELEMENT_SIZE > in.remaining()) {
            throw new SmbWireException("LOCK request LockCount " + count + " for " + in.remaining() + " bytes");
        }
        List<Element> locks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long offset = in.readInt64();
            long length = in.readInt64();
            int flags = in.readInt32();
            in.skip(4);
            locks.add(new Element(offset, length, flags));
        }
        return new Smb2LockRequest(sequence, fileId, locks);
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(locks.size());
        out.writeIntLE(lockSequence);
        fileId.encode(out);
        for (Element lock : locks) {
            out.writeLongLE(lock.offset());
            out.writeLongLE(lock.length());
            out.writeIntLE(lock.flags());
            out.writeIntLE(0);
        }
    }
}
