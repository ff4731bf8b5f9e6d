package io.cistern.batch.upload;

import io.cistern.core.payload.BlockUploader;
import io.cistern.core.payload.SealedWork;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.List;

/**
 * Stores the chunk's sealed blocks and maps them, in the chunk's transaction: a failure (the store unreachable)
 * rolls the whole chunk back, and the scheduler restarts the job from its last checkpoint.
 */
@Named("uploadWriter")
@Dependent
public class UploadWriter extends AbstractItemWriter {
    @EJB
    private BlockUploader uploader;

    @Override
    public void writeItems(List<Object> items) {
        uploader.store(items.stream().map(SealedWork.class::cast).toList());
    }
}
