package io.cistern.smb.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** decode(encode(x)) == x for every structure, known byte layouts, and truncation at every length. */
class WireRoundTripTest {
    private static final UUID GUID = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    private static final byte[] SIGNATURE = new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @FunctionalInterface
    interface Decoder<T> {
        T decode(WireReader in) throws SmbWireException;
    }

    @Test
    void syncAndAsyncHeadersRoundTrip() throws Exception {
        Smb2Header sync = new Smb2Header(0, NtStatus.STATUS_NOT_SUPPORTED, Smb2Command.TREE_CONNECT, 31,
                Smb2Header.FLAGS_SIGNED, 0, 0x1234_5678_9ABCL, 0xFEFF, 7, 0, 0x4000_0000_0001L, SIGNATURE);
        Smb2Header async = new Smb2Header(1, 0, Smb2Command.CHANGE_NOTIFY, 1,
                Smb2Header.FLAGS_SERVER_TO_REDIR | Smb2Header.FLAGS_ASYNC_COMMAND, 0, 9, 0, 0, 0x77L, 5, SIGNATURE);
        for (Smb2Header header : List.of(sync, async)) {
            ByteBuf buf = Unpooled.buffer();
            header.encode(buf);
            assertEquals(Smb2Header.STRUCTURE_SIZE, buf.readableBytes());
            assertEquals(header, Smb2Header.decode(new WireReader(buf)));
        }
    }

    @Test
    void headerLayoutMatchesTheSpec() throws Exception {
        ByteBuf buf = Unpooled.buffer();
        Smb2Header.response(Smb2Command.NEGOTIATE, 0x0102, 0, 1, 0).encode(buf);
        String hex = ByteBufUtil.hexDump(buf);
        // ProtocolId FE 'S' 'M' 'B', StructureSize 64, CreditCharge 0, Status 0, Command 0, CreditResponse 1,
        // Flags SERVER_TO_REDIR, NextCommand 0, MessageId 0x0102, Reserved 0, TreeId 0, SessionId 0, no signature
        assertEquals("fe534d42" + "4000" + "0000" + "00000000" + "0000" + "0100" + "01000000" + "00000000"
                + "0201000000000000" + "00000000" + "00000000" + "0000000000000000" + "00".repeat(16), hex);
    }

    @Test
    void negotiateRequestRoundTripsWithAndWithoutContexts() throws Exception {
        Smb2NegotiateRequest plain = Smb2NegotiateRequest.of(1, 0x7F, GUID, List.of(0x0202, 0x0210));
        // 3 dialects end at 64+36+6 = 106; contexts start at the next multiple of 8
        byte[] contexts = ByteBufUtil.decodeHexDump("0100260000000000" + "01002000" + "00".repeat(32) + "0000"
                + "0200" + "0600" + "00000000" + "0200" + "0200" + "0100");
        Smb2NegotiateRequest with311 = new Smb2NegotiateRequest(2, 0x44, GUID, 112, 2,
                List.of(0x0202, 0x0300, 0x0311), contexts);
        for (Smb2NegotiateRequest request : List.of(plain, with311)) {
            ByteBuf message = withHeader(Smb2Command.NEGOTIATE, request::encode);
            assertEquals(request, decodeBody(message, Smb2NegotiateRequest::decode));
        }
    }

    @Test
    void negotiateRequestIgnoresContextFieldsWithout311() throws Exception {
        // the eight bytes are ClientStartTime then: whatever they hold, no context list is read
        Smb2NegotiateRequest request = new Smb2NegotiateRequest(1, 0, GUID, 9999, 3, List.of(0x0202), new byte[0]);
        ByteBuf message = withHeader(Smb2Command.NEGOTIATE, request::encode);
        assertEquals(request, decodeBody(message, Smb2NegotiateRequest::decode));
    }

    @Test
    void negotiateResponseRoundTripsAndPutsTheBufferAt128() throws Exception {
        Smb2NegotiateResponse empty = new Smb2NegotiateResponse(1, 0x0202, GUID, 0, 65536, 65536, 65536,
                FileTime.fromInstant(Instant.parse("2025-01-02T03:04:05.123456700Z")), 0, new byte[0]);
        Smb2NegotiateResponse withToken = new Smb2NegotiateResponse(3, 0x02FF, GUID, 0x7, 1 << 23, 1 << 23, 1 << 23,
                42, 43, new byte[] {0x60, 0x48, 0x06, 0x06});
        for (Smb2NegotiateResponse response : List.of(empty, withToken)) {
            ByteBuf message = withHeader(Smb2Command.NEGOTIATE, response::encode);
            assertEquals(Smb2NegotiateResponse.SECURITY_BUFFER_OFFSET + response.securityBuffer().length,
                    message.readableBytes());
            assertEquals(Smb2NegotiateResponse.SECURITY_BUFFER_OFFSET, message.getUnsignedShortLE(64 + 56));
            assertEquals(response, decodeBody(message, Smb2NegotiateResponse::decode));
        }
    }

    @Test
    void errorResponseRoundTripsAndCarriesOneByteWhenEmpty() throws Exception {
        ByteBuf empty = Unpooled.buffer();
        Smb2ErrorResponse.EMPTY.encode(empty);
        assertEquals("0900" + "00" + "00" + "00000000" + "00", ByteBufUtil.hexDump(empty));
        assertEquals(Smb2ErrorResponse.EMPTY, Smb2ErrorResponse.decode(new WireReader(empty)));

        Smb2ErrorResponse withData = new Smb2ErrorResponse(1, new byte[] {9, 8, 7});
        ByteBuf buf = Unpooled.buffer();
        withData.encode(buf);
        assertEquals(withData, Smb2ErrorResponse.decode(new WireReader(buf)));
    }

    @Test
    void smb1NegotiateRoundTripsWithTheDialectStringsInOrder() throws Exception {
        Smb1NegotiateRequest request = new Smb1NegotiateRequest(0x18, 0xC853, 0, 0xFFFF, 0xFEFF, 0, 0,
                List.of("NT LM 0.12", "SMB 2.002", "SMB 2.???"));
        ByteBuf buf = Unpooled.buffer();
        request.encode(buf);
        assertEquals(32 + 1 + 2 + (12 + 11 + 11), buf.readableBytes());
        assertEquals(0x02, buf.getByte(35));
        assertEquals(request, Smb1NegotiateRequest.decode(new WireReader(buf)));
    }

    @Test
    void smb1NegotiateRejectsBrokenDialectLists() {
        ByteBuf noNul = smb1WithBytes(new byte[] {2, 'S', 'M', 'B'});
        ByteBuf badFormat = smb1WithBytes(new byte[] {4, 'S', 0});
        assertThrows(SmbWireException.class, () -> Smb1NegotiateRequest.decode(new WireReader(noNul)));
        assertThrows(SmbWireException.class, () -> Smb1NegotiateRequest.decode(new WireReader(badFormat)));
    }

    @Test
    void guidUsesTheMixedEndianPacketLayout() throws Exception {
        ByteBuf buf = Unpooled.buffer();
        Guid.write(buf, GUID);
        assertEquals("10b8a76b" + "ad9d" + "d111" + "80b400c04fd430c8", ByteBufUtil.hexDump(buf));
        assertEquals(GUID, Guid.read(new WireReader(buf)));
    }

    @Test
    void fileTimeCountsHundredNanosecondsFrom1601() {
        assertEquals(116_444_736_000_000_000L, FileTime.fromInstant(Instant.EPOCH));
        Instant t = Instant.parse("2024-02-29T23:59:59.999999900Z");
        assertEquals(t, FileTime.toInstant(FileTime.fromInstant(t)));
        assertEquals(Instant.parse("1601-01-01T00:00:00Z"), FileTime.toInstant(0));
    }

    @Test
    void everyTruncationIsAWireException() {
        ByteBuf negotiate = withHeader(Smb2Command.NEGOTIATE,
                Smb2NegotiateRequest.of(1, 0, GUID, List.of(0x0202, 0x0210, 0x0300))::encode);
        ByteBuf smb1 = Unpooled.buffer();
        new Smb1NegotiateRequest(0, 0, 0, 0, 0, 0, 0, List.of("SMB 2.002")).encode(smb1);
        for (int length = 0; length < negotiate.readableBytes(); length++) {
            ByteBuf cut = negotiate.slice(0, length);
            assertThrows(SmbWireException.class, () -> {
                WireReader in = new WireReader(cut);
                Smb2Header.decode(in);
                Smb2NegotiateRequest.decode(in);
            }, "cut at " + length);
        }
        for (int length = 0; length < smb1.readableBytes(); length++) {
            ByteBuf cut = smb1.slice(0, length);
            assertThrows(SmbWireException.class, () -> Smb1NegotiateRequest.decode(new WireReader(cut)), "cut at " + length);
        }
    }

    @Test
    void readerNeverMovesTheBuffer() throws Exception {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {1, 0, 2, 0, 0, 0});
        WireReader in = new WireReader(buf);
        assertEquals(1, in.readUInt16());
        assertEquals(2, in.readInt32());
        assertEquals(0, buf.readerIndex());
        assertArrayEquals(new byte[0], in.readBytes(0));
        assertThrows(SmbWireException.class, () -> in.readUInt8());
        assertThrows(SmbWireException.class, () -> in.seek(7));
    }

    private static ByteBuf withHeader(int command, java.util.function.Consumer<ByteBuf> body) {
        ByteBuf message = Unpooled.buffer();
        Smb2Header.response(command, 1, 0, 1, 0).encode(message);
        body.accept(message);
        return message;
    }

    private static <T> T decodeBody(ByteBuf message, Decoder<T> decoder) throws SmbWireException {
        WireReader in = new WireReader(message);
        Smb2Header.decode(in);
        return decoder.decode(in);
    }

    private static ByteBuf smb1WithBytes(byte[] dialectBytes) {
        ByteBuf buf = Unpooled.buffer();
        new Smb1NegotiateRequest(0, 0, 0, 0, 0, 0, 0, List.of()).encode(buf);
        buf.writerIndex(buf.writerIndex() - 2);
        buf.writeShortLE(dialectBytes.length).writeBytes(dialectBytes);
        return buf;
    }
}
