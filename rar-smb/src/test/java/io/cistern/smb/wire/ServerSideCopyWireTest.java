package io.cistern.smb.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cistern.smb.wire.SrvCopychunkCopy.Chunk;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SRV_COPYCHUNK_COPY (2.2.31.1), SRV_COPYCHUNK_RESPONSE (2.2.32.1), SRV_REQUEST_RESUME_KEY (2.2.32.3). */
class ServerSideCopyWireTest {
    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f1011121314151617");

    @Test
    void aCopychunkRequestHasTheLayoutOfTheSpecification() throws Exception {
        SrvCopychunkCopy copy = new SrvCopychunkCopy(KEY, List.of(new Chunk(0x1122, 0x3344, 0xFFFF_FFFFL)));
        byte[] bytes = copy.encode();
        assertEquals("000102030405060708090a0b0c0d0e0f1011121314151617" + "01000000" + "00000000"
                + "2211000000000000" + "4433000000000000" + "ffffffff" + "00000000", HexFormat.of().formatHex(bytes));
        assertEquals(copy, SrvCopychunkCopy.decode(bytes));
        assertEquals(0xFFFF_FFFFL, SrvCopychunkCopy.decode(bytes).totalLength());
    }

    @Test
    void copychunkRequestsRoundTripAndTrailingBytesAreIgnored() throws Exception {
        Random random = new Random(6);
        for (int count = 0; count < 5; count++) {
            Chunk[] chunks = new Chunk[count];
            for (int i = 0; i < count; i++) {
                chunks[i] = new Chunk(random.nextLong(), random.nextLong(), random.nextInt() & 0xFFFF_FFFFL);
            }
            SrvCopychunkCopy copy = new SrvCopychunkCopy(KEY, List.of(chunks));
            assertEquals(copy, SrvCopychunkCopy.decode(copy.encode()));
            assertEquals(copy, SrvCopychunkCopy.decode(Arrays.copyOf(copy.encode(), copy.encode().length + 5)));
        }
    }

    @Test
    void everyTruncationOfACopychunkRequestIsRefused() {
        byte[] bytes = new SrvCopychunkCopy(KEY, List.of(new Chunk(1, 2, 3), new Chunk(4, 5, 6))).encode();
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThrows(SmbWireException.class, () -> SrvCopychunkCopy.decode(truncated), "length " + length);
        }
    }

    @Test
    void aChunkCountBeyondTheInputIsRefusedWithoutAllocatingIt() {
        byte[] bytes = new SrvCopychunkCopy(KEY, List.of(new Chunk(1, 2, 3))).encode();
        bytes[24] = (byte) 0xFF;
        bytes[25] = (byte) 0xFF;
        bytes[26] = (byte) 0xFF;
        bytes[27] = (byte) 0xFF;
        assertThrows(SmbWireException.class, () -> SrvCopychunkCopy.decode(bytes));
        byte[] garbage = new byte[200];
        new Random(9).nextBytes(garbage);
        garbage[27] = 0x7F;
        assertThrows(SmbWireException.class, () -> SrvCopychunkCopy.decode(garbage));
    }

    @Test
    void aKeyMustHave24BytesAndALengthFitIn32Bits() {
        assertThrows(IllegalArgumentException.class, () -> new SrvCopychunkCopy(new byte[23], List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Chunk(0, 0, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new SrvRequestResumeKeyResponse(new byte[25]));
    }

    @Test
    void theCopychunkResponseIsThreeLittleEndianCounts() throws Exception {
        SrvCopychunkResponse response = new SrvCopychunkResponse(256, 1 << 20, 16 << 20);
        assertEquals("00010000" + "00001000" + "00000001", HexFormat.of().formatHex(response.encode()));
        assertEquals(response, SrvCopychunkResponse.decode(response.encode()));
        for (int length = 0; length < SrvCopychunkResponse.SIZE; length++) {
            byte[] truncated = Arrays.copyOf(response.encode(), length);
            assertThrows(SmbWireException.class, () -> SrvCopychunkResponse.decode(truncated));
        }
    }

    @Test
    void theResumeKeyResponseIsTheKeyAZeroContextLengthAndFourReservedBytes() throws Exception {
        SrvRequestResumeKeyResponse response = new SrvRequestResumeKeyResponse(KEY);
        byte[] bytes = response.encode();
        assertEquals(32, bytes.length);
        assertEquals(HexFormat.of().formatHex(KEY) + "00000000" + "00000000", HexFormat.of().formatHex(bytes));
        assertEquals(response, SrvRequestResumeKeyResponse.decode(bytes));
        assertArrayEquals(KEY, SrvRequestResumeKeyResponse.decode(Arrays.copyOf(bytes, 28)).resumeKey());
        for (int length = 0; length < 28; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThrows(SmbWireException.class, () -> SrvRequestResumeKeyResponse.decode(truncated));
        }
        bytes[24] = 9;
        assertThrows(SmbWireException.class, () -> SrvRequestResumeKeyResponse.decode(bytes), "a context past the end");
    }
}
