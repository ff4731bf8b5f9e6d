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
import io.cistern.core.fs.Stability;
import io.cistern.core.payload.BlockUploader;
import io.cistern.core.payload.SealedWork;
import io.cistern.core.payload.UploadWork;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
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
 * The upload's chunk and deletions of files whose blocks it references, at the same moment, on the real database:
 * the race that once made PostgreSQL abort one side as a deadlock (the upload held a block and waited for a file's
 * inode, the deletion held that inode and waited for the block). Each round gives every file of a few groups the
 * same content, so that all of a group share one block, uploads them once, writes them again, and then stores the
 * second upload as one chunk while other threads remove one file of each group or rename another over it (the JPA
 * path, which locks two files). Nothing may fail, and afterwards every count must equal its mappings.
 */
final class UploadRaceScenarios {
    private static final int ROUNDS = 15;
    private static final int GROUPS = 6;
    private static final int SIZE = 16 * 1024;
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

    /** One group: a kept file, the file deleted, and the file renamed over it (every other group). */
    private record Group(FileHandle dir, FileHandle kept, FileHandle deleted, FileHandle replacer, byte[] content,
                         boolean byRename) {
        List<FileHandle> files() {
            return List.of(kept, deleted, replacer);
        }
    }

    void deletionsRacingTheUploadOfTheirBlocksNeverDeadlock() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(GROUPS + 1);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Group> all = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Group> groups = prepare(round);
                all.addAll(groups);
                race(round, groups, threads, failures);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(List.of(), failures, "the upload and the deletions all succeed, none aborted as a deadlock");

        uploader.drain();
        for (Group group : all) {
            BlockHash hash = BlockHash.of(group.content());
            assertEquals(blocks.mappings(hash), blocks.refcount(hash), "the count of " + hash + " equals its mappings");
            assertArrayEquals(group.content(), read(group.kept()), "the kept file reads back");
        }
    }

    /** Makes the groups, uploads them, and writes every file again, so that each has a block mapped and one to store. */
    private List<Group> prepare(int round) {
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            FileHandle dir = f.fs.mkdir(ROOT, f.dir, bytes("r" + round + "-" + i), 0777).node().handle();
            byte[] content = new byte[SIZE];
            new Random(round * 1000L + i).nextBytes(content);
            groups.add(new Group(dir, create(dir, "kept"), create(dir, "deleted"), create(dir, "replacer"), content,
                    i % 2 == 1));
        }
        groups.forEach(group -> group.files().forEach(file -> write(file, group.content())));
        uploader.drain();
        groups.forEach(group -> group.files().forEach(file -> write(file, group.content())));
        return groups;
    }

    /** Stores the groups' second upload as one chunk while each group's deletion runs. */
    private void race(int round, List<Group> groups, ExecutorService threads, List<String> failures)
            throws InterruptedException {
        List<SealedWork> chunk = settledWork(groups).stream().map(uploader::seal).toList();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        running.add(threads.submit(attempt(round, "upload", start, () -> {
            uploader.store(chunk);
            return null;
        }, failures)));
        Random jitter = new Random(round);
        for (Group group : groups) {
            int delayMillis = jitter.nextInt(15);
            running.add(threads.submit(attempt(round, group.byRename() ? "rename over" : "remove", start, () -> {
                Thread.sleep(delayMillis);
                if (group.byRename()) {
                    f.fs.rename(ALICE, group.dir(), bytes("replacer"), group.dir(), bytes("deleted"));
                } else {
                    f.fs.remove(ALICE, group.dir(), bytes("deleted"));
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
    }

    /**
     * The upload work of the groups' files, once all of it has settled, in the order that most often closed the
     * circle under the old lock order: each group's kept file (which references the shared block) before the file
     * being deleted.
     */
    private List<UploadWork> settledWork(List<Group> groups) throws InterruptedException {
        Map<Long, Integer> rank = new HashMap<>();
        for (Group group : groups) {
            group.files().forEach(file -> rank.put(file.inodeId(), rank.size()));
        }
        long deadline = System.nanoTime() + SETTLE_LIMIT_NANOS;
        while (true) {
            List<UploadWork> work = uploader.pendingWork(Integer.MAX_VALUE).stream()
                    .filter(item -> rank.containsKey(item.inodeId())).collect(Collectors.toCollection(ArrayList::new));
            if (work.size() == rank.size()) {
                work.sort((a, b) -> Integer.compare(rank.get(a.inodeId()), rank.get(b.inodeId())));
                return work;
            }
            assertTrue(System.nanoTime() - deadline < 0, "the writes settle for upload: " + work.size() + " of "
                    + rank.size());
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

    private void write(FileHandle file, byte[] content) {
        payload.write(ALICE, file, 0, ByteBuffer.wrap(content), Stability.UNSTABLE);
    }

    private byte[] read(FileHandle file) {
        return payload.read(ALICE, file, 0, SIZE + 1).data();
    }
}
