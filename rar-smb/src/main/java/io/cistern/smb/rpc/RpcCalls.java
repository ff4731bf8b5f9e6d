package io.cistern.smb.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Request, response and fault PDUs, [C706] 12.6.4.9, 12.6.4.10 and 12.6.4.7. A response stub longer than the
 * client's receive fragment is sent in several fragments, the first with PFC_FIRST_FRAG and the last with
 * PFC_LAST_FRAG, each carrying the alloc hint of what remains.
 */
final class RpcCalls {
    static final int REQUEST_HEADER_SIZE = RpcHeader.SIZE + 8;
    static final int RESPONSE_HEADER_SIZE = RpcHeader.SIZE + 8;
    /** nca_s_op_rng_error: no such operation in the interface ([C706] appendix E). */
    static final int FAULT_OPERATION_RANGE = 0x1C01_0002;
    /** nca_proto_error: a PDU the server cannot use. */
    static final int FAULT_PROTOCOL_ERROR = 0x1C01_000B;
    /** nca_unk_if, for a request on a context that was never bound. */
    static final int FAULT_UNKNOWN_INTERFACE = 0x1C01_0003;
    private static final int OBJECT_UUID_FLAG = 0x80;

    /** What a request carries. */
    record Request(int callId, int contextId, int opnum, byte[] stub) {
    }

    private RpcCalls() {
    }

    static Request decodeRequest(RpcHeader header, byte[] pdu) throws RpcProtocolException {
        if (!header.isWholeCall()) {
            throw new RpcProtocolException("a request in several fragments");
        }
        int contextId = RpcHeader.u16(pdu, RpcHeader.SIZE + 4);
        int opnum = RpcHeader.u16(pdu, RpcHeader.SIZE + 6);
        int stubStart = REQUEST_HEADER_SIZE + ((header.flags() & OBJECT_UUID_FLAG) != 0 ? 16 : 0);
        int stubEnd = pdu.length - header.authLength() - (header.authLength() > 0 ? 8 : 0);
        if (stubStart > stubEnd) {
            throw new RpcProtocolException("a request shorter than its header");
        }
        return new Request(header.callId(), contextId, opnum, Arrays.copyOfRange(pdu, stubStart, stubEnd));
    }

    /** The response PDUs of a call, one after the other, none longer than {@code maxFragment}. */
    static byte[] response(int callId, int contextId, byte[] stub, int maxFragment) {
        int perFragment = Math.max(8, (maxFragment - RESPONSE_HEADER_SIZE) & ~7);
        ByteArrayOutputStream pdus = new ByteArrayOutputStream();
        int offset = 0;
        do {
            int length = Math.min(perFragment, stub.length - offset);
            int flags = (offset == 0 ? RpcHeader.FIRST_FRAGMENT : 0)
                    | (offset + length == stub.length ? RpcHeader.LAST_FRAGMENT : 0);
            ByteBuf pdu = Unpooled.buffer(RESPONSE_HEADER_SIZE + length);
            new RpcHeader(RpcHeader.RESPONSE, flags, RESPONSE_HEADER_SIZE + length, 0, callId).encode(pdu);
            pdu.writeIntLE(stub.length - offset).writeShortLE(contextId).writeByte(0).writeByte(0);
            pdu.writeBytes(stub, offset, length);
            pdus.writeBytes(ByteBufUtil.getBytes(pdu));
            offset += length;
        } while (offset < stub.length);
        return pdus.toByteArray();
    }

    static byte[] fault(int callId, int contextId, int status) {
        ByteBuf pdu = Unpooled.buffer(RESPONSE_HEADER_SIZE + 8);
        new RpcHeader(RpcHeader.FAULT, RpcHeader.FIRST_FRAGMENT | RpcHeader.LAST_FRAGMENT, RESPONSE_HEADER_SIZE + 8,
                0, callId).encode(pdu);
        pdu.writeIntLE(0).writeShortLE(contextId).writeByte(0).writeByte(0);
        pdu.writeIntLE(status).writeIntLE(0);
        return ByteBufUtil.getBytes(pdu);
    }
}
