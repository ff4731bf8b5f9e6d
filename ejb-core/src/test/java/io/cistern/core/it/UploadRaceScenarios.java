package io.cistern.core.it;

import static io.cistern.core.it.Fixture.ALICE;
import static io.cistern.core.it.Fixture.ROOT;
import static io.cistern.core.it.Fixture.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.content.PayloadService;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.ReadResult;
import io.cistern.core.fs.Stability;
import io.cistern.core.payload.BlockUploader;
import io.cistern.core.payload.SealedWork;
import io.cistern.core.payload.UploadWork;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The upload's chunk and deletions of files whose blocks it references, at the same moment, on the real database: the
 * races in which PostgreSQL once aborted one side as a deadlock (40P01), a client's REMOVE failing with it. Every
 * transaction must lock files before blocks, several files in ascending id and several blocks in ascending hash
 * (io.cistern.core.payload.BlockIndex). Nothing may fail, and afterwards every count must equal its mappings.
 */
final class UploadRaceScenarios {
    private static final int ROUNDS = 15;
    private static final int BLOCK_ROUNDS = 6;
    private static final int BLOCK_GROUPS = 3;
    private static final int GROUPS = 6;
    private static final int SIZE = 16 * 1024;
    private static final int BLOCK = 4 << 20;
    private static final int PIECES = 4;
    private static final int VICTIMS = 4;
    private static final int TAG = Long.BYTES;
    private static final long SETTLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final Fixture f;
    private final PayloadService payload;
    private final BlockUploader uploader;
    private final BlockProbe blocks;

    UploadRaceScenarios(Fixture fixture, PayloadService payload, BlockUploader uploader, BlockProbe blocks) {
        this.f = fixture;
        this.payload = payload;
        this.uploader = uploader;
        this.blocks = blocks;
    }

    /**
     * Where deletions happen, and how: a REMOVE (one statement) or a RENAME over the file (the JPA path), of
     * "deleted" and "replacer" followed by each suffix in turn.
     */
    private record Deletion(FileHandle dir, boolean byRename, List<String> suffixes) {
    }

    /** One group: a kept file, the file deleted, and the file renamed over it (every other group), of one content. */
    private record Group(Deletion deletion, FileHandle kept, FileHandle deleted, FileHandle replacer, byte[] content) {
        List<FileHandle> files() {
            return List.of(kept, deleted, replacer);
        }
    }

    /**
     * Each round gives every file of a few groups the same content, so that all of a group share one block,
     * uploads them once, writes them again, and then stores the second upload as one chunk while other threads
     * remove one file of each group or rename another over it. The chunk lists each group's kept file (which
     * references the shared block) before the file being deleted: the order that most often closed the circle.
     */
    void deletionsRacingTheUploadOfTheirBlocksNeverDeadlock() throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Group> all = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<Group> groups = prepare(round);
            all.addAll(groups);
            List<FileHandle> chunk = groups.stream().flatMap(group -> group.files().stream()).toList();
            race(round, chunk, groups.stream().map(Group::deletion).toList(), failures);
        }
        assertEquals(List.of(), failures, "the upload and the deletions all succeed, none aborted as a deadlock");

        uploader.drain();
        for (Group group : all) {
            BlockHash hash = BlockHash.of(group.content());
            assertEquals(blocks.mappings(hash), blocks.refcount(hash), "the count of " + hash + " equals its mappings");
            assertArrayEquals(group.content(), read(group.kept(), SIZE), "the kept file reads back");
        }
    }

    /** Makes the groups, uploads them, and writes every file again, so that each has a block mapped and one to store. */
    private List<Group> prepare(int round) {
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            FileHandle dir = f.fs.mkdir(ROOT, f.dir, bytes("r" + round + "-" + i), 0777).node().handle();
            byte[] content = new byte[SIZE];
            new Random(round * 1000L + i).nextBytes(content);
            groups.add(new Group(new Deletion(dir, i % 2 == 1, List.of("")), create(dir, "kept"), create(dir, "deleted"),
                    create(dir, "replacer"), content));
        }
        groups.forEach(group -> group.files().forEach(file -> write(file, 0, group.content())));
        uploader.drain();
        groups.forEach(group -> group.files().forEach(file -> write(file, 0, group.content())));
        return groups;
    }

    /**
     * Files of several whole blocks each, a group's files having the same blocks in opposite orders of hash: the
     * upload stores the kept file (ascending) while files with the blocks the other way round (descending) are removed
     * or renamed over, one after another. A deletion that released its blocks piece by piece would take them in the
     * opposite order to the upload's.
     */
    void deletionsReleasingSharedBlocksInAnotherOrderNeverDeadlock() throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<FileHandle, List<Long>> kept = new HashMap<>();
        for (int round = 0; round < BLOCK_ROUNDS; round++) {
            List<Deletion> deletions = new ArrayList<>();
            List<FileHandle> chunk = new ArrayList<>();
            Random random = new Random(round);
            for (int i = 0; i < BLOCK_GROUPS; i++) {
                FileHandle dir = f.fs.mkdir(ROOT, f.dir, bytes("blocks-r" + round + "-" + i), 0777).node().handle();
                List<Long> tags = new ArrayList<>();
                for (int piece = 0; piece < PIECES; piece++) {
                    tags.add(random.nextLong());
                }
                tags.sort(Comparator.comparing(tag -> BlockHash.of(taggedBlock(tag))));
                FileHandle keptFile = create(dir, "kept");
                writeTagged(keptFile, tags);
                List<Long> descending = new ArrayList<>(tags);
                Collections.reverse(descending);
                List<String> suffixes = new ArrayList<>();
                for (int victim = 0; victim < VICTIMS; victim++) {
                    suffixes.add("-" + victim);
                    writeTagged(create(dir, "deleted-" + victim), descending);
                    create(dir, "replacer-" + victim);
                }
                kept.put(keptFile, tags);
                chunk.add(keptFile);
                deletions.add(new Deletion(dir, i % 2 == 1, suffixes));
            }
            uploader.drain();
            chunk.forEach(file -> writeTagged(file, kept.get(file)));
            race(round, chunk, deletions, failures);
        }
        assertEquals(List.of(), failures, "the upload and the deletions all succeed, none aborted as a deadlock");

        uploader.drain();
        kept.forEach((file, tags) -> {
            for (int piece = 0; piece < tags.size(); piece++) {
                byte[] block = taggedBlock(tags.get(piece));
                BlockHash hash = BlockHash.of(block);
                assertEquals(blocks.mappings(hash), blocks.refcount(hash), "the count of " + hash + " equals its mappings");
                ReadResult head = payload.read(ALICE, file, (long) piece * BLOCK, TAG);
                assertArrayEquals(Arrays.copyOf(block, TAG), head.data(), "piece " + piece + " reads back");
            }
        });
    }

    /** A whole block of zeros but for its tag at both ends: few bytes to write, a distinct hash to share. */
    private static byte[] taggedBlock(long tag) {
        byte[] block = new byte[BLOCK];
        ByteBuffer.wrap(block).putLong(0, tag).putLong(BLOCK - TAG, tag);
        return block;
    }

    private void writeTagged(FileHandle file, List<Long> tags) {
        for (int piece = 0; piece < tags.size(); piece++) {
            byte[] tag = ByteBuffer.allocate(TAG).putLong(0, tags.get(piece)).array();
            write(file, (long) piece * BLOCK, tag);
            write(file, (long) (piece + 1) * BLOCK - TAG, tag);
        }
    }

    /**
     * Stores the second upload of {@code files} as one chunk, in their order, while each deletion runs (a few
     * milliseconds apart, so that they meet the upload at different points of its transaction).
     */
    private void race(int round, List<FileHandle> files, List<Deletion> deletions, List<String> failures)
            throws InterruptedException {
        List<SealedWork> chunk = settledWork(files).stream().map(uploader::seal).toList();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(deletions.size() + 1);
        try {
            List<Future<?>> running = new ArrayList<>();
            running.add(threads.submit(attempt(round, "upload", start, () -> {
                uploader.store(chunk);
                return null;
            }, failures)));
            Random jitter = new Random(round);
            for (Deletion deletion : deletions) {
                int delayMillis = jitter.nextInt(15);
                running.add(threads.submit(attempt(round, deletion.byRename() ? "rename over" : "remove", start, () -> {
                    Thread.sleep(delayMillis);
                    for (String suffix : deletion.suffixes()) {
                        byte[] deleted = bytes("deleted" + suffix);
                        if (deletion.byRename()) {
                            f.fs.rename(ALICE, deletion.dir(), bytes("replacer" + suffix), deletion.dir(), deleted);
                        } else {
                            f.fs.remove(ALICE, deletion.dir(), deleted);
                        }
                    }
                    return null;
                }, failures)));
            }
            start.countDown();
            for (Future<?> each : running) {
                try {
                    each.get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    failures.add("round " + round + ": a thread did not finish: " + e);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** The upload work of the files, once all of it has settled, in the order of the files. */
    private List<UploadWork> settledWork(List<FileHandle> files) throws InterruptedException {
        Map<Long, Integer> rank = new HashMap<>();
        files.forEach(file -> rank.put(file.inodeId(), rank.size()));
        long deadline = System.nanoTime() + SETTLE_LIMIT_NANOS;
        while (true) {
            List<UploadWork> work = uploader.pendingWork(Integer.MAX_VALUE).stream()
                    .filter(item -> rank.containsKey(item.inodeId())).collect(Collectors.toCollection(ArrayList::new));
            if (work.stream().map(UploadWork::inodeId).distinct().count() == rank.size()) {
                work.sort(Comparator.comparing((UploadWork item) -> rank.get(item.inodeId()))
                        .thenComparing(UploadWork::blockIndex));
                return work;
            }
            assertTrue(System.nanoTime() - deadline < 0, "the writes settle for upload: " + work.size() + " pieces");
            Thread.sleep(100);
        }
    }

    private static Callable<Void> attempt(int round, String what, CountDownLatch start, Callable<?> action,
                                          List<String> failures) {
        return () -> {
            start.await();
            try {
                action.call();
            } catch (Exception e) {
                failures.add("round " + round + ": " + what + (isDeadlock(e) ? " aborted as a deadlock (40P01): "
                        : " failed: ") + StressWorker.describe(e));
            }
            return null;
        };
    }

    private static boolean isDeadlock(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "40P01".equals(sql.getSQLState())
                    || String.valueOf(cause.getMessage()).contains("deadlock detected")) {
                return true;
            }
        }
        return false;
    }

    private FileHandle create(FileHandle dir, String name) {
        return f.fs.create(ALICE, dir, bytes(name), 0644, CreateMode.GUARDED, 0).node().handle();
    }

    private void write(FileHandle file, long offset, byte[] content) {
        payload.write(ALICE, file, offset, ByteBuffer.wrap(content), Stability.UNSTABLE);
    }

    private byte[] read(FileHandle file, int length) {
        return payload.read(ALICE, file, 0, length + 1).data();
    }
}
