package io.cistern.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The copy of recent writes keeps small payloads, evicts the oldest, and leaves a stream's large writes out. */
class RecentWritesTest {
    @Test
    void aPayloadUpToTheLargestKeptIsHeldAsWritten() {
        RecentWrites recent = new RecentWrites(1 << 20, 4096);
        byte[] data = bytes(4096, 3);
        recent.put(1, ByteBuffer.wrap(data));
        assertEquals(4096, recent.heldBytes());
        ByteBuffer held = recent.get(1).orElseThrow();
        byte[] back = new byte[held.remaining()];
        held.get(back);
        assertArrayEquals(data, back);
    }

    @Test
    void aLargerPayloadIsNotCopiedAndIsReadFromTheJournalInstead() {
        RecentWrites recent = new RecentWrites(1 << 20, 4096);
        recent.put(1, ByteBuffer.wrap(bytes(100, 1)));
        recent.put(2, ByteBuffer.wrap(bytes(4097, 2)));
        assertTrue(recent.get(2).isEmpty());
        assertTrue(recent.get(1).isPresent(), "what was held stays");
        assertEquals(100, recent.heldBytes());
    }

    @Test
    void whenFullTheOldestGoFirst() {
        RecentWrites recent = new RecentWrites(10_000, 4096);
        for (long sequence = 1; sequence <= 4; sequence++) {
            recent.put(sequence, ByteBuffer.wrap(bytes(3000, (int) sequence)));
        }
        assertTrue(recent.get(1).isEmpty());
        assertTrue(recent.get(2).isPresent() && recent.get(4).isPresent());
        assertEquals(9000, recent.heldBytes());
    }

    @Test
    void withoutALimitOfItsOwnAnyPayloadWithinTheCapacityIsHeld() {
        RecentWrites recent = new RecentWrites(1 << 20);
        recent.put(1, ByteBuffer.wrap(bytes(1 << 20, 5)));
        assertTrue(recent.get(1).isPresent());
    }

    private static byte[] bytes(int length, int value) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) value);
        return data;
    }
}
