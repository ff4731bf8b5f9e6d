package io.cistern.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.StoredBlock;
import io.cistern.core.payload.ObjectInStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The walk over every store: store after store, resumed from a checkpoint of either format, a deleted store skipped. */
class EveryStoreWalkTest {
    private static final BlockHash A = hash("a");
    private static final BlockHash B = hash("b");
    private static final BlockHash C = hash("c");

    /** Store 0 holds two blocks, store 5 one; listings in hash order, as the stores give them. */
    private final Map<Long, List<BlockHash>> stores = new TreeMap<>(Map.of(0L, sorted(A, B), 5L, List.of(C)));

    @Test
    void walksEveryStoreInIdOrderAndCheckpointsStoreAndHash() {
        Walk walk = new Walk();
        walk.open(null);
        List<String> read = new ArrayList<>();
        List<String> checkpoints = new ArrayList<>();
        for (Object item = walk.readItem(); item != null; item = walk.readItem()) {
            ObjectInStore object = (ObjectInStore) item;
            read.add(object.storeId() + ":" + object.object().hash().hex());
            checkpoints.add((String) walk.checkpointInfo());
        }
        List<BlockHash> first = stores.get(0L);
        assertEquals(List.of("0:" + first.get(0).hex(), "0:" + first.get(1).hex(), "5:" + C.hex()), read);
        assertEquals(read, checkpoints);
    }

    @Test
    void resumesAfterTheCheckpointThenTheStoresAfterIt() {
        List<BlockHash> first = stores.get(0L);
        assertEquals(List.of("0:" + first.get(1).hex(), "5:" + C.hex()), readAll("0:" + first.get(0).hex()));
        assertEquals(List.of("5:" + C.hex()), readAll("0:" + first.get(1).hex()));
        assertEquals(List.of(), readAll("5:" + C.hex()));
        assertEquals(List.of("5:" + C.hex()), readAll("5:"), "a store's start");
    }

    @Test
    void aPlainHexCheckpointIsTheDefaultStoresAndADeletedStoreIsSkipped() {
        List<BlockHash> first = stores.get(0L);
        assertEquals(List.of("0:" + first.get(1).hex(), "5:" + C.hex()), readAll(first.get(0).hex()));
        assertEquals(List.of("5:" + C.hex()), readAll("3:" + A.hex()), "store 3 is gone: store 5 from its first");
    }

    private List<String> readAll(String checkpoint) {
        Walk walk = new Walk();
        walk.open(checkpoint);
        List<String> read = new ArrayList<>();
        for (Object item = walk.readItem(); item != null; item = walk.readItem()) {
            ObjectInStore object = (ObjectInStore) item;
            read.add(object.storeId() + ":" + object.object().hash().hex());
        }
        walk.close();
        return read;
    }

    private final class Walk extends EveryStoreWalk {
        @Override
        protected List<Long> storeIds() {
            return List.copyOf(stores.keySet());
        }

        @Override
        protected Stream<StoredBlock> listAfter(long storeId, BlockHash after) {
            return stores.get(storeId).stream()
                    .filter(hash -> after == null || hash.hex().compareTo(after.hex()) > 0)
                    .map(hash -> new StoredBlock(hash, 1, Instant.EPOCH));
        }
    }

    private static List<BlockHash> sorted(BlockHash... hashes) {
        return Stream.of(hashes).sorted((x, y) -> x.hex().compareTo(y.hex())).toList();
    }

    private static BlockHash hash(String content) {
        return BlockHash.of(content.getBytes(StandardCharsets.UTF_8));
    }
}
