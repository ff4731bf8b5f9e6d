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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A client that keeps writing files of 5 MiB + a little, 1 MiB per write, as an NFS client would: a write told to
 * try later is retried after a pause, as NFS clients retry after NFS3ERR_JUKEBOX. Any other failure ends the test.
 */
final class OutageWriter {
    private static final Caller ROOT = new Caller(0, 0, Set.of());
    private static final int MIB = 1 << 20;
    private static final int FILE_BYTES = 5 * MIB + 777;
    private static final long RETRY_PAUSE_MILLIS = 200;

    private final MetadataService metadata;
    private final PayloadService payload;
    private final FileHandle directory;
    private final Map<FileHandle, byte[]> files = new LinkedHashMap<>();
    private final Random random = new Random(30);
    private long acceptedBytes;
    private int throttled;
    private FileHandle current;
    private byte[] currentData;
    private int currentOffset;

    OutageWriter(MetadataService metadata, PayloadService payload, FileHandle directory) {
        this.metadata = metadata;
        this.payload = payload;
        this.directory = directory;
    }

    /** Writes file after file until {@code deadline} (nanoTime), retrying refused writes meanwhile. */
    void writeUntil(long deadline) throws InterruptedException {
        while (System.nanoTime() - deadline < 0) {
            if (current == null) {
                startFile();
            }
            if (!writeNextPiece()) {
                throttled++;
                Thread.sleep(RETRY_PAUSE_MILLIS);
            }
        }
    }

    /** Completes the file being written, retrying until the journal takes it. */
    void finish() throws InterruptedException {
        while (current != null) {
            if (!writeNextPiece()) {
                Thread.sleep(RETRY_PAUSE_MILLIS);
            }
        }
    }

    Map<FileHandle, byte[]> files() {
        return files;
    }

    long acceptedBytes() {
        return acceptedBytes;
    }

    int throttled() {
        return throttled;
    }

    private void startFile() {
        String name = "outage-" + files.size() + "-" + System.nanoTime();
        current = metadata.create(ROOT, directory, name.getBytes(StandardCharsets.UTF_8), 0644, CreateMode.GUARDED, 0)
                .node().handle();
        currentData = new byte[FILE_BYTES];
        random.nextBytes(currentData);
        currentOffset = 0;
        files.put(current, currentData);
    }

    /** One write of up to 1 MiB; false when the server said to try later. */
    private boolean writeNextPiece() {
        int length = Math.min(MIB, currentData.length - currentOffset);
        try {
            payload.write(ROOT, current, currentOffset, ByteBuffer.wrap(currentData, currentOffset, length),
                    Stability.UNSTABLE);
        } catch (FsException e) {
            if (e.error() == FsError.TRY_LATER) {
                return false;
            }
            throw e;
        }
        acceptedBytes += length;
        currentOffset += length;
        if (currentOffset == currentData.length) {
            current = null;
        }
        return true;
    }
}
