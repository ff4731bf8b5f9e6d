package io.cistern.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cistern.core.blocks.BlockHash;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checkpoint both store walks save (EveryStoreWalk, the audit's ReferencedBlockReader) and resume from. */
class StoreCheckpointTest {
    private static final BlockHash HASH = BlockHash.fromHex("ab".repeat(BlockHash.LENGTH));

    @Test
    void savedAndReadBackTheSame() {
        StoreCheckpoint saved = new StoreCheckpoint(7, HASH);
        assertEquals("7:" + HASH.hex(), saved.text());
        assertEquals(saved, StoreCheckpoint.parse(saved.text()));
        assertEquals(new StoreCheckpoint(7, null), StoreCheckpoint.parse("7:"), "a store not started");
        assertEquals(StoreCheckpoint.START, StoreCheckpoint.parse(null), "no checkpoint: the first store");
    }

    @Test
    void plainHexIsTheDefaultStores() {
        assertEquals(new StoreCheckpoint(0, HASH), StoreCheckpoint.parse(HASH.hex()));
    }

    @Test
    void resumesInItsStoreAndFromTheFirstHashOfTheNextWhenItsStoreIsGone() {
        StoreCheckpoint saved = new StoreCheckpoint(5, HASH);
        ArrayDeque<Long> left = new ArrayDeque<>(saved.storesLeft(List.of(9L, 0L, 5L)));
        assertEquals(List.of(5L, 9L), List.copyOf(left), "this store and those after it, in id order");
        assertEquals(HASH, saved.resumeAfter(left));

        ArrayDeque<Long> deleted = new ArrayDeque<>(saved.storesLeft(List.of(0L, 9L)));
        assertEquals(List.of(9L), List.copyOf(deleted));
        assertNull(saved.resumeAfter(deleted), "store 5 was deleted: store 9 from its first hash");
        assertNull(saved.resumeAfter(new ArrayDeque<>()), "no store left");
    }
}
