package io.cistern.smb.rpc;

import io.netty.buffer.ByteBuf;

/**
 * The common header of a connection-oriented DCE/RPC PDU, [C706] 12.6.3.1 (and [MS-RPCE] 2.2.2.1): version 5.0,
 * the PDU type, PFC flags, the data representation (only little-endian, ASCII, IEEE is accepted, which is what every
 * client sends), the fragment's length, the length of its authentication trailer, and the call id.
 */
record RpcHeader(int type, int flags, int fragmentLength, int authLength, int callId) {
    static final int SIZE = 16;
    static final int REQUEST = 0;
    static final int RESPONSE = 2;
    static final int FAULT = 3;
    static final int BIND = 11;
    static final int BIND_ACK = 12;
    static final int FIRST_FRAGMENT = 0x01;
    static final int LAST_FRAGMENT = 0x02;
    /** Little-endian integers, ASCII characters, IEEE floats. */
    private static final int LITTLE_ENDIAN_DREP = 0x10;

    static RpcHeader decode(byte[] pdu) throws RpcProtocolException {
        if (pdu.length < SIZE) {
            throw new RpcProtocolException("a PDU of " + pdu.length + " bytes");
        }
        if (pdu[0] != 5 || pdu[1] != 0) {
            throw new RpcProtocolException("RPC version " + pdu[0] + "." + pdu[1]);
        }
        if ((pdu[4] & 0xF0) != LITTLE_ENDIAN_DREP) {
            throw new RpcProtocolException("big-endian data representation");
        }
        int fragmentLength = u16(pdu, 8);
        if (fragmentLength != pdu.length) {
            throw new RpcProtocolException("frag_length " + fragmentLength + " for a PDU of " + pdu.length + " bytes");
        }
        return new RpcHeader(pdu[2] & 0xFF, pdu[3] & 0xFF, fragmentLength, u16(pdu, 10), (int) u32(pdu, 12));
    }

    void encode(ByteBuf out) {
        out.writeByte(5).writeByte(0).writeByte(type).writeByte(flags);
        out.writeByte(LITTLE_ENDIAN_DREP).writeByte(0).writeByte(0).writeByte(0);
        out.writeShortLE(fragmentLength).writeShortLE(authLength).writeIntLE(callId);
    }

    boolean isWholeCall() {
        return (flags & (FIRST_FRAGMENT | LAST_FRAGMENT)) == (FIRST_FRAGMENT | LAST_FRAGMENT);
    }

    static int u16(byte[] bytes, int at) throws RpcProtocolException {
        if (at + 2 > bytes.length) {
            throw new RpcProtocolException("PDU ends at " + bytes.length);
        }
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
    }

    static long u32(byte[] bytes, int at) throws RpcProtocolException {
        return u16(bytes, at) | (long) u16(bytes, at + 2) << 16;
    }
}
