package io.cistern.batch.upload;

import jakarta.batch.api.chunk.AbstractCheckpointAlgorithm;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Ends a chunk when it is full or when no more work is ready: data written a moment ago must not wait in an open
 * chunk for more writes that may not come.
 */
@Named("uploadCheckpoints")
@Dependent
public class UploadCheckpoints extends AbstractCheckpointAlgorithm {
    @Inject
    private StepContext step;

    @Override
    public boolean isReadyToCheckpoint() {
        UploadChunk chunk = (UploadChunk) step.getTransientUserData();
        return chunk == null || chunk.isFull() || !chunk.moreReady;
    }
}
