package io.cistern.batch.upload;

import io.cistern.core.payload.BlockUploader;
import io.cistern.core.payload.SealedWork;
import io.cistern.core.payload.UploadWork;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Seals one piece of work: assembles its block from the store and the journal, and hashes it (SHA-256). */
@Named("uploadProcessor")
@Dependent
public class UploadProcessor implements ItemProcessor {
    @EJB
    private BlockUploader uploader;

    @Inject
    private StepContext step;

    @Override
    public Object processItem(Object item) {
        SealedWork sealed = uploader.seal((UploadWork) item);
        if (step.getTransientUserData() instanceof UploadChunk chunk && sealed.bytes() != null) {
            chunk.sealedBytes += sealed.length();
        }
        return sealed;
    }
}
