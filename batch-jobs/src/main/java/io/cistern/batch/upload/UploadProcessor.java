package io.cistern.batch.upload;

import io.cistern.core.payload.BlockUploader;
import io.cistern.core.payload.UploadWork;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** Seals one piece of work: assembles its block from the store and the journal, and hashes it (SHA-256). */
@Named("uploadProcessor")
@Dependent
public class UploadProcessor implements ItemProcessor {
    @EJB
    private BlockUploader uploader;

    @Override
    public Object processItem(Object item) {
        return uploader.seal((UploadWork) item);
    }
}
