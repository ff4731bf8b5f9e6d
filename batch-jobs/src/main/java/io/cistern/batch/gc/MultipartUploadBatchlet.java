package io.cistern.batch.gc;

import io.cistern.core.gc.BlockCollector;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/** The last step: aborts every S3 store's multipart uploads older than the grace ({@link BlockCollector}). */
@Named("gcMultipartBatchlet")
@Dependent
public class MultipartUploadBatchlet extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(MultipartUploadBatchlet.class.getName());

    @EJB
    private BlockCollector collector;

    @Inject
    private JobContext job;

    @Inject
    private StepContext step;

    @Override
    public String process() {
        int aborted = collector.abortStaleMultipartUploads(GcParameters.graceSeconds(job));
        GcProgress progress = GcProgress.of(step);
        progress.abortedMultipartUploads(aborted);
        step.setPersistentUserData(progress);
        if (aborted > 0) {
            LOG.info(() -> "garbage collection execution " + job.getExecutionId() + " aborted " + aborted
                    + " stale multipart upload(s) in the S3 block stores");
        }
        return BatchStatus.COMPLETED.name();
    }
}
