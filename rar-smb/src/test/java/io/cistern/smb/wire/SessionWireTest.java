package io.cistern.smb.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * SESSION_SETUP ([MS-SMB2] 2.2.5, 2.2.6) and LOGOFF (2.2.7, 2.2.8): round trips, the byte layouts of the spec,
 * and every way the fixed fields can lie about the security buffer.
 */
class SessionWireTest {
    private static final byte[] TOKEN = {0x60, 0x48, 0x06, 0x06, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x02, 0x11, 0x22};

    @FunctionalInterface
    interface Decoder<T> {
        T decode(WireReader in) throws SmbWireException;
    }

    @Test
    void sessionSetupRequestRoundTripsAndHasTheSpecLayout() throws Exception {
        Smb2SessionSetupRequest request = new Smb2SessionSetupRequest(0, Smb2SessionSetupRequest.SIGNING_REQUIRED,
                1, 0, 0x1122_3344_5566_7788L, TOKEN);
        ByteBuf message = withHeader(request::encode);
        assertEquals(request, decodeBody(message, Smb2SessionSetupRequest::decode));
        assertTrue(request.signingRequired());
        // StructureSize 25, Flags 0, SecurityMode 2, Capabilities 1, Channel 0, offset 88, length 12, PreviousSessionId
        assertEquals("1900" + "00" + "02" + "01000000" + "00000000" + "5800" + "0c00" + "8877665544332211"
                + ByteBufUtil.hexDump(TOKEN), ByteBufUtil.hexDump(message, 64, message.readableBytes() - 64));
        assertFalse(request.toString().contains("60480606"), "toString shows no token bytes");
    }

    @Test
    void sessionSetupResponseRoundTripsAndHasTheSpecLayout() throws Exception {
        Smb2SessionSetupResponse response = new Smb2SessionSetupResponse(Smb2SessionSetupResponse.FLAG_IS_GUEST,
                TOKEN);
        ByteBuf message = withHeader(response::encode);
        assertEquals(response, decodeBody(message, Smb2SessionSetupResponse::decode));
        // StructureSize 9, SessionFlags 1, offset 72, length 12
        assertEquals("0900" + "0100" + "4800" + "0c00" + ByteBufUtil.hexDump(TOKEN),
                ByteBufUtil.hexDump(message, 64, message.readableBytes() - 64));
        Smb2SessionSetupResponse empty = new Smb2SessionSetupResponse(0, new byte[0]);
        assertEquals(empty, decodeBody(withHeader(empty::encode), Smb2SessionSetupResponse::decode));
    }

    @Test
    void logoffRequestAndResponseRoundTrip() throws Exception {
        ByteBuf request = withHeader(Smb2LogoffRequest.INSTANCE::encode);
        assertEquals("04000000", ByteBufUtil.hexDump(request, 64, 4));
        assertEquals(Smb2LogoffRequest.INSTANCE, decodeBody(request, Smb2LogoffRequest::decode));
        ByteBuf response = withHeader(Smb2LogoffResponse.INSTANCE::encode);
        assertEquals(Smb2LogoffResponse.INSTANCE, decodeBody(response, Smb2LogoffResponse::decode));
    }

    @Test
    void anEmptyBufferMayHaveAnyOffset() throws Exception {
        ByteBuf message = withHeader(body -> sessionSetupFields(body, 0, 0));
        assertArrayEquals(new byte[0], decodeBody(message, Smb2SessionSetupRequest::decode).securityBuffer());
    }

    @Test
    void aBufferOutsideTheMessageOrInsideTheFixedPartIsRefused() {
        int[][] offsetAndLength = {
            {88, TOKEN.length + 1},      // one byte past the end
            {89, TOKEN.length},          // shifted: ends past the message
            {87, TOKEN.length},          // starts in PreviousSessionId
            {0, TOKEN.length},           // points at the header
            {64, TOKEN.length},          // points at the fixed part
            {0xFFFF, 0xFFFF},            // far outside
        };
        for (int[] bad : offsetAndLength) {
            ByteBuf message = withHeader(body -> {
                sessionSetupFields(body, bad[0], bad[1]);
                body.writeBytes(TOKEN);
            });
            assertThrows(SmbWireException.class, () -> decodeBody(message, Smb2SessionSetupRequest::decode),
                    "offset " + bad[0] + " length " + bad[1]);
        }
        ByteBuf response = withHeader(body -> body.writeShortLE(9).writeShortLE(0).writeShortLE(64)
                .writeShortLE(TOKEN.length).writeBytes(TOKEN));
        assertThrows(SmbWireException.class, () -> decodeBody(response, Smb2SessionSetupResponse::decode));
    }

    @Test
    void aWrongStructureSizeIsRefused() {
        ByteBuf request = withHeader(body -> {
            new Smb2SessionSetupRequest(0, 1, 0, 0, 0, TOKEN).encode(body);
            body.setShortLE(0, 24);
        });
        assertThrows(SmbWireException.class, () -> decodeBody(request, Smb2SessionSetupRequest::decode));
        ByteBuf response = withHeader(body -> {
            new Smb2SessionSetupResponse(0, TOKEN).encode(body);
            body.setShortLE(0, 8);
        });
        assertThrows(SmbWireException.class, () -> decodeBody(response, Smb2SessionSetupResponse::decode));
        ByteBuf logoff = withHeader(body -> body.writeShortLE(25).writeShortLE(0));
        assertThrows(SmbWireException.class, () -> decodeBody(logoff, Smb2LogoffRequest::decode));
        assertThrows(SmbWireException.class, () -> decodeBody(logoff, Smb2LogoffResponse::decode));
    }

    @Test
    void everyTruncationIsAWireException() {
        ByteBuf request = withHeader(new Smb2SessionSetupRequest(0, 1, 0, 0, 0, TOKEN)::encode);
        ByteBuf response = withHeader(new Smb2SessionSetupResponse(0, TOKEN)::encode);
        ByteBuf logoff = withHeader(Smb2LogoffRequest.INSTANCE::encode);
        assertTruncationsFail(request, Smb2SessionSetupRequest::decode);
        assertTruncationsFail(response, Smb2SessionSetupResponse::decode);
        assertTruncationsFail(logoff, Smb2LogoffRequest::decode);
        assertTruncationsFail(logoff, Smb2LogoffResponse::decode);
    }

    private static <T> void assertTruncationsFail(ByteBuf message, Decoder<T> decoder) {
        for (int length = 0; length < message.readableBytes(); length++) {
            ByteBuf cut = message.slice(0, length);
            assertThrows(SmbWireException.class, () -> decodeBody(cut, decoder), "cut at " + length);
        }
    }

    /** The fixed part of a SESSION_SETUP request with the given buffer fields. */
    private static void sessionSetupFields(ByteBuf body, int offset, int length) {
        body.writeShortLE(25).writeByte(0).writeByte(1).writeIntLE(0).writeIntLE(0)
                .writeShortLE(offset).writeShortLE(length).writeLongLE(0);
    }

    private static ByteBuf withHeader(Consumer<ByteBuf> body) {
        ByteBuf message = Unpooled.buffer();
        Smb2Header.response(Smb2Command.SESSION_SETUP, 1, 0, 1, 0).encode(message);
        ByteBuf bodyBytes = Unpooled.buffer();
        body.accept(bodyBytes);
        return message.writeBytes(bodyBytes);
    }

    private static <T> T decodeBody(ByteBuf message, Decoder<T> decoder) throws SmbWireException {
        WireReader in = new WireReader(message);
        Smb2Header.decode(in);
        return decoder.decode(in);
    }
}
