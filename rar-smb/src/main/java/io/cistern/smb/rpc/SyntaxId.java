package io.cistern.smb.rpc;

import io.netty.buffer.ByteBuf;
import java.util.UUID;

/**
 * p_syntax_id_t, [C706] 12.6.3.1: an interface or transfer syntax UUID (in the mixed-endian GUID layout) and its
 * version, major in the low 16 bits.
 */
record SyntaxId(UUID uuid, long version) {
    static final int SIZE = 20;
    /** srvsvc, [MS-SRVS] 1.9: 4B324FC8-1670-01D3-1278-5A47BF6EE188 version 3.0. */
    static final SyntaxId SRVSVC = new SyntaxId(UUID.fromString("4b324fc8-1670-01d3-1278-5a47bf6ee188"), 3);
    /** NDR 2.0, [C706] appendix I. */
    static final SyntaxId NDR = new SyntaxId(UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860"), 2);
    /** The bind time feature negotiation marker of [MS-RPCE] 3.3.1.5.3: 6CB71C2C-9812-4540 and a bitmask. */
    static final String FEATURE_NEGOTIATION_PREFIX = "6cb71c2c-9812-4540-";
    static final SyntaxId NONE = new SyntaxId(new UUID(0, 0), 0);

    static SyntaxId decode(byte[] pdu, int at) throws RpcProtocolException {
        if (at + SIZE > pdu.length) {
            throw new RpcProtocolException("a syntax id past the end of the PDU");
        }
        long timeLow = RpcHeader.u32(pdu, at);
        long timeMid = RpcHeader.u16(pdu, at + 4);
        long timeHigh = RpcHeader.u16(pdu, at + 6);
        long low = 0;
        for (int i = 8; i < 16; i++) {
            low = low << 8 | (pdu[at + i] & 0xFF);
        }
        return new SyntaxId(new UUID(timeLow << 32 | timeMid << 16 | timeHigh, low), RpcHeader.u32(pdu, at + 16));
    }

    void encode(ByteBuf out) {
        long high = uuid.getMostSignificantBits();
        out.writeIntLE((int) (high >>> 32)).writeShortLE((int) (high >>> 16)).writeShortLE((int) high);
        out.writeLong(uuid.getLeastSignificantBits());
        out.writeIntLE((int) version);
    }

    boolean isFeatureNegotiation() {
        return uuid.toString().startsWith(FEATURE_NEGOTIATION_PREFIX);
    }
}
