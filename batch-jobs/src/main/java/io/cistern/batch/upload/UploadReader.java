package io.cistern.batch.upload;

import io.cistern.core.payload.BlockUploader;
import io.cistern.core.payload.UploadWork;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * Reads the upload's work from the journal index: truncations, then settled dirty blocks. Between chunks it waits
 * up to {@code idleSeconds} for new work before ending the step, so that a steady stream of writes is uploaded by
 * one long execution rather than one execution per block. The checkpoint is the count of items read: the work
 * itself lives in the journal, which is replayed after a crash, so a restart simply lists what is still there.
 */
@Named("uploadReader")
@Dependent
public class UploadReader extends AbstractItemReader {
    private static final long POLL_MILLIS = 200;
    /**
     * How long a chunk that would start with less than a full chunk's worth of work waits for more first. Small files
     * settle one by one, each soon after the last: chunks started at once carried one file each, and each chunk's
     * store transaction and checkpoint then cost five commits per file, competing with the clients' own. Gathered
     * for this long, a chunk carries every file settled meanwhile. Work that fills a chunk already (the settled
     * blocks of a large file) does not wait: waiting for it at every chunk held the upload after a large write to
     * four blocks per 200 ms.
     */
    private static final long GATHER_MILLIS = 200;
    private static final int LISTING = 64;

    @EJB
    private BlockUploader uploader;

    @Inject
    private StepContext step;

    @Inject
    @BatchProperty(name = "idleSeconds")
    private String idleSeconds;

    private final Deque<UploadWork> ready = new ArrayDeque<>();
    private UploadChunk chunk;
    private long itemsRead;
    /** Whether the chunk under way has already waited to gather work. */
    private boolean gathered;

    @Override
    public void open(Serializable checkpoint) {
        itemsRead = checkpoint == null ? 0 : (Long) checkpoint;
        chunk = new UploadChunk();
        step.setTransientUserData(chunk);
    }

    @Override
    public Object readItem() throws InterruptedException {
        long idleLimit = System.nanoTime() + TimeUnit.SECONDS.toNanos(parseIdleSeconds());
        while (true) {
            if (ready.isEmpty()) {
                list();
                if (chunk.inFlight.isEmpty() && !ready.isEmpty() && !UploadChunk.fills(ready) && !gathered) {
                    gathered = true;
                    Thread.sleep(GATHER_MILLIS);
                    ready.clear();
                    list();
                }
            }
            UploadWork next = ready.poll();
            if (next != null) {
                chunk.inFlight.add(next.key());
                chunk.moreReady = !ready.isEmpty();
                itemsRead++;
                return next;
            }
            if (!chunk.inFlight.isEmpty() || System.nanoTime() - idleLimit > 0) {
                return null;   // cannot wait with uncommitted work in hand (it never is: see UploadCheckpoints)
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private void list() {
        uploader.pendingWork(LISTING).stream()
                .filter(work -> !chunk.inFlight.contains(work.key()))
                .forEach(ready::add);
    }

    @Override
    public Serializable checkpointInfo() {
        gathered = false;
        chunk.inFlight.clear();
        chunk.sealedBytes = 0;
        ready.clear();   // listed before the commit: some of it may be done now
        return itemsRead;
    }

    private long parseIdleSeconds() {
        try {
            return idleSeconds == null || idleSeconds.isBlank() ? 5 : Long.parseLong(idleSeconds.trim());
        } catch (NumberFormatException e) {
            return 5;
        }
    }
}
