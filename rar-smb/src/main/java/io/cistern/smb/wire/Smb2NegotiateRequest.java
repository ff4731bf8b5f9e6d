package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * SMB2 NEGOTIATE Request, [MS-SMB2] 2.2.3: the body after the SMB2 header.
 *
 * <p>The eight bytes after ClientGuid are NegotiateContextOffset, NegotiateContextCount and Reserved2 when
 * the client offers 3.1.1, and ClientStartTime (which MUST be 0) otherwise; they are read as the 3.1.1
 * fields either way. The negotiate context list is kept as raw bytes, from NegotiateContextOffset to the
 * end of the message, and only when 3.1.1 is offered and the offset lies inside the message: nothing reads
 * it until the server implements 3.1.1, so an inconsistent offset is not an error yet.
 *
 * @param securityMode           SMB2_NEGOTIATE_SIGNING_ENABLED (1) / _REQUIRED (2)
 * @param capabilities           the client's SMB2_GLOBAL_CAP_* bits
 * @param clientGuid             the client's GUID
 * @param negotiateContextOffset from the start of the SMB2 header (3.1.1)
 * @param negotiateContextCount  number of negotiate contexts (3.1.1)
 * @param dialects               the dialect revisions the client offers, in its order
 * @param negotiateContextList   the raw negotiate contexts, empty when absent
 */
public record Smb2NegotiateRequest(int securityMode, int capabilities, UUID clientGuid, int negotiateContextOffset,
                                   int negotiateContextCount, List<Integer> dialects, byte[] negotiateContextList) {
    public static final int STRUCTURE_SIZE = 36;
    /** Where the Dialects array starts, counted from the start of the SMB2 header. */
    public static final int DIALECTS_OFFSET = Smb2Header.STRUCTURE_SIZE + STRUCTURE_SIZE;

    public Smb2NegotiateRequest {
        dialects = List.copyOf(dialects);
        negotiateContextList = negotiateContextList.clone();
    }

    /** A request without negotiate contexts. */
    public static Smb2NegotiateRequest of(int securityMode, int capabilities, UUID clientGuid, List<Integer> dialects) {
        return new Smb2NegotiateRequest(securityMode, capabilities, clientGuid, 0, 0, dialects, new byte[0]);
    }

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2NegotiateRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("NEGOTIATE request StructureSize " + structureSize + ", expected 36");
        }
        int dialectCount = in.readUInt16();
        int securityMode = in.readUInt16();
        in.skip(2);                                    // Reserved
        int capabilities = in.readInt32();
        UUID clientGuid = Guid.read(in);
        int contextOffset = in.readInt32();
        int contextCount = in.readUInt16();
        in.skip(2);                                    // Reserved2
        if (dialectCount * 2 > in.remaining()) {
            throw new SmbWireException("NEGOTIATE request announces " + dialectCount + " dialects in "
                    + in.remaining() + " bytes");
        }
        List<Integer> dialects = new ArrayList<>(dialectCount);
        for (int i = 0; i < dialectCount; i++) {
            dialects.add(in.readUInt16());
        }
        byte[] contexts = readContextList(in, dialects, contextOffset, contextCount);
        return new Smb2NegotiateRequest(securityMode, capabilities, clientGuid, contextOffset, contextCount, dialects,
                contexts);
    }

    private static byte[] readContextList(WireReader in, List<Integer> dialects, int offset, int count)
            throws SmbWireException {
        boolean present = dialects.contains(Smb2Dialect.SMB_3_1_1) && count > 0;
        if (!present || offset < in.position() || offset > in.length()) {
            return new byte[0];
        }
        in.seek(offset);
        return in.readBytes(in.remaining());
    }

    /** Writes the body; the SMB2 header must directly precede it, since offsets count from the header. */
    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(dialects.size());
        out.writeShortLE(securityMode);
        out.writeShortLE(0);
        out.writeIntLE(capabilities);
        Guid.write(out, clientGuid);
        out.writeIntLE(negotiateContextOffset);
        out.writeShortLE(negotiateContextCount);
        out.writeShortLE(0);
        dialects.forEach(out::writeShortLE);
        if (negotiateContextList.length > 0) {
            int padding = negotiateContextOffset - (DIALECTS_OFFSET + 2 * dialects.size());
            if (padding < 0) {
                throw new IllegalStateException("NegotiateContextOffset " + negotiateContextOffset
                        + " points into the dialects");
            }
            out.writeZero(padding);
            out.writeBytes(negotiateContextList);
        }
    }

    @Override
    public byte[] negotiateContextList() {
        return negotiateContextList.clone();
    }

    // a record compares arrays by identity; compare the context bytes instead
    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2NegotiateRequest r && securityMode == r.securityMode
                && capabilities == r.capabilities && clientGuid.equals(r.clientGuid)
                && negotiateContextOffset == r.negotiateContextOffset && negotiateContextCount == r.negotiateContextCount
                && dialects.equals(r.dialects) && Arrays.equals(negotiateContextList, r.negotiateContextList);
    }

    @Override
    public int hashCode() {
        return Objects.hash(securityMode, capabilities, clientGuid, negotiateContextOffset, negotiateContextCount,
                dialects, Arrays.hashCode(negotiateContextList));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Smb2NegotiateRequest[dialects=");
        dialects.forEach(d -> text.append(Smb2Dialect.name(d)).append(' '));
        return text.append("securityMode=").append(securityMode).append(", capabilities=0x")
                .append(Integer.toHexString(capabilities)).append(", clientGuid=").append(clientGuid)
                .append(", negotiateContexts=").append(negotiateContextCount).append(']').toString();
    }
}
