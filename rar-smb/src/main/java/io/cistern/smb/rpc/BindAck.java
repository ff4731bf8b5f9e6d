package io.cistern.smb.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A bind_ack PDU, [C706] 12.6.4.4: the fragment sizes both sides keep to, the association group, the secondary
 * address (the pipe's name), and one result per proposed presentation context.
 */
record BindAck(int callId, int maxTransmitFragment, int maxReceiveFragment, long associationGroup,
               String secondaryAddress, List<Result> results) {
    /** p_result_t: 0 acceptance, 2 provider rejection, 3 negotiate_ack ([MS-RPCE] 2.2.2.4). */
    record Result(int result, int reason, SyntaxId transferSyntax) {
        static final int ACCEPTANCE = 0;
        static final int PROVIDER_REJECTION = 2;
        static final int NEGOTIATE_ACK = 3;
        static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 1;
        static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 2;
    }

    byte[] encode() {
        ByteBuf body = Unpooled.buffer();
        body.writeShortLE(maxTransmitFragment).writeShortLE(maxReceiveFragment).writeIntLE((int) associationGroup);
        byte[] address = (secondaryAddress + "\0").getBytes(StandardCharsets.US_ASCII);
        body.writeShortLE(address.length).writeBytes(address);
        // the result list starts on a 4-byte boundary of the PDU, whose header is 16 bytes
        body.writeZero((4 - body.writerIndex() % 4) % 4);
        body.writeByte(results.size()).writeZero(3);
        for (Result result : results) {
            body.writeShortLE(result.result()).writeShortLE(result.reason());
            result.transferSyntax().encode(body);
        }
        ByteBuf pdu = Unpooled.buffer();
        new RpcHeader(RpcHeader.BIND_ACK, RpcHeader.FIRST_FRAGMENT | RpcHeader.LAST_FRAGMENT,
                RpcHeader.SIZE + body.readableBytes(), 0, callId).encode(pdu);
        pdu.writeBytes(body);
        return ByteBufUtil.getBytes(pdu);
    }
}
