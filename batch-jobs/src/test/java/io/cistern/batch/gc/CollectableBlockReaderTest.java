package io.cistern.batch.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.model.BlockStoreRow;
import io.cistern.core.payload.StoredHash;
import org.junit.jupiter.api.Test;

/** The collection's checkpoint: a block of any store, and a hash alone as collections wrote it before stores. */
class CollectableBlockReaderTest {
    private static final String HEX = "0f".repeat(32);

    @Test
    void aCheckpointNamesTheStoreAndTheHash() {
        assertEquals(new StoredHash(42, BlockHash.fromHex(HEX)), CollectableBlockReader.fromCheckpoint("42:" + HEX));
    }

    @Test
    void aHashAloneFromAnOlderCollectionIsInTheDefaultStore() {
        assertEquals(new StoredHash(BlockStoreRow.DEFAULT_ID, BlockHash.fromHex(HEX)),
                CollectableBlockReader.fromCheckpoint(HEX));
    }
}
