package io.cistern.smb.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * TREE_CONNECT ([MS-SMB2] 2.2.9, 2.2.10), TREE_DISCONNECT (2.2.11, 2.2.12) and ECHO (2.2.28, 2.2.29): round trips,
 * the byte layouts of the spec, and every way the path fields can lie.
 */
class TreeWireTest {
    private static final String PATH = "\\\\server\\data";

    @FunctionalInterface
    interface Decoder<T> {
        T decode(WireReader in) throws SmbWireException;
    }

    @Test
    void treeConnectRequestRoundTripsAndHasTheSpecLayout() throws Exception {
        Smb2TreeConnectRequest request = new Smb2TreeConnectRequest(0, PATH);
        ByteBuf message = withHeader(request::encode);
        assertEquals(request, decodeBody(message, Smb2TreeConnectRequest::decode));
        byte[] utf16 = PATH.getBytes(StandardCharsets.UTF_16LE);
        // StructureSize 9, Reserved 0, PathOffset 72, PathLength 26, then the path
        assertEquals("0900" + "0000" + "4800" + "1a00" + ByteBufUtil.hexDump(utf16),
                ByteBufUtil.hexDump(message, 64, message.readableBytes() - 64));
        Smb2TreeConnectRequest unicode = new Smb2TreeConnectRequest(0, "\\\\sérvér\\Dätä\uD83D\uDCC1");
        assertEquals(unicode, decodeBody(withHeader(unicode::encode), Smb2TreeConnectRequest::decode));
    }

    @Test
    void anEmptyPathDecodesEmptyWhateverItsOffset() throws Exception {
        ByteBuf message = withHeader(body -> treeConnectFields(body, 0, 0));
        assertEquals("", decodeBody(message, Smb2TreeConnectRequest::decode).path());
    }

    @Test
    void aPathOutsideTheMessageInsideTheFixedPartOrOfOddLengthIsRefused() {
        int length = PATH.length() * 2;
        int[][] offsetAndLength = {
            {72, length + 2},            // past the end
            {74, length},                // shifted: ends past the message
            {70, length},                // starts in PathLength
            {0, length},                 // points at the header
            {64, length},                // points at the fixed part
            {72, length - 1},            // odd: half a UTF-16 unit
            {0xFFFF, 0xFFFF},            // far outside
        };
        for (int[] bad : offsetAndLength) {
            ByteBuf message = withHeader(body -> {
                treeConnectFields(body, bad[0], bad[1]);
                body.writeBytes(PATH.getBytes(StandardCharsets.UTF_16LE));
            });
            assertThrows(SmbWireException.class, () -> decodeBody(message, Smb2TreeConnectRequest::decode),
                    "offset " + bad[0] + " length " + bad[1]);
        }
    }

    @Test
    void anUnpairedSurrogateIsAMalformedPathNotAName() {
        ByteBuf message = withHeader(body -> {
            treeConnectFields(body, 72, 6);
            body.writeShortLE('\\').writeShortLE(0xD83D).writeShortLE('x');
        });
        assertThrows(SmbWireException.class, () -> decodeBody(message, Smb2TreeConnectRequest::decode));
    }

    @Test
    void treeConnectResponseRoundTripsAndHasTheSpecLayout() throws Exception {
        Smb2TreeConnectResponse response = new Smb2TreeConnectResponse(Smb2TreeConnectResponse.SHARE_TYPE_DISK, 0,
                0, AccessMask.ALL_FILE_RIGHTS);
        ByteBuf message = withHeader(response::encode);
        assertEquals(response, decodeBody(message, Smb2TreeConnectResponse::decode));
        // StructureSize 16, ShareType 1, Reserved, ShareFlags 0, Capabilities 0, MaximalAccess 0x001F01FF
        assertEquals("1000" + "01" + "00" + "00000000" + "00000000" + "ff011f00",
                ByteBufUtil.hexDump(message, 64, message.readableBytes() - 64));
        Smb2TreeConnectResponse pipe = new Smb2TreeConnectResponse(Smb2TreeConnectResponse.SHARE_TYPE_PIPE,
                0x30, 0x8, AccessMask.GENERIC_READ);
        assertEquals(pipe, decodeBody(withHeader(pipe::encode), Smb2TreeConnectResponse::decode));
    }

    @Test
    void theTwoMaximalAccessMasksAreTheWellKnownValues() {
        assertEquals(0x0012_00A9, AccessMask.READ_AND_EXECUTE, "FILE_GENERIC_READ | FILE_GENERIC_EXECUTE");
        assertEquals(0x001F_01FF, AccessMask.ALL_FILE_RIGHTS, "FILE_ALL_ACCESS");
        assertEquals(0, AccessMask.READ_AND_EXECUTE & (AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA
                | AccessMask.FILE_WRITE_EA | AccessMask.FILE_WRITE_ATTRIBUTES | AccessMask.DELETE
                | AccessMask.FILE_DELETE_CHILD | AccessMask.WRITE_DAC | AccessMask.WRITE_OWNER));
    }

    @Test
    void treeDisconnectAndEchoRoundTrip() throws Exception {
        ByteBuf disconnect = withHeader(Smb2TreeDisconnectRequest.INSTANCE::encode);
        assertEquals("04000000", ByteBufUtil.hexDump(disconnect, 64, disconnect.readableBytes() - 64));
        assertEquals(Smb2TreeDisconnectRequest.INSTANCE, decodeBody(disconnect, Smb2TreeDisconnectRequest::decode));
        assertEquals(Smb2TreeDisconnectResponse.INSTANCE,
                decodeBody(withHeader(Smb2TreeDisconnectResponse.INSTANCE::encode), Smb2TreeDisconnectResponse::decode));
        ByteBuf echo = withHeader(Smb2EchoRequest.INSTANCE::encode);
        assertEquals("04000000", ByteBufUtil.hexDump(echo, 64, echo.readableBytes() - 64));
        assertEquals(Smb2EchoRequest.INSTANCE, decodeBody(echo, Smb2EchoRequest::decode));
        assertEquals(Smb2EchoResponse.INSTANCE,
                decodeBody(withHeader(Smb2EchoResponse.INSTANCE::encode), Smb2EchoResponse::decode));
    }

    @Test
    void aWrongStructureSizeIsRefused() {
        ByteBuf treeConnect = withHeader(body -> {
            new Smb2TreeConnectRequest(0, PATH).encode(body);
            body.setShortLE(0, 8);
        });
        assertThrows(SmbWireException.class, () -> decodeBody(treeConnect, Smb2TreeConnectRequest::decode));
        ByteBuf response = withHeader(body -> {
            new Smb2TreeConnectResponse(1, 0, 0, 0).encode(body);
            body.setShortLE(0, 9);
        });
        assertThrows(SmbWireException.class, () -> decodeBody(response, Smb2TreeConnectResponse::decode));
        ByteBuf five = withHeader(body -> body.writeShortLE(5).writeShortLE(0));
        assertThrows(SmbWireException.class, () -> decodeBody(five, Smb2TreeDisconnectRequest::decode));
        assertThrows(SmbWireException.class, () -> decodeBody(five, Smb2TreeDisconnectResponse::decode));
        assertThrows(SmbWireException.class, () -> decodeBody(five, Smb2EchoRequest::decode));
        assertThrows(SmbWireException.class, () -> decodeBody(five, Smb2EchoResponse::decode));
    }

    @Test
    void everyTruncationIsAWireException() {
        assertTruncationsFail(withHeader(new Smb2TreeConnectRequest(0, PATH)::encode), Smb2TreeConnectRequest::decode);
        assertTruncationsFail(withHeader(new Smb2TreeConnectResponse(1, 0, 0, 0)::encode),
                Smb2TreeConnectResponse::decode);
        ByteBuf four = withHeader(Smb2EchoRequest.INSTANCE::encode);
        assertTruncationsFail(four, Smb2TreeDisconnectRequest::decode);
        assertTruncationsFail(four, Smb2TreeDisconnectResponse::decode);
        assertTruncationsFail(four, Smb2EchoRequest::decode);
        assertTruncationsFail(four, Smb2EchoResponse::decode);
    }

    @Test
    void aResponseHeaderCarriesTheTreeIdItIsGiven() throws Exception {
        Smb2Header header = Smb2Header.response(Smb2Command.TREE_CONNECT, 9, 0, 1, 0x55L).withTreeId(0xABCD);
        ByteBuf message = Unpooled.buffer();
        header.encode(message);
        Smb2Header decoded = Smb2Header.decode(new WireReader(message));
        assertEquals(0xABCD, decoded.treeId());
        assertEquals(header, decoded);
    }

    private static <T> void assertTruncationsFail(ByteBuf message, Decoder<T> decoder) {
        for (int length = 0; length < message.readableBytes(); length++) {
            ByteBuf cut = message.slice(0, length);
            assertThrows(SmbWireException.class, () -> decodeBody(cut, decoder), "cut at " + length);
        }
    }

    /** The fixed part of a TREE_CONNECT request with the given path fields. */
    private static void treeConnectFields(ByteBuf body, int offset, int length) {
        body.writeShortLE(9).writeShortLE(0).writeShortLE(offset).writeShortLE(length);
    }

    private static ByteBuf withHeader(Consumer<ByteBuf> body) {
        ByteBuf message = Unpooled.buffer();
        Smb2Header.response(Smb2Command.TREE_CONNECT, 1, 0, 1, 0).encode(message);
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
