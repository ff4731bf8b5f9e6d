package io.cistern.batch.upload;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Notes in memory that an upload execution has ended in this server, whatever the job repository says. The batch
 * runtime records an execution's end in the repository, which is in the database; when the database is away at that
 * moment (restarted, failed over), that record is lost and the repository shows the execution as running for good.
 * The {@link UploadScheduler} trusts this note over the repository. The batch runtime calls afterJob before it
 * records the end, also when a step failed.
 */
@Named("uploadJobEnd")
@Dependent
public class UploadJobEnd extends AbstractJobListener {
    private record Ended(long executionId, long atNanos) {
    }

    /** One execution at a time: the last one to end is the only one the scheduler may ask about. */
    private static final AtomicReference<Ended> LAST = new AtomicReference<>();

    @Inject
    private JobContext job;

    @Override
    public void afterJob() {
        LAST.set(new Ended(job.getExecutionId(), System.nanoTime()));
    }

    /** Whether the execution ended in this server at least {@code nanos} ago. */
    static boolean endedAtLeastAgo(long executionId, long nanos) {
        Ended ended = LAST.get();
        return ended != null && ended.executionId() == executionId && System.nanoTime() - ended.atNanos() >= nanos;
    }
}
