package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * SMB2 Packet Header, [MS-SMB2] 2.2.1.1 (ASYNC) and 2.2.1.2 (SYNC): 64 bytes in front of every SMB2
 * message. The two forms differ only in bytes 32..39: an async header (SMB2_FLAGS_ASYNC_COMMAND set)
 * carries AsyncId there, a sync header Reserved (the former ProcessId) and TreeId. This record holds
 * both sets of fields; the ones of the other form are zero.
 *
 * @param creditCharge credits the request consumes; reserved (0) in the SMB 2.0.2 dialect
 * @param status       NTSTATUS of a response; in a request ChannelSequence/Reserved (SMB 3.x) or 0
 * @param command      the command code ({@link Smb2Command})
 * @param credits      CreditRequest in a request, CreditResponse in a response
 * @param flags        SMB2_FLAGS_* bits
 * @param nextCommand  offset of the next message of a compound from the start of this header, or 0
 * @param messageId    identifies the request; the response carries the same value
 * @param processId    sync only: the Reserved field (0 in responses)
 * @param treeId       sync only: the tree connect
 * @param asyncId      async only: the id of the asynchronous operation
 * @param sessionId    the session, 0 before SESSION_SETUP
 * @param signature    16 bytes; zero when the message is not signed
 */
public record Smb2Header(int creditCharge, int status, int command, int credits, int flags, int nextCommand,
                         long messageId, int processId, int treeId, long asyncId, long sessionId, byte[] signature) {

    /** ProtocolId 0xFE 'S' 'M' 'B' read as a little-endian 32-bit integer. */
    public static final int PROTOCOL_ID = 0x424D_53FE;
    public static final int STRUCTURE_SIZE = 64;
    public static final int SIGNATURE_SIZE = 16;

    public static final int FLAGS_SERVER_TO_REDIR = 0x0000_0001;
    public static final int FLAGS_ASYNC_COMMAND = 0x0000_0002;
    public static final int FLAGS_RELATED_OPERATIONS = 0x0000_0004;
    public static final int FLAGS_SIGNED = 0x0000_0008;

    public Smb2Header {
        if (signature.length != SIGNATURE_SIZE) {
            throw new IllegalArgumentException("the signature has 16 bytes, not " + signature.length);
        }
        if (isAsync(flags) ? (processId != 0 || treeId != 0) : asyncId != 0) {
            throw new IllegalArgumentException("an async header has no ProcessId/TreeId, a sync header no AsyncId");
        }
        signature = signature.clone();
    }

    /**
     * The sync header of a server response ([MS-SMB2] 3.3.4.1): the request's command and MessageId, the
     * status and the credits granted, SMB2_FLAGS_SERVER_TO_REDIR; everything else zero (unsigned).
     */
    public static Smb2Header response(int command, long messageId, int status, int creditsGranted, long sessionId) {
        return new Smb2Header(0, status, command, creditsGranted, FLAGS_SERVER_TO_REDIR, 0, messageId, 0, 0, 0,
                sessionId, new byte[SIGNATURE_SIZE]);
    }

    /**
     * The async header of a server response ([MS-SMB2] 3.3.4.2, 3.3.4.3): like {@link #response}, with
     * SMB2_FLAGS_ASYNC_COMMAND and the AsyncId in place of the TreeId.
     */
    public static Smb2Header asyncResponse(int command, long messageId, int status, int creditsGranted, long sessionId,
                                           long asyncId) {
        return new Smb2Header(0, status, command, creditsGranted, FLAGS_SERVER_TO_REDIR | FLAGS_ASYNC_COMMAND, 0,
                messageId, 0, 0, asyncId, sessionId, new byte[SIGNATURE_SIZE]);
    }

    /**
     * This request header as the server holds it once the request goes asynchronous (Request.AsyncId of [MS-SMB2]
     * 3.3.4.2): the responses made from it are async ones with {@code asyncId}.
     */
    public Smb2Header goneAsync(long asyncId) {
        return new Smb2Header(creditCharge, status, command, credits, flags | FLAGS_ASYNC_COMMAND, nextCommand,
                messageId, 0, 0, asyncId, sessionId, signature);
    }

    /** The same header with SMB2_FLAGS_SIGNED set, as a signer needs it before it computes the signature. */
    public Smb2Header withSignedFlag() {
        return new Smb2Header(creditCharge, status, command, credits, flags | FLAGS_SIGNED, nextCommand, messageId,
                processId, treeId, asyncId, sessionId, signature);
    }

    /**
     * The same sync header naming the tree connect {@code tree}: a TREE_CONNECT response carries the new TreeId
     * ([MS-SMB2] 3.3.5.7), and other responses repeat their request's.
     */
    public Smb2Header withTreeId(int tree) {
        return new Smb2Header(creditCharge, status, command, credits, flags, nextCommand, messageId, processId, tree,
                asyncId, sessionId, signature);
    }

    /**
     * The same header in the session and tree connect of the request before it: what a related operation of a
     * compound chain works in ([MS-SMB2] 3.3.5.2.7.2), whatever its own fields say.
     */
    public Smb2Header inContextOf(Smb2Header previous) {
        return new Smb2Header(creditCharge, status, command, credits, flags, nextCommand, messageId, processId,
                isAsync() ? 0 : previous.treeId, asyncId, previous.sessionId, signature);
    }

    /** Whether SMB2_FLAGS_RELATED_OPERATIONS is set: the request belongs to the one before it in a chain. */
    public boolean isRelated() {
        return (flags & FLAGS_RELATED_OPERATIONS) != 0;
    }

    /** The same header with CreditCharge {@code charge}: a response repeats its request's ([MS-SMB2] 3.3.4.1). */
    public Smb2Header withCreditCharge(int charge) {
        return new Smb2Header(charge, status, command, credits, flags, nextCommand, messageId, processId, treeId,
                asyncId, sessionId, signature);
    }

    /** The same header with CreditRequest/CreditResponse {@code granted}: what a response really grants. */
    public Smb2Header withCredits(int granted) {
        return new Smb2Header(creditCharge, status, command, granted, flags, nextCommand, messageId, processId, treeId,
                asyncId, sessionId, signature);
    }

    public boolean isSigned() {
        return (flags & FLAGS_SIGNED) != 0;
    }

    public boolean isAsync() {
        return isAsync(flags);
    }

    public boolean isResponse() {
        return (flags & FLAGS_SERVER_TO_REDIR) != 0;
    }

    private static boolean isAsync(int flags) {
        return (flags & FLAGS_ASYNC_COMMAND) != 0;
    }

    /** Reads the 64 header bytes at the reader's position; fails on another ProtocolId or StructureSize. */
    public static Smb2Header decode(WireReader in) throws SmbWireException {
        int protocolId = in.readInt32();
        if (protocolId != PROTOCOL_ID) {
            throw new SmbWireException(String.format("ProtocolId 0x%08X is not SMB2", protocolId));
        }
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("SMB2 header StructureSize " + structureSize + ", expected 64");
        }
        int creditCharge = in.readUInt16();
        int status = in.readInt32();
        int command = in.readUInt16();
        int credits = in.readUInt16();
        int flags = in.readInt32();
        int nextCommand = in.readInt32();
        long messageId = in.readInt64();
        int processId = 0;
        int treeId = 0;
        long asyncId = 0;
        if (isAsync(flags)) {
            asyncId = in.readInt64();
        } else {
            processId = in.readInt32();
            treeId = in.readInt32();
        }
        long sessionId = in.readInt64();
        byte[] signature = in.readBytes(SIGNATURE_SIZE);
        return new Smb2Header(creditCharge, status, command, credits, flags, nextCommand, messageId, processId, treeId,
                asyncId, sessionId, signature);
    }

    public void encode(ByteBuf out) {
        out.writeIntLE(PROTOCOL_ID);
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(creditCharge);
        out.writeIntLE(status);
        out.writeShortLE(command);
        out.writeShortLE(credits);
        out.writeIntLE(flags);
        out.writeIntLE(nextCommand);
        out.writeLongLE(messageId);
        if (isAsync()) {
            out.writeLongLE(asyncId);
        } else {
            out.writeIntLE(processId);
            out.writeIntLE(treeId);
        }
        out.writeLongLE(sessionId);
        out.writeBytes(signature);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    // a record compares arrays by identity; a header is a value, so compare the signature's bytes
    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2Header h && creditCharge == h.creditCharge && status == h.status
                && command == h.command && credits == h.credits && flags == h.flags && nextCommand == h.nextCommand
                && messageId == h.messageId && processId == h.processId && treeId == h.treeId && asyncId == h.asyncId
                && sessionId == h.sessionId && Arrays.equals(signature, h.signature);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(creditCharge, status, command, credits, flags, nextCommand, messageId, processId,
                treeId, asyncId, sessionId, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "Smb2Header[" + Smb2Command.name(command) + ", messageId=" + messageId + ", status=" + NtStatus.hex(status)
                + ", credits=" + credits + ", flags=0x" + Integer.toHexString(flags) + ", nextCommand=" + nextCommand
                + ", sessionId=0x" + Long.toHexString(sessionId) + (isAsync() ? ", asyncId=" + asyncId
                : ", treeId=" + treeId) + "]";
    }
}
