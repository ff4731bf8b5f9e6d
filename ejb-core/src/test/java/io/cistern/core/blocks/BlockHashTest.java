package io.cistern.core.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlockHashTest {
    /** SHA-256("abc") from FIPS 180-2, appendix B.1. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void isTheSha256OfTheBytes() {
        BlockHash hash = BlockHash.of("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(ABC, hash.hex());
        assertEquals(ABC, hash.toString());
        assertEquals("ba/78/" + ABC, hash.shardedPath());
        assertEquals("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", hash.base64());
    }

    @Test
    void aBufferIsHashedWithoutMovingIt() {
        ByteBuffer buffer = ByteBuffer.wrap("xxabc".getBytes(StandardCharsets.US_ASCII));
        buffer.position(2);
        assertEquals(ABC, BlockHash.of(buffer).hex());
        assertEquals(2, buffer.position());
    }

    @Test
    void comparesByValueAndCannotBeChangedFromOutside() {
        byte[] digest = BlockHash.fromHex(ABC).bytes();
        BlockHash hash = new BlockHash(digest);
        digest[0] ^= 1;
        hash.bytes()[1] ^= 1;
        assertEquals(BlockHash.fromHex(ABC.toUpperCase()), hash);
        assertEquals(BlockHash.fromHex(ABC).hashCode(), hash.hashCode());
        assertNotEquals(new BlockHash(digest), hash);
    }

    @Test
    void refusesWhatIsNotASha256() {
        assertThrows(IllegalArgumentException.class, () -> new BlockHash(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> BlockHash.fromHex("abc"));
        assertTrue(BlockHash.isHex(ABC));
        assertFalse(BlockHash.isHex(ABC.toUpperCase()));
        assertFalse(BlockHash.isHex(ABC.substring(1) + "g"));
    }

    @Test
    void matchesOnlyItsOwnContent() {
        BlockHash hash = BlockHash.fromHex(ABC);
        assertTrue(hash.matches("abc".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(hash.matches("abd".getBytes(StandardCharsets.US_ASCII)));
    }
}
