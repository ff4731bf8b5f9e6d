package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * SMB2 NEGOTIATE Response, [MS-SMB2] 2.2.4: the body after the SMB2 header. The security buffer always
 * follows the fixed part, at offset 128 from the start of the header; the negotiate contexts (3.1.1 only, 2.2.4.1)
 * follow it, from the next 8-byte boundary.
 *
 * @param securityMode    {@link #SIGNING_ENABLED}, optionally with {@link #SIGNING_REQUIRED}
 * @param dialectRevision the selected dialect, or {@link Smb2Dialect#SMB_2_WILDCARD}
 * @param serverGuid      the server's GUID
 * @param capabilities    SMB2_GLOBAL_CAP_* bits the server supports
 * @param maxTransactSize largest QUERY_INFO/QUERY_DIRECTORY/SET_INFO/CHANGE_NOTIFY buffer, bytes
 * @param maxReadSize     largest READ Length, bytes
 * @param maxWriteSize    largest WRITE Length, bytes
 * @param systemTime      the server's current time, FILETIME
 * @param serverStartTime when the server started, FILETIME
 * @param securityBuffer  the GSS token (SPNEGO negTokenInit2), or empty
 * @param negotiateContexts the response's negotiate contexts (3.1.1), or none
 */
public record Smb2NegotiateResponse(int securityMode, int dialectRevision, UUID serverGuid, int capabilities,
                                    int maxTransactSize, int maxReadSize, int maxWriteSize, long systemTime,
                                    long serverStartTime, byte[] securityBuffer,
                                    List<Smb2NegotiateContext> negotiateContexts) {
    public static final int STRUCTURE_SIZE = 65;
    /** The fixed part: StructureSize counts one byte of the buffer too. */
    public static final int FIXED_SIZE = 64;
    public static final int SECURITY_BUFFER_OFFSET = Smb2Header.STRUCTURE_SIZE + FIXED_SIZE;

    public static final int SIGNING_ENABLED = 0x0001;
    public static final int SIGNING_REQUIRED = 0x0002;

    public static final int CAP_DFS = 0x0000_0001;
    public static final int CAP_LEASING = 0x0000_0002;
    public static final int CAP_LARGE_MTU = 0x0000_0004;
    public static final int CAP_MULTI_CHANNEL = 0x0000_0008;
    public static final int CAP_PERSISTENT_HANDLES = 0x0000_0010;
    public static final int CAP_DIRECTORY_LEASING = 0x0000_0020;
    public static final int CAP_ENCRYPTION = 0x0000_0040;

    public Smb2NegotiateResponse {
        Objects.requireNonNull(serverGuid, "serverGuid");
        securityBuffer = SecurityBuffer.checkedCopy(securityBuffer);
        negotiateContexts = List.copyOf(negotiateContexts);
    }

    /** A response without negotiate contexts (every dialect before 3.1.1). */
    public Smb2NegotiateResponse(int securityMode, int dialectRevision, UUID serverGuid, int capabilities,
                                 int maxTransactSize, int maxReadSize, int maxWriteSize, long systemTime,
                                 long serverStartTime, byte[] securityBuffer) {
        this(securityMode, dialectRevision, serverGuid, capabilities, maxTransactSize, maxReadSize, maxWriteSize,
                systemTime, serverStartTime, securityBuffer, List.of());
    }

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2NegotiateResponse decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("NEGOTIATE response StructureSize " + structureSize + ", expected 65");
        }
        int securityMode = in.readUInt16();
        int dialect = in.readUInt16();
        int contextCount = in.readUInt16();            // NegotiateContextCount (3.1.1), else Reserved
        UUID serverGuid = Guid.read(in);
        int capabilities = in.readInt32();
        int maxTransactSize = in.readInt32();
        int maxReadSize = in.readInt32();
        int maxWriteSize = in.readInt32();
        long systemTime = in.readInt64();
        long serverStartTime = in.readInt64();
        int bufferOffset = in.readUInt16();
        int bufferLength = in.readUInt16();
        int contextOffset = in.readInt32();            // NegotiateContextOffset (3.1.1), else Reserved2
        byte[] securityBuffer = new byte[0];
        if (bufferLength > 0) {
            if (bufferOffset < SECURITY_BUFFER_OFFSET) {
                throw new SmbWireException("SecurityBufferOffset " + bufferOffset + " points into the fixed part");
            }
            in.seek(bufferOffset);
            securityBuffer = in.readBytes(bufferLength);
        }
        List<Smb2NegotiateContext> contexts = List.of();
        if (dialect == Smb2Dialect.SMB_3_1_1 && contextCount > 0) {
            if (contextOffset < SECURITY_BUFFER_OFFSET) {
                throw new SmbWireException("NegotiateContextOffset " + contextOffset + " points into the fixed part");
            }
            in.seek(contextOffset);
            contexts = Smb2NegotiateContext.readList(in.readBytes(in.remaining()), contextCount);
        }
        return new Smb2NegotiateResponse(securityMode, dialect, serverGuid, capabilities, maxTransactSize, maxReadSize,
                maxWriteSize, systemTime, serverStartTime, securityBuffer, contexts);
    }

    /** Writes the body; the SMB2 header must directly precede it, since offsets count from the header. */
    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(securityMode);
        out.writeShortLE(dialectRevision);
        out.writeShortLE(negotiateContexts.size());
        Guid.write(out, serverGuid);
        out.writeIntLE(capabilities);
        out.writeIntLE(maxTransactSize);
        out.writeIntLE(maxReadSize);
        out.writeIntLE(maxWriteSize);
        out.writeLongLE(systemTime);
        out.writeLongLE(serverStartTime);
        out.writeShortLE(SECURITY_BUFFER_OFFSET);
        out.writeShortLE(securityBuffer.length);
        int contextOffset = contextOffset();
        out.writeIntLE(negotiateContexts.isEmpty() ? 0 : contextOffset);
        out.writeBytes(securityBuffer);
        if (!negotiateContexts.isEmpty()) {
            out.writeZero(contextOffset - SECURITY_BUFFER_OFFSET - securityBuffer.length);
            Smb2NegotiateContext.writeList(out, negotiateContexts);
        }
    }

    /** The first 8-byte boundary after the security buffer, counted from the start of the header. */
    private int contextOffset() {
        int end = SECURITY_BUFFER_OFFSET + securityBuffer.length;
        return (end + 7) & ~7;
    }

    @Override
    public byte[] securityBuffer() {
        return securityBuffer.clone();
    }

    // a record compares arrays by identity; compare the buffer's bytes instead
    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2NegotiateResponse r && securityMode == r.securityMode
                && dialectRevision == r.dialectRevision && serverGuid.equals(r.serverGuid)
                && capabilities == r.capabilities && maxTransactSize == r.maxTransactSize
                && maxReadSize == r.maxReadSize && maxWriteSize == r.maxWriteSize && systemTime == r.systemTime
                && serverStartTime == r.serverStartTime && Arrays.equals(securityBuffer, r.securityBuffer)
                && negotiateContexts.equals(r.negotiateContexts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(securityMode, dialectRevision, serverGuid, capabilities, maxTransactSize, maxReadSize,
                maxWriteSize, systemTime, serverStartTime, Arrays.hashCode(securityBuffer), negotiateContexts);
    }

    @Override
    public String toString() {
        return "Smb2NegotiateResponse[dialect=" + Smb2Dialect.name(dialectRevision) + ", securityMode=" + securityMode
                + ", serverGuid=" + serverGuid + ", capabilities=0x" + Integer.toHexString(capabilities)
                + ", maxTransact/Read/Write=" + maxTransactSize + "/" + maxReadSize + "/" + maxWriteSize
                + ", securityBuffer=" + securityBuffer.length + " bytes, negotiateContexts=" + negotiateContexts + "]";
    }
}
