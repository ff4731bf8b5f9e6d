package io.cistern.smb.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The srvsvc pipe at the PDU level: what smbclient's listing does end to end is in SmbclientInteropTest; here the
 * refusals, the fragmenting and the decoding limits, each answered with a PDU rather than an exception.
 */
class SrvsvcPipeTest {
    private static final SyntaxId NDR64 = new SyntaxId(UUID.fromString("71710533-beba-4937-8319-b5dbef9ccc36"), 1);
    private static final SyntaxId FEATURES = new SyntaxId(UUID.fromString("6cb71c2c-9812-4540-0300-000000000000"), 1);

    private final SrvsvcPipe pipe = new SrvsvcPipe(() -> List.of(ShareEntry.disk("data"), ShareEntry.IPC_SHARE));

    @Test
    void aBindAcceptsSrvsvcInNdrAndRefusesTheRest() throws Exception {
        byte[] ack = pipe.transact(bind(5, 4280, List.of(
                new BindRequest.Context(0, SyntaxId.SRVSVC, List.of(NDR64)),
                new BindRequest.Context(1, SyntaxId.SRVSVC, List.of(SyntaxId.NDR)),
                new BindRequest.Context(2, SyntaxId.SRVSVC, List.of(FEATURES)),
                new BindRequest.Context(3, new SyntaxId(UUID.randomUUID(), 1), List.of(SyntaxId.NDR)))));
        RpcHeader header = RpcHeader.decode(ack);
        assertEquals(RpcHeader.BIND_ACK, header.type());
        assertEquals(5, header.callId());
        int results = resultsOffset(ack);
        assertEquals(4, ack[results]);
        assertEquals(List.of(2, 0, 3, 2), resultCodes(ack, results, 4), "NDR64 refused, NDR accepted, no features");
        assertEquals(SyntaxId.NDR, SyntaxId.decode(ack, results + 4 + 24 + 4));
    }

    @Test
    void getInfoFindsAShareIgnoringCaseAndNamesAMissingOne() throws Exception {
        pipe.transact(bind(1, 4280, List.of(new BindRequest.Context(0, SyntaxId.SRVSVC, List.of(SyntaxId.NDR)))));
        byte[] found = stub(pipe.transact(request(2, 0, Srvsvc.NETR_SHARE_GET_INFO, getInfo("DATA", 1))));
        assertEquals(0, u32(found, found.length - 4), "WERROR_OK");
        assertTrue(new String(found, StandardCharsets.UTF_16LE).contains("data"));
        byte[] missing = stub(pipe.transact(request(3, 0, Srvsvc.NETR_SHARE_GET_INFO, getInfo("nope", 1))));
        assertEquals(Srvsvc.NERR_NET_NAME_NOT_FOUND, u32(missing, missing.length - 4));
        byte[] level502 = stub(pipe.transact(request(4, 0, Srvsvc.NETR_SHARE_GET_INFO, getInfo("data", 502))));
        assertEquals(Srvsvc.ERROR_INVALID_LEVEL, u32(level502, level502.length - 4));
    }

    @Test
    void unknownOperationsUnboundContextsAndGarbageGetFaults() throws Exception {
        assertFault(pipe.transact(request(1, 0, Srvsvc.NETR_SHARE_ENUM_ALL, new byte[8])), 0x1C010003);
        pipe.transact(bind(2, 4280, List.of(new BindRequest.Context(0, SyntaxId.SRVSVC, List.of(SyntaxId.NDR)))));
        assertFault(pipe.transact(request(3, 0, 99, new byte[8])), 0x1C010002);
        assertFault(pipe.transact(request(4, 0, Srvsvc.NETR_SHARE_ENUM_ALL, new byte[3])), 0x1C01000B);
        byte[] hugeString = new NdrWriter().pointer().uint32(1 << 30).uint32(0).uint32(1 << 30).bytes();
        assertFault(pipe.transact(request(5, 0, Srvsvc.NETR_SHARE_GET_INFO, hugeString)), 0x1C01000B);
        assertFault(pipe.transact(new byte[] {5, 0, 0}), 0x1C01000B);
        assertFault(pipe.transact(bind(6, 4280, List.of())), 0x1C01000B);
    }

    @Test
    void aLongAnswerComesInFragmentsNoLargerThanTheClientTakes() throws Exception {
        List<ShareEntry> many = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> ShareEntry.disk("share-with-a-longish-name-" + i)).toList();
        SrvsvcPipe big = new SrvsvcPipe(() -> many);
        big.transact(bind(1, 1024, List.of(new BindRequest.Context(0, SyntaxId.SRVSVC, List.of(SyntaxId.NDR)))));
        byte[] all = big.transact(request(2, 0, Srvsvc.NETR_SHARE_ENUM_ALL, enumAll(1)));
        int at = 0;
        int fragments = 0;
        ByteBuf stub = Unpooled.buffer();
        while (at < all.length) {
            int length = RpcHeader.u16(all, at + 8);
            assertTrue(length <= 1024, "fragment of " + length);
            byte[] pdu = java.util.Arrays.copyOfRange(all, at, at + length);
            RpcHeader header = RpcHeader.decode(pdu);
            assertEquals(fragments == 0, (header.flags() & RpcHeader.FIRST_FRAGMENT) != 0);
            assertEquals(at + length == all.length, (header.flags() & RpcHeader.LAST_FRAGMENT) != 0);
            stub.writeBytes(pdu, RpcCalls.RESPONSE_HEADER_SIZE, length - RpcCalls.RESPONSE_HEADER_SIZE);
            at += length;
            fragments++;
        }
        assertTrue(fragments > 5, fragments + " fragments");
        byte[] joined = ByteBufUtil.getBytes(stub);
        assertEquals(200, u32(joined, 12), "EntriesRead");
        assertEquals(0, u32(joined, joined.length - 4), "WERROR_OK");
    }

    private static void assertFault(byte[] pdu, long status) throws Exception {
        assertEquals(RpcHeader.FAULT, RpcHeader.decode(pdu).type());
        assertEquals(status, u32(pdu, RpcCalls.RESPONSE_HEADER_SIZE));
    }

    static byte[] bind(int callId, int maxFragment, List<BindRequest.Context> contexts) {
        ByteBuf body = Unpooled.buffer();
        body.writeShortLE(maxFragment).writeShortLE(maxFragment).writeIntLE(0);
        body.writeByte(contexts.size()).writeZero(3);
        for (BindRequest.Context context : contexts) {
            body.writeShortLE(context.id()).writeByte(context.transferSyntaxes().size()).writeByte(0);
            context.abstractSyntax().encode(body);
            context.transferSyntaxes().forEach(syntax -> syntax.encode(body));
        }
        return pdu(RpcHeader.BIND, callId, ByteBufUtil.getBytes(body));
    }

    static byte[] request(int callId, int contextId, int opnum, byte[] stub) {
        ByteBuf body = Unpooled.buffer();
        body.writeIntLE(stub.length).writeShortLE(contextId).writeShortLE(opnum).writeBytes(stub);
        return pdu(RpcHeader.REQUEST, callId, ByteBufUtil.getBytes(body));
    }

    private static byte[] pdu(int type, int callId, byte[] body) {
        ByteBuf pdu = Unpooled.buffer();
        new RpcHeader(type, RpcHeader.FIRST_FRAGMENT | RpcHeader.LAST_FRAGMENT, RpcHeader.SIZE + body.length, 0,
                callId).encode(pdu);
        pdu.writeBytes(body);
        return ByteBufUtil.getBytes(pdu);
    }

    private static byte[] getInfo(String name, long level) {
        return new NdrWriter().nullPointer().string(name).uint32(level).bytes();
    }

    private static byte[] enumAll(long level) {
        return new NdrWriter().nullPointer().uint32(level).uint32(level).pointer().uint32(0).nullPointer()
                .uint32(-1L).nullPointer().bytes();
    }

    private static byte[] stub(byte[] response) throws Exception {
        assertEquals(RpcHeader.RESPONSE, RpcHeader.decode(response).type());
        return java.util.Arrays.copyOfRange(response, RpcCalls.RESPONSE_HEADER_SIZE, response.length);
    }

    private static int resultsOffset(byte[] ack) throws Exception {
        int addressLength = RpcHeader.u16(ack, RpcHeader.SIZE + 8);
        int at = RpcHeader.SIZE + 10 + addressLength;
        return at + (4 - at % 4) % 4;
    }

    private static List<Integer> resultCodes(byte[] ack, int results, int count) throws Exception {
        java.util.List<Integer> codes = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            codes.add(RpcHeader.u16(ack, results + 4 + i * 24));
        }
        return codes;
    }

    private static long u32(byte[] bytes, int at) throws Exception {
        return RpcHeader.u32(bytes, at);
    }
}
