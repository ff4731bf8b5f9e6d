package io.cistern.core.payload;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the uploader has done since start, for the console and the metrics: blocks and bytes stored, blocks that
 * were already in the store (deduplicated), and the time of the last upload.
 */
public final class UploadProgress {
    private final AtomicLong blocksSealed = new AtomicLong();
    private final AtomicLong blocksPut = new AtomicLong();
    private final AtomicLong bytesPut = new AtomicLong();
    private final AtomicLong blocksDeduplicated = new AtomicLong();
    private final AtomicLong lastUploadMillis = new AtomicLong();
    /** (time in ms, bytes put so far) samples of the last {@link #RATE_WINDOW_MILLIS}; guarded by itself. */
    private final Deque<long[]> samples = new ArrayDeque<>();
    static final long RATE_WINDOW_MILLIS = 10_000;

    void sealed(int bytes, boolean put) {
        blocksSealed.incrementAndGet();
        if (put) {
            blocksPut.incrementAndGet();
            bytesPut.addAndGet(bytes);
        } else {
            blocksDeduplicated.incrementAndGet();
        }
        long now = System.currentTimeMillis();
        lastUploadMillis.set(now);
        synchronized (samples) {
            samples.addLast(new long[] {now, bytesPut.get()});
            while (samples.size() > 1 && samples.peekFirst()[0] < now - RATE_WINDOW_MILLIS) {
                samples.removeFirst();
            }
        }
    }

    /** Bytes put into the store per second over the last ten seconds (0 when idle). */
    public long bytesPerSecond() {
        long now = System.currentTimeMillis();
        synchronized (samples) {
            long[] oldest = samples.peekFirst();
            if (oldest == null || oldest[0] < now - RATE_WINDOW_MILLIS) {
                return 0;
            }
            return (bytesPut.get() - oldest[1]) * 1000 / RATE_WINDOW_MILLIS;
        }
    }

    public long blocksSealed() {
        return blocksSealed.get();
    }

    public long blocksPut() {
        return blocksPut.get();
    }

    public long bytesPut() {
        return bytesPut.get();
    }

    public long blocksDeduplicated() {
        return blocksDeduplicated.get();
    }

    /** 0 before the first upload. */
    public long lastUploadMillis() {
        return lastUploadMillis.get();
    }
}
