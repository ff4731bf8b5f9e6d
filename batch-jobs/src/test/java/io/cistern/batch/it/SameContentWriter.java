package io.cistern.batch.it;

import io.cistern.core.content.PayloadService;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.Stability;
import io.cistern.core.metadata.MetadataService;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * One of the writers that race garbage collection in GcJobIT: until its deadline, it writes files whose contents are
 * drawn from a small set shared by all writers (so that the same blocks keep being referenced, released to 0 and
 * referenced again), keeps a few of its newest files for a second or two (long enough for some to be uploaded) and
 * deletes the others. Every file it keeps at the end is in {@code live} with its content. Returns how many it wrote.
 */
final class SameContentWriter implements Callable<Integer> {
    private static final Caller ROOT = new Caller(0, 0, Set.of());
    private static final int MIB = 1 << 20;

    private final MetadataService metadata;
    private final PayloadService payload;
    private final FileHandle directory;
    private final int id;
    private final List<byte[]> contents;
    private final Map<String, byte[]> live;
    private final long deadlineNanos;
    private final Random random;

    SameContentWriter(MetadataService metadata, PayloadService payload, FileHandle directory, int id,
            List<byte[]> contents, Map<String, byte[]> live, long deadlineNanos) {
        this.metadata = metadata;
        this.payload = payload;
        this.directory = directory;
        this.id = id;
        this.contents = contents;
        this.live = live;
        this.deadlineNanos = deadlineNanos;
        this.random = new Random(id);
    }

    @Override
    public Integer call() throws InterruptedException {
        List<String> mine = new ArrayList<>();
        int written = 0;
        while (System.nanoTime() - deadlineNanos < 0) {
            String name = "w" + id + "-" + written++;
            byte[] content = contents.get(random.nextInt(contents.size()));
            write(name, content);
            live.put(name, content);
            mine.add(name);
            int keep = 2 + random.nextInt(4);
            while (mine.size() > keep) {
                String old = mine.remove(random.nextInt(mine.size() - 1));   // never the newest
                // no retry: a REMOVE racing the upload of the same blocks must not be aborted as a deadlock
                metadata.remove(ROOT, directory, bytes(old));
                live.remove(old);
            }
            Thread.sleep(100 + random.nextInt(400));
        }
        return written;
    }

    private void write(String name, byte[] data) throws InterruptedException {
        FileHandle file = metadata.create(ROOT, directory, bytes(name), 0644, CreateMode.GUARDED, 0).node().handle();
        for (int offset = 0; offset < data.length; ) {
            int length = Math.min(MIB, data.length - offset);
            try {
                payload.write(ROOT, file, offset, ByteBuffer.wrap(data, offset, length), Stability.UNSTABLE);
                offset += length;
            } catch (FsException e) {
                if (e.error() != FsError.TRY_LATER) {
                    throw e;
                }
                Thread.sleep(50);   // the journal is full: the upload catches up
            }
        }
        payload.commit(ROOT, file);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
