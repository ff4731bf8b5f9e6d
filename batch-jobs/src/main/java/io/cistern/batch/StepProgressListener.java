package io.cistern.batch;

import io.cistern.core.blocks.StoredBlock;
import io.cistern.core.service.StepProgressRecords;
import jakarta.batch.api.chunk.listener.ChunkListener;
import jakarta.batch.api.chunk.listener.ItemReadListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Counts the items (and the bytes of stored blocks) a chunk step reads, and records the step's counts at the end of
 * each chunk, in the chunk's transaction, before its checkpoint ({@link StepProgressRecords}): the batch runtime
 * records a step's counts only when the step ends, and a step that a crash cut short would otherwise show nothing of
 * what its checkpoints cover. A chunk that rolls back is not counted.
 */
@Named("stepProgress")
@Dependent
public class StepProgressListener implements ChunkListener, ItemReadListener {
    @EJB
    private StepProgressRecords records;

    @Inject
    private JobContext job;

    @Inject
    private StepContext step;

    private long committedItems;
    private long committedBytes;
    private long chunkItems;
    private long chunkBytes;

    @Override
    public void beforeChunk() {
        chunkItems = 0;
        chunkBytes = 0;
    }

    @Override
    public void afterRead(Object item) {
        if (item != null) {
            chunkItems++;
            if (item instanceof StoredBlock block) {
                chunkBytes += block.size();
            }
        }
    }

    /* called inside the chunk's transaction, before the checkpoint is written and the transaction commits */
    @Override
    public void afterChunk() {
        records.record(job.getExecutionId(), step.getStepName(), committedItems + chunkItems,
                committedBytes + chunkBytes);
        committedItems += chunkItems;
        committedBytes += chunkBytes;
        chunkItems = 0;
        chunkBytes = 0;
    }

    @Override
    public void onError(Exception failure) {
        chunkItems = 0;
        chunkBytes = 0;
    }

    @Override
    public void beforeRead() {
    }

    @Override
    public void onReadError(Exception failure) {
    }
}
