package io.cistern.batch.gc;

import jakarta.batch.runtime.context.StepContext;
import java.io.Serializable;

/**
 * What a garbage collection has done, kept as each step's persistent user data: the batch runtime stores it with
 * every checkpoint, shows it in the step's execution ({@link GcJobs#progress}), and gives it back to a restarted step,
 * whose counts then go on from the interrupted one's. Work done by a chunk that failed before its checkpoint is
 * counted again when it is redone, and not counted when redoing finds it done.
 */
public final class GcProgress implements Serializable {
    private static final long serialVersionUID = 1L;

    private long blocksExamined;
    private long blocksDeleted;
    private long objectsExamined;
    private long orphansDeleted;
    private long bytesFreed;
    private long multipartUploadsAborted;

    /** The step's counters, made when the step first asks. */
    static GcProgress of(StepContext step) {
        if (step.getPersistentUserData() instanceof GcProgress progress) {
            return progress;
        }
        GcProgress fresh = new GcProgress();
        step.setPersistentUserData(fresh);
        return fresh;
    }

    /** Both steps' counters added up. */
    public GcProgress plus(GcProgress other) {
        GcProgress sum = new GcProgress();
        sum.blocksExamined = blocksExamined + other.blocksExamined;
        sum.blocksDeleted = blocksDeleted + other.blocksDeleted;
        sum.objectsExamined = objectsExamined + other.objectsExamined;
        sum.orphansDeleted = orphansDeleted + other.orphansDeleted;
        sum.bytesFreed = bytesFreed + other.bytesFreed;
        sum.multipartUploadsAborted = multipartUploadsAborted + other.multipartUploadsAborted;
        return sum;
    }

    void examinedBlock() {
        blocksExamined++;
    }

    void examinedObject() {
        objectsExamined++;
    }

    void deleted(boolean orphan, long bytes) {
        if (orphan) {
            orphansDeleted++;
        } else {
            blocksDeleted++;
        }
        bytesFreed += bytes;
    }

    void abortedMultipartUploads(long count) {
        multipartUploadsAborted += count;
    }

    /** Unreferenced blocks (rows with refcount 0) looked at. */
    public long blocksExamined() {
        return blocksExamined;
    }

    /** Unreferenced blocks deleted, object and row. */
    public long blocksDeleted() {
        return blocksDeleted;
    }

    /** Stored objects looked at for being orphans. */
    public long objectsExamined() {
        return objectsExamined;
    }

    /** Objects no row knew, deleted. */
    public long orphansDeleted() {
        return orphansDeleted;
    }

    /** Bytes of the deleted blocks (a block row's size; an orphan's stored size). */
    public long bytesFreed() {
        return bytesFreed;
    }

    /** Stale S3 multipart uploads under the store's prefix aborted. */
    public long multipartUploadsAborted() {
        return multipartUploadsAborted;
    }

    @Override
    public String toString() {
        return "blocks examined " + blocksExamined + ", deleted " + blocksDeleted + "; objects examined "
                + objectsExamined + ", orphans deleted " + orphansDeleted + "; bytes freed " + bytesFreed
                + "; multipart uploads aborted " + multipartUploadsAborted;
    }
}
