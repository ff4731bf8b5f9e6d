package io.cistern.core.blocks;

import static io.cistern.core.blocks.TestBlocks.buffer;
import static io.cistern.core.blocks.TestBlocks.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.blocks.BlockStoreException.Kind;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** S3BlockStore against a real S3Proxy 4.1.0 process (filesystem backend). */
class S3BlockStoreTest {
    @RegisterExtension
    static final S3ProxyExtension S3PROXY = new S3ProxyExtension();
    private static final String BUCKET = "cistern-blocks";
    /** Short enough for the outage test to stay fast, long enough for a 4 MiB put on a busy machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final int ATTEMPTS = 2;

    private static S3Client raw;
    private String prefix;
    private S3BlockStore store;

    @BeforeAll
    static void createBucket() {
        raw = S3PROXY.rawClient();
        raw.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void closeRawClient() {
        raw.close();
    }

    /** Every test works under a prefix of its own, so that listings see only its blocks. */
    @BeforeEach
    void openStore(TestInfo test) {
        prefix = test.getTestMethod().orElseThrow().getName() + "/";
        store = new S3BlockStore(S3PROXY.config(BUCKET, prefix, TIMEOUT, ATTEMPTS));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void roundTripUnderTheShardedKey() {
        byte[] data = bytes(BlockStore.MAX_BLOCK, 31);
        BlockHash hash = BlockHash.of(data);

        store.put(hash, buffer(data));

        assertArrayEquals(data, store.get(hash));
        assertTrue(store.exists(hash));
        assertEquals(prefix + hash.shardedPath(), store.keyOf(hash));
        assertEquals(data.length, raw.headObject(b -> b.bucket(BUCKET).key(prefix + hash.shardedPath())).contentLength());
    }

    /** The conditional put gets 412 for an existing key and leaves the object alone, even if it differs. */
    @Test
    void aSecondPutIsAcceptedAndDoesNotOverwrite() {
        byte[] data = bytes(10_000, 32);
        BlockHash hash = BlockHash.of(data);
        store.put(hash, buffer(data));
        byte[] planted = bytes(10_000, 33);
        raw.putObject(b -> b.bucket(BUCKET).key(store.keyOf(hash)), RequestBody.fromBytes(planted));

        store.put(hash, buffer(data));

        assertFalse(store.usesHeadBeforePut(), "S3Proxy 4.1.0 supports If-None-Match: *");
        assertArrayEquals(planted, store.get(hash), "the conditional put must not rewrite an existing object");
    }

    /** The SHA-256 travels with the put, and the server refuses bytes that do not match it. */
    @Test
    void contentThatDoesNotMatchItsHashIsRefusedByTheServer() {
        BlockHash hash = BlockHash.of(bytes(1_000, 34));

        BlockStoreException refused = assertThrows(BlockStoreException.class, () -> store.put(hash, buffer(bytes(1_000, 35))));

        assertEquals(Kind.CORRUPT, refused.kind(), refused.toString());
        assertFalse(store.exists(hash));
    }

    @Test
    void rangesAreClippedAtTheEndOfTheBlock() {
        byte[] data = bytes(1_000, 36);
        BlockHash hash = BlockHash.of(data);
        store.put(hash, buffer(data));

        assertArrayEquals(Arrays.copyOfRange(data, 100, 350), store.get(hash, 100, 250));
        assertArrayEquals(Arrays.copyOfRange(data, 900, 1_000), store.get(hash, 900, 500));
        assertEquals(0, store.get(hash, 1_000, 10).length);
        assertEquals(0, store.get(hash, 10, 0).length);
        assertKind(Kind.NOT_FOUND, () -> store.get(BlockHash.of(new byte[] {1}), 0, 10));
        assertKind(Kind.NOT_FOUND, () -> store.get(BlockHash.of(new byte[] {1}), 0, 0));
    }

    @Test
    void existsAndDelete() {
        byte[] data = bytes(100, 37);
        BlockHash hash = BlockHash.of(data);
        assertFalse(store.exists(hash));
        assertKind(Kind.NOT_FOUND, () -> store.get(hash));
        store.put(hash, buffer(data));
        assertTrue(store.exists(hash));

        store.delete(hash);
        store.delete(hash);

        assertFalse(store.exists(hash));
        assertKind(Kind.NOT_FOUND, () -> store.get(hash));
    }

    /** Key order is hash order: the listing comes sorted, and StartAfter resumes just after a given block. */
    @Test
    void listInOrderIsInHashOrderAndResumesAfterAHash() {
        java.util.TreeSet<BlockHash> hashes = new java.util.TreeSet<>();
        for (int i = 0; i < 12; i++) {
            hashes.add(putRandom(store, 100 + i, 50 + i));
        }
        raw.putObject(b -> b.bucket(BUCKET).key(prefix + "README"), RequestBody.fromString("not a block"));
        BlockHash middle = hashes.stream().skip(5).findFirst().orElseThrow();

        assertEquals(java.util.List.copyOf(hashes), orderedHashes(store.listInOrder(null)));
        assertEquals(java.util.List.copyOf(hashes.tailSet(middle, false)), orderedHashes(store.listInOrder(middle)));
        assertEquals(java.util.List.of(), orderedHashes(store.listInOrder(hashes.last())));
    }

    private static java.util.List<BlockHash> orderedHashes(Stream<StoredBlock> listing) {
        try (listing) {
            return listing.map(StoredBlock::hash).toList();
        }
    }

    @Test
    void listSeesOnlyItsOwnPrefix() {
        try (S3BlockStore other = new S3BlockStore(S3PROXY.config(BUCKET, prefix + "other/", TIMEOUT, ATTEMPTS))) {
            Map<BlockHash, Long> mine = Map.of(putRandom(store, 0, 38), 0L, putRandom(store, 5_000, 39), 5_000L);
            Map<BlockHash, Long> theirs = Map.of(putRandom(other, 7_000, 40), 7_000L);
            raw.putObject(b -> b.bucket(BUCKET).key(prefix + "README"), RequestBody.fromString("not a block"));

            assertEquals(mine, listed(store), "the nested prefix's blocks and foreign keys are not this store's");
            assertEquals(theirs, listed(other));
        }
    }

    @Test
    void wrongCredentialsFailWithoutShowingTheSecret() {
        String wrongSecret = "wrong-secret-0123456789";
        S3StoreConfig config = S3PROXY.config(BUCKET, prefix, TIMEOUT, ATTEMPTS)
                .withCredentials(S3ProxyExtension.IDENTITY, wrongSecret);
        byte[] data = bytes(100, 41);
        try (S3BlockStore denied = new S3BlockStore(config)) {
            for (Executable call : new Executable[] {
                    () -> denied.put(BlockHash.of(data), buffer(data)),
                    () -> denied.get(BlockHash.of(data)),
                    () -> denied.exists(BlockHash.of(data))}) {
                BlockStoreException e = assertThrows(BlockStoreException.class, call);
                assertEquals(Kind.IO, e.kind(), e.toString());
                assertTrue(e.getMessage().contains("access denied"), e.getMessage());
                assertFalse(e.getMessage().contains(wrongSecret), e.getMessage());
            }
            assertFalse(denied.describe().contains(wrongSecret) || config.toString().contains(wrongSecret));
            assertFalse(config.toString().contains(S3ProxyExtension.IDENTITY), config.toString());
        }
    }

    @Test
    void aMissingBucketIsNotAMissingBlock() {
        try (S3BlockStore nowhere = new S3BlockStore(S3PROXY.config("no-such-bucket", prefix, TIMEOUT, ATTEMPTS))) {
            BlockStoreException e = assertThrows(BlockStoreException.class, () -> nowhere.get(BlockHash.of(new byte[] {2})));
            assertEquals(Kind.IO, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("bucket does not exist"), e.getMessage());
        }
    }

    @Test
    void anOutageIsUnavailableWithinTheTimeoutAndPassesWhenTheStoreIsBack() {
        byte[] before = bytes(2_000, 42);
        BlockHash stored = BlockHash.of(before);
        store.put(stored, buffer(before));
        byte[] during = bytes(2_000, 43);
        BlockHash pending = BlockHash.of(during);

        S3PROXY.stop();
        try {
            assertUnavailableWithinTimeout(() -> store.put(pending, buffer(during)));
            assertUnavailableWithinTimeout(() -> store.get(stored));
            assertUnavailableWithinTimeout(() -> store.exists(stored));
            assertUnavailableWithinTimeout(() -> {
                try (Stream<StoredBlock> blocks = store.list()) {
                    blocks.count();
                }
            });
        } finally {
            S3PROXY.start();
        }

        store.put(pending, buffer(during));
        assertArrayEquals(during, store.get(pending));
        assertArrayEquals(before, store.get(stored));
    }

    @Test
    void aHungStoreIsUnavailableWhenTheTimeoutRunsOut() {
        byte[] data = bytes(2_000, 46);
        BlockHash hash = BlockHash.of(data);
        store.put(hash, buffer(data));

        S3PROXY.pause();
        long start = System.nanoTime();
        BlockStoreException e;
        try {
            e = assertThrows(BlockStoreException.class, () -> store.get(hash));
        } finally {
            S3PROXY.resume();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(Kind.UNAVAILABLE, e.kind(), e.toString());
        assertTrue(took.compareTo(TIMEOUT) >= 0 && took.compareTo(TIMEOUT.plusSeconds(1)) < 0, "took " + took);
        assertArrayEquals(data, store.get(hash));
    }

    @Test
    void verifyingOverS3DetectsAnOverwrittenObject() {
        VerifyingBlockStore verified = new VerifyingBlockStore(store);
        byte[] data = bytes(50_000, 44);
        BlockHash hash = BlockHash.of(data);
        verified.put(hash, buffer(data));
        raw.putObject(b -> b.bucket(BUCKET).key(store.keyOf(hash)), RequestBody.fromBytes(bytes(50_000, 45)));

        assertKind(Kind.CORRUPT, () -> verified.get(hash));
        assertKind(Kind.CORRUPT, () -> verified.get(hash, 0, 10));

        assertEquals(2, verified.corruptBlocks());
    }

    @Test
    void staleMultipartUploadsUnderThePrefixAreAborted() throws InterruptedException {
        String mine = raw.createMultipartUpload(b -> b.bucket(BUCKET).key(prefix + "ab/cd/partial")).uploadId();
        String elsewhere = raw.createMultipartUpload(b -> b.bucket(BUCKET).key("elsewhere/partial")).uploadId();
        try {
            assertEquals(0, store.abortStaleMultipartUploads(Duration.ofHours(1)), "a fresh upload is not stale");
            Thread.sleep(50);

            assertEquals(1, store.abortStaleMultipartUploads(Duration.ZERO));

            var left = raw.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream()
                    .map(u -> u.uploadId()).collect(Collectors.toSet());
            assertFalse(left.contains(mine));
            assertTrue(left.contains(elsewhere), "uploads outside the prefix are not this store's");
        } finally {
            raw.abortMultipartUpload(b -> b.bucket(BUCKET).key("elsewhere/partial").uploadId(elsewhere));
        }
    }

    private static BlockHash putRandom(BlockStore target, int size, long seed) {
        byte[] data = bytes(size, seed);
        BlockHash hash = BlockHash.of(data);
        target.put(hash, buffer(data));
        return hash;
    }

    private static Map<BlockHash, Long> listed(BlockStore source) {
        try (Stream<StoredBlock> blocks = source.list()) {
            return blocks.collect(Collectors.toMap(StoredBlock::hash, StoredBlock::size));
        }
    }

    private static void assertKind(Kind expected, Executable call) {
        BlockStoreException e = assertThrows(BlockStoreException.class, call);
        assertEquals(expected, e.kind(), e.toString());
    }

    private static void assertUnavailableWithinTimeout(Executable call) {
        long start = System.nanoTime();
        BlockStoreException e = assertThrows(BlockStoreException.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(Kind.UNAVAILABLE, e.kind(), e.toString());
        assertTrue(took.compareTo(TIMEOUT.plusMillis(500)) < 0, "took " + took);
    }
}
