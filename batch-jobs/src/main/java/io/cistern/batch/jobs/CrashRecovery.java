package io.cistern.batch.jobs;

import io.cistern.batch.BatchExecutions;
import io.cistern.batch.StaleExecutions;
import io.cistern.batch.StepProgressCleanup;
import io.cistern.batch.audit.AuditJobs;
import io.cistern.batch.gc.GcJobs;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After a start, puts right what a killed server left in the job repository: every execution it shows running was
 * interrupted (none can run in this server yet), so each is marked FAILED ({@link StaleExecutions}); an audit or a
 * garbage collection that was interrupted so is then restarted from its checkpoints, as the issue asks of a job
 * interrupted by a restart. An upload needs no restart: its work is in the journal, and its scheduler starts a new
 * execution. Then the step progress of executions purged from the repository goes ({@link StepProgressCleanup}). Runs a few seconds after deployment, when the batch runtime is up, and again later while the database
 * cannot be reached.
 */
@Singleton
@Startup
public class CrashRecovery {
    private static final Logger LOG = Logger.getLogger(CrashRecovery.class.getName());
    private static final long FIRST_DELAY_MILLIS = 3_000;
    private static final long RETRY_MILLIS = 10_000;
    private static final int ATTEMPTS = 30;
    /** How many of each job's newest runs are looked at for executions a stop left running. */
    private static final int INSTANCES = 20;

    @Resource
    private TimerService timers;
    @EJB
    private StaleExecutions stale;
    @EJB
    private AuditJobs auditJobs;
    @EJB
    private GcJobs gcJobs;
    @EJB
    private StepProgressCleanup progressCleanup;

    private int attempts;

    @PostConstruct
    void schedule() {
        timers.createSingleActionTimer(FIRST_DELAY_MILLIS, new TimerConfig("batch crash recovery", false));
    }

    /* no transaction: the repository writes of marking and restarting commit on their own (see UploadScheduler) */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void recover() {
        attempts++;
        try {
            Set<String> interrupted = markStaleExecutions(BatchRuntime.getJobOperator());
            if (interrupted.contains(JobCatalog.AUDIT)) {
                long resumed = auditJobs.start();
                LOG.info(() -> "the audit interrupted by the server's stop resumes as execution " + resumed);
            }
            if (interrupted.contains(JobCatalog.GC)) {
                long resumed = gcJobs.start();
                LOG.info(() -> "the garbage collection interrupted by the server's stop resumes as execution " + resumed);
            }
            forgetPurgedProgress();
        } catch (RuntimeException e) {
            if (attempts < ATTEMPTS) {
                LOG.log(Level.WARNING, "could not recover the batch jobs interrupted by the last stop; trying again", e);
                timers.createSingleActionTimer(RETRY_MILLIS, new TimerConfig("batch crash recovery", false));
            } else {
                LOG.log(Level.SEVERE, "gave up recovering the batch jobs interrupted by the last stop", e);
            }
        }
    }

    /* only a few rows at stake: a failure is logged and waits for the next start, without redoing the recovery */
    private void forgetPurgedProgress() {
        try {
            progressCleanup.forgetPurgedExecutions();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not delete the step progress of purged job executions", e);
        }
    }

    /**
     * Marks every stale execution of the newest {@value #INSTANCES} runs of each job FAILED; returns the jobs whose
     * newest execution was one. (The runtime's own list of running executions holds only those running in this
     * server, so the repository's executions are looked at one by one.)
     */
    private Set<String> markStaleExecutions(JobOperator operator) {
        Set<String> interrupted = new HashSet<>();
        for (String job : operator.getJobNames()) {
            List<JobInstance> instances;
            try {
                instances = operator.getJobInstances(job, 0, INSTANCES);
            } catch (NoSuchJobException e) {
                continue;
            }
            long newest = BatchExecutions.newestExecution(operator, job).map(JobExecution::getExecutionId).orElse(-1L);
            for (JobInstance instance : instances) {
                for (JobExecution execution : operator.getJobExecutions(instance)) {
                    if (stale.markFailed(execution) && execution.getExecutionId() == newest) {
                        interrupted.add(job);
                    }
                }
            }
        }
        return interrupted;
    }
}
