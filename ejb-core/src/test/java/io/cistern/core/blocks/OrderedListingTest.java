package io.cistern.core.blocks;

import static io.cistern.core.blocks.TestBlocks.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BlockStore#listInOrder}: every block in ascending hash order, from just after any hash, for the filesystem
 * store (ordered directory walk) and for the interface's default (sorted in memory), with blocks chosen to share a
 * leaf directory and a top-level one so that the skipping and the sorting within a directory are both exercised.
 */
class OrderedListingTest {
    @TempDir
    Path root;
    FilesystemBlockStore store;
    /** The blocks put, by hash, each block's content being its key's 8 bytes. */
    final TreeMap<BlockHash, byte[]> stored = new TreeMap<>();

    @BeforeEach
    void fillStore() {
        store = new FilesystemBlockStore(root);
        List<byte[]> sameLeaf = contentsSharingPrefix(2, 3);
        List<byte[]> sameTop = contentsSharingPrefix(1, 3);
        List<byte[]> chosen = new ArrayList<>(sameLeaf);
        chosen.addAll(sameTop);
        for (long i = 0; i < 20; i++) {
            chosen.add(content(1_000_000 + i));
        }
        for (byte[] data : chosen) {
            store.put(BlockHash.of(data), buffer(data));
            stored.put(BlockHash.of(data), data);
        }
    }

    @Test
    void theFilesystemStoreListsEveryBlockInHashOrder() {
        assertEquals(List.copyOf(stored.keySet()), hashes(store.listInOrder(null)));
    }

    @Test
    void theFilesystemStoreResumesJustAfterAnyHashStoredOrNot() {
        for (BlockHash after : stored.keySet()) {
            assertEquals(List.copyOf(stored.tailMap(after, false).keySet()), hashes(store.listInOrder(after)),
                    "after " + after);
        }
        for (long i = 0; i < 30; i++) {   // hashes that are not stored fall between the stored ones
            BlockHash after = BlockHash.of(content(5_000_000 + i));
            assertEquals(List.copyOf(stored.tailMap(after, false).keySet()), hashes(store.listInOrder(after)),
                    "after " + after);
        }
        assertEquals(List.of(), hashes(store.listInOrder(stored.lastKey())));
    }

    @Test
    void sizesAreThoseOfTheListingAndForeignAndTempFilesAreSkipped() throws IOException {
        BlockHash first = stored.firstKey();
        Path leaf = store.pathOf(first).getParent();
        Files.writeString(leaf.resolve("notes.txt"), "not a block");
        Files.writeString(leaf.resolve("." + first.hex() + ".123.tmp"), "a put in progress");
        Files.writeString(root.resolve("zz"), "not a shard");
        Files.createDirectories(root.resolve("zz").resolveSibling("0g"));
        Files.writeString(leaf.resolve(BlockHash.of(new byte[] {7}).hex()), "a valid name in the wrong directory");

        Map<BlockHash, Long> expected = new HashMap<>();
        stored.forEach((hash, data) -> expected.put(hash, (long) data.length + BlockFileTrailer.SIZE));
        Map<BlockHash, Long> listed = new HashMap<>();
        try (Stream<StoredBlock> blocks = store.listInOrder(null)) {
            blocks.forEach(block -> listed.put(block.hash(), block.size()));
        }
        assertEquals(expected, listed);
        try (Stream<StoredBlock> blocks = store.list()) {
            assertEquals(expected.size(), blocks.count(), "the unordered listing agrees");
        }
    }

    @Test
    void theDefaultSortsTheUnorderedListing() {
        BlockStore unordered = new ListOnlyStore(store);
        assertEquals(List.copyOf(stored.keySet()), hashes(unordered.listInOrder(null)));
        BlockHash middle = List.copyOf(stored.keySet()).get(stored.size() / 2);
        assertEquals(List.copyOf(stored.tailMap(middle, false).keySet()), hashes(unordered.listInOrder(middle)));
    }

    @Test
    void aVerifyingStorePassesTheOrderedListingThrough() {
        assertEquals(List.copyOf(stored.keySet()), hashes(new VerifyingBlockStore(store).listInOrder(null)));
    }

    /** {@code count} contents whose hashes share their first {@code bytes} bytes (found by trying counters). */
    private static List<byte[]> contentsSharingPrefix(int bytes, int count) {
        Map<String, List<byte[]>> byPrefix = new HashMap<>();
        for (long i = 0; ; i++) {
            byte[] data = content(bytes * 10_000_000L + i);
            String prefix = BlockHash.of(data).hex().substring(0, 2 * bytes);
            List<byte[]> same = byPrefix.computeIfAbsent(prefix, p -> new ArrayList<>());
            same.add(data);
            if (same.size() == count) {
                assertTrue(BlockHash.of(same.get(0)).hex().startsWith(prefix));
                return same;
            }
        }
    }

    private static byte[] content(long key) {
        return ByteBuffer.allocate(Long.BYTES).putLong(key).array();
    }

    private static List<BlockHash> hashes(Stream<StoredBlock> listing) {
        try (listing) {
            return listing.map(StoredBlock::hash).toList();
        }
    }

    /** A store with only the unordered listing, to reach the interface's default. */
    private record ListOnlyStore(BlockStore inner) implements BlockStore {
        @Override public void put(BlockHash hash, ByteBuffer data) { inner.put(hash, data); }
        @Override public byte[] get(BlockHash hash) { return inner.get(hash); }
        @Override public byte[] get(BlockHash hash, long offset, int length) { return inner.get(hash, offset, length); }
        @Override public boolean exists(BlockHash hash) { return inner.exists(hash); }
        @Override public void delete(BlockHash hash) { inner.delete(hash); }
        @Override public Stream<StoredBlock> list() { return inner.list(); }
        @Override public String describe() { return "list-only " + inner.describe(); }
    }
}
