package io.cistern.smb.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class Smb2LockRequestTest {
    private static final Smb2FileId FILE = new Smb2FileId(7, 9);

    @Test
    void elementsRoundTrip() throws Exception {
        Smb2LockRequest request = new Smb2LockRequest(0, FILE, List.of(
                new Smb2LockRequest.Element(0, 100, Smb2LockRequest.EXCLUSIVE_LOCK | Smb2LockRequest.FAIL_IMMEDIATELY),
                new Smb2LockRequest.Element(-1L, 1, Smb2LockRequest.SHARED_LOCK)));
        ByteBuf out = Unpooled.buffer();
        request.encode(out);
        assertEquals(Smb2LockRequest.STRUCTURE_SIZE + 24, out.readableBytes());
        assertEquals(request, Smb2LockRequest.decode(new WireReader(out)));
    }

    @Test
    void rangesPastTheLastByteOverflowAndFlagsAreChecked() {
        assertFalse(new Smb2LockRequest.Element(-2L, 2, Smb2LockRequest.SHARED_LOCK).overflows(), "ends on 2^64 - 1");
        assertFalse(new Smb2LockRequest.Element(-1L, 1, Smb2LockRequest.SHARED_LOCK).overflows(), "the last byte");
        assertFalse(new Smb2LockRequest.Element(-1L, 0, Smb2LockRequest.SHARED_LOCK).overflows(), "no bytes");
        assertTrue(new Smb2LockRequest.Element(-1L, 2, Smb2LockRequest.SHARED_LOCK).overflows());
        assertTrue(new Smb2LockRequest.Element(-1L, -1L, Smb2LockRequest.SHARED_LOCK).overflows());
        assertFalse(new Smb2LockRequest.Element(1, -1L, Smb2LockRequest.SHARED_LOCK).overflows(), "1 .. 2^64 - 1");
        assertTrue(new Smb2LockRequest.Element(2, -1L, Smb2LockRequest.SHARED_LOCK).overflows());
        assertFalse(new Smb2LockRequest.Element(0, 0, Smb2LockRequest.UNLOCK).isValidLock());
        assertFalse(new Smb2LockRequest.Element(0, 1, Smb2LockRequest.SHARED_LOCK | Smb2LockRequest.EXCLUSIVE_LOCK)
                .isValidLock());
        assertTrue(new Smb2LockRequest.Element(0, 1, Smb2LockRequest.UNLOCK).isUnlock());
        assertFalse(new Smb2LockRequest.Element(0, 1, Smb2LockRequest.UNLOCK | Smb2LockRequest.FAIL_IMMEDIATELY)
                .isUnlock(), "an unlock with FAIL_IMMEDIATELY is invalid (3.3.5.14.1)");
    }

    @Test
    void aCountBeyondTheMessageOrOfZeroIsMalformed() {
        ByteBuf noElements = Unpooled.buffer();
        new Smb2LockRequest(0, FILE, List.of(new Smb2LockRequest.Element(0, 1, Smb2LockRequest.SHARED_LOCK)))
                .encode(noElements);
        noElements.setShortLE(2, 3);                           // LockCount 3, one element present
        assertThrows(SmbWireException.class, () -> Smb2LockRequest.decode(new WireReader(noElements)));
        noElements.setShortLE(2, 0);
        assertThrows(SmbWireException.class, () -> Smb2LockRequest.decode(new WireReader(noElements)));
    }
}
