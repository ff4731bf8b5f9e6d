package io.cistern.batch.jobs;

import io.cistern.batch.BatchExecutions;
import io.cistern.batch.StaleExecutions;
import io.cistern.batch.ResumeConflictException;
import io.cistern.batch.audit.AuditAlreadyRunningException;
import io.cistern.batch.audit.AuditJobs;
import io.cistern.batch.gc.GcAlreadyRunningException;
import io.cistern.batch.gc.GcJobs;
import io.cistern.batch.stats.StatsAlreadyRunningException;
import io.cistern.batch.stats.StatsJobs;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.JobStartException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Starts, stops and restarts batch jobs by name, for the admin API. The audit, garbage collection and statistics go
 * through their own starters ({@link AuditJobs}, {@link GcJobs}, {@link StatsJobs}), which run one execution at a time and resume an
 * interrupted one; the upload is the server's to start (whenever writes wait) and is refused here; any other job the
 * repository knows is started through the batch runtime, also one execution at a time.
 */
@Stateless
// no transaction: the batch runtime's repository writes must commit on their own (see UploadScheduler)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobCatalog {
    public static final String AUDIT = "audit";
    public static final String GC = "gc";
    public static final String UPLOAD = "upload";
    public static final String STATS = "stats";
    /** What a job does, for the jobs the server knows itself; in the order they are listed. */
    static final Map<String, String> KNOWN = knownJobs();
    /** How many affected paths a finding lists. */
    static final int PATHS_PER_FINDING = 20;

    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,63}");

    @EJB
    private AuditJobs auditJobs;
    @EJB
    private GcJobs gcJobs;
    @EJB
    private StatsJobs statsJobs;
    @EJB
    private StaleExecutions stale;
    @EJB
    private JobHistory history;

    private static Map<String, String> knownJobs() {
        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put(AUDIT, "Reads every stored block back and checks it against its address, the index and the"
                + " refcounts; with repair=true it fixes refcounts and puts damaged or lost blocks back from a good copy");
        jobs.put(GC, "Deletes blocks nobody has referenced for the grace period, and stored objects no row knows");
        jobs.put(STATS, "Recomputes the storage statistics per share and per store from scratch");
        jobs.put(UPLOAD, "Moves journaled writes into the block store; the server starts it whenever writes wait");
        return jobs;
    }

    /** Whether the job can be started by hand. */
    static boolean isStartable(String job) {
        return !UPLOAD.equals(job);
    }

    /**
     * Starts the job with {@code parameters} (names of letters, digits, '.' and '_'; values as they are), and returns
     * the new execution. For the audit and garbage collection, an execution that was interrupted (failed, stopped, or
     * left running by a crash) is resumed instead, with its own parameters, as their starters always do; asking for
     * other values of those is a conflict ({@code resume_conflict}, naming the parameter).
     */
    public ExecutionView start(String job, Map<String, String> parameters) {
        history.requireJob(job);
        if (!isStartable(job)) {
            throw new JobException(JobException.Kind.CONFLICT, "job_not_startable",
                    "the server starts the " + job + " job itself whenever there is work for it");
        }
        Properties properties = properties(parameters);
        long execution;
        try {
            execution = switch (job) {
                case AUDIT -> auditJobs.start(properties);
                case GC -> gcJobs.start(properties);
                case STATS -> statsJobs.start();
                default -> startOther(job, properties);
            };
        } catch (ResumeConflictException e) {
            throw new JobException(JobException.Kind.CONFLICT, "resume_conflict", e.getMessage(), e.parameter());
        } catch (AuditAlreadyRunningException e) {
            throw JobException.running(job, e.runningExecution());
        } catch (GcAlreadyRunningException e) {
            throw JobException.running(job, e.runningExecution());
        } catch (StatsAlreadyRunningException e) {
            throw JobException.running(job, e.runningExecution());
        }
        return history.execution(job, execution);
    }

    /** Asks a running execution to stop; it stops once the chunk in hand has committed. */
    public ExecutionView stop(String job, long executionId) {
        JobExecution execution = history.find(job, executionId);
        if (StaleExecutions.isStale(execution)) {
            stale.markFailed(execution);   // nothing runs it: there is nothing to stop, only a record to correct
        } else if (!BatchExecutions.isRunning(execution.getBatchStatus())) {
            throw new JobException(JobException.Kind.CONFLICT, "not_running", job + " execution " + executionId
                    + " is not running: it is " + execution.getBatchStatus());
        } else {
            BatchRuntime.getJobOperator().stop(executionId);
        }
        return history.execution(job, executionId);
    }

    /**
     * Restarts a failed or stopped execution from its checkpoints, with its parameters; it must be the newest
     * execution of its job's newest run. Returns the new execution.
     */
    public ExecutionView restart(String job, long executionId) {
        JobExecution execution = history.find(job, executionId);
        if (!isStartable(job)) {
            throw new JobException(JobException.Kind.CONFLICT, "job_not_startable",
                    "the server restarts the " + job + " job itself");
        }
        JobOperator operator = BatchRuntime.getJobOperator();
        Optional<JobExecution> running = BatchExecutions.newestExecution(operator, job)
                .filter(newest -> BatchExecutions.isRunning(newest.getBatchStatus()) && !StaleExecutions.isStale(newest));
        if (running.isPresent()) {
            throw JobException.running(job, running.get().getExecutionId());
        }
        Optional<JobExecution> interrupted = BatchExecutions.interrupted(operator, job, stale);
        if (interrupted.isEmpty() || interrupted.get().getExecutionId() != executionId) {
            BatchStatus status = operator.getJobExecution(executionId).getBatchStatus();
            throw new JobException(JobException.Kind.CONFLICT, "not_restartable", job + " execution " + executionId
                    + " (" + status + ") cannot be restarted: only the newest execution of the newest run, when it"
                    + " failed or was stopped");
        }
        return start(job, Map.of());
    }

    private long startOther(String job, Properties properties) {
        JobOperator operator = BatchRuntime.getJobOperator();
        Optional<JobExecution> running = BatchExecutions.newestExecution(operator, job)
                .filter(execution -> BatchExecutions.isRunning(execution.getBatchStatus()));
        if (running.isPresent() && !StaleExecutions.isStale(running.get())) {
            throw JobException.running(job, running.get().getExecutionId());
        }
        Optional<JobExecution> interrupted = BatchExecutions.interrupted(operator, job, stale);
        try {
            return interrupted.isPresent()
                    ? operator.restart(interrupted.get().getExecutionId(), interrupted.get().getJobParameters())
                    : operator.start(job, properties);
        } catch (JobStartException | JobRestartException e) {
            throw new JobException(JobException.Kind.CONFLICT, "not_startable", "the batch runtime refused to start "
                    + job + ": " + e.getMessage());
        }
    }

    private static Properties properties(Map<String, String> parameters) {
        Properties properties = new Properties();
        if (parameters == null) {
            return properties;
        }
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (parameter.getKey() == null || !PARAMETER_NAME.matcher(parameter.getKey()).matches()) {
                throw new JobException(JobException.Kind.INVALID, "invalid_parameters", "a parameter name is a letter"
                        + " followed by up to 63 letters, digits, '.' or '_': '" + parameter.getKey() + "' is not");
            }
            if (parameter.getValue() == null) {
                throw new JobException(JobException.Kind.INVALID, "invalid_parameters",
                        "parameter '" + parameter.getKey() + "' has no value");
            }
            properties.setProperty(parameter.getKey(), parameter.getValue());
        }
        return properties;
    }

    /** The jobs the server knows itself and then any other the repository has run, by name. */
    static List<String> names(JobOperator operator) {
        List<String> names = new java.util.ArrayList<>(KNOWN.keySet());
        operator.getJobNames().stream().filter(name -> !KNOWN.containsKey(name)).sorted().forEach(names::add);
        return names;
    }
}
