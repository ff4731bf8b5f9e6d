package io.cistern.smb.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Smb2TransformHeaderTest {
    // the transform header of the WRITE request in "Encryption in SMB 3.0: A protocol perspective"
    // (Microsoft Open Specifications blog), whose Nonce tail and SessionId are not zero
    private static final String BLOG_HEADER = "FD534D42" + "81A286535415445DAE393921E44FA42E"
            + "66E69A111892584FB5ED524A744DA3EE" + "87000000" + "0000" + "0100" + "1100001400E40800";

    @Test
    void decodesThePublishedHeaderFieldByField() throws Exception {
        Smb2TransformHeader header = decode(HexFormat.of().parseHex(BLOG_HEADER.toLowerCase()));
        assertEquals("81a286535415445dae393921e44fa42e", HexFormat.of().formatHex(header.signature()));
        assertEquals("66e69a111892584fb5ed524a744da3ee", HexFormat.of().formatHex(header.nonce()));
        assertEquals(0x87, header.originalMessageSize());
        assertEquals(0, header.reserved());
        assertEquals(Smb2TransformHeader.FLAGS_ENCRYPTED, header.flags());
        assertEquals(0x8E40014000011L, header.sessionId());
    }

    @Test
    void encodeIsTheInverseOfDecode() throws Exception {
        byte[] wire = HexFormat.of().parseHex(BLOG_HEADER.toLowerCase());
        Smb2TransformHeader header = decode(wire);
        ByteBuf out = Unpooled.buffer();
        header.encode(out);
        assertEquals(BLOG_HEADER.toLowerCase(), ByteBufUtil.hexDump(out));

        Smb2TransformHeader odd = new Smb2TransformHeader(new byte[16], filled(16, 0x33), 0xFFFF_FFF0, 0xABCD, 0x0002,
                -1L);
        ByteBuf buf = Unpooled.buffer();
        odd.encode(buf);
        assertEquals(Smb2TransformHeader.STRUCTURE_SIZE, buf.readableBytes());
        assertEquals(odd, Smb2TransformHeader.decode(new WireReader(buf)));
        assertEquals(0xFFFF_FFF0L, odd.originalMessageSizeUnsigned());
    }

    @Test
    void associatedDataIsTheThirtyTwoBytesFromNonceToSessionId() throws Exception {
        byte[] wire = HexFormat.of().parseHex(BLOG_HEADER.toLowerCase());
        // the blog prints this AAD for the same message
        assertEquals("66e69a111892584fb5ed524a744da3ee87000000000001001100001400e40800",
                HexFormat.of().formatHex(decode(wire).associatedData()));
        assertArrayEquals(Arrays.copyOfRange(wire, 20, 52), decode(wire).associatedData());
    }

    @Test
    void rejectsEveryTruncationAndAnotherProtocolId() {
        byte[] wire = HexFormat.of().parseHex(BLOG_HEADER.toLowerCase());
        for (int length = 0; length < Smb2TransformHeader.STRUCTURE_SIZE; length++) {
            byte[] truncated = Arrays.copyOf(wire, length);
            assertThrows(SmbWireException.class, () -> decode(truncated), "length " + length);
        }
        byte[] smb2 = wire.clone();
        smb2[0] = (byte) 0xFE;
        assertThrows(SmbWireException.class, () -> decode(smb2));
    }

    @Test
    void isAValueWithDefensiveCopies() {
        byte[] nonce = filled(16, 1);
        Smb2TransformHeader header = Smb2TransformHeader.forEncryption(nonce, 100, 5);
        nonce[0] = 9;
        header.nonce()[1] = 9;
        assertArrayEquals(filled(16, 1), header.nonce());
        assertEquals(header, Smb2TransformHeader.forEncryption(filled(16, 1), 100, 5));
        assertNotEquals(header, header.withSignature(filled(16, 2)));
        assertArrayEquals(filled(16, 2), header.withSignature(filled(16, 2)).signature());
        assertThrows(IllegalArgumentException.class, () -> Smb2TransformHeader.forEncryption(new byte[12], 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new Smb2TransformHeader(new byte[15], new byte[16], 1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new Smb2TransformHeader(new byte[16], new byte[16], 1, 0, 0x10000, 1));
    }

    private static Smb2TransformHeader decode(byte[] wire) throws SmbWireException {
        return Smb2TransformHeader.decode(new WireReader(Unpooled.wrappedBuffer(wire)));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
