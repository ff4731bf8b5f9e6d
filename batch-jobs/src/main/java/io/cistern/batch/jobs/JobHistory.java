package io.cistern.batch.jobs;

import io.cistern.batch.BatchExecutions;
import io.cistern.core.audit.AuditFinding;
import io.cistern.core.audit.BlockAudit;
import io.cistern.core.audit.FindingKind;
import io.cistern.core.model.StepProgress;
import io.cistern.core.payload.BlockUploader;
import io.cistern.core.service.StepProgressRecords;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the batch jobs have done, for the admin API: the jobs with their running and newest executions, each job's
 * executions newest first, one execution with its steps and progress, and the audit's findings with the files each
 * affects. Everything comes from the job repository (and, for findings, {@code audit_finding}), so it is as of the
 * last checkpoint of a running step.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class JobHistory {
    /** Longest page of executions or findings. */
    public static final int MAX_PAGE = 500;

    private static final String STORED_BLOCKS_STEP = "audit-stored-blocks";
    private static final String REFERENCES_STEP = "audit-references";
    private static final String UPLOAD_STEP = "upload-blocks";

    @EJB
    private BlockAudit audit;
    @EJB
    private BlockUploader uploader;
    @EJB
    private StepProgressRecords progressRecords;

    /** Every job, those the server knows first. */
    public List<JobView> jobs() {
        JobOperator operator = BatchRuntime.getJobOperator();
        return JobCatalog.names(operator).stream().map(name -> job(operator, name)).toList();
    }

    /** One job. */
    public JobView job(String name) {
        requireJob(name);
        return job(BatchRuntime.getJobOperator(), name);
    }

    private JobView job(JobOperator operator, String name) {
        Optional<JobExecution> newest = BatchExecutions.newestExecution(operator, name);
        Long running = newest.filter(execution -> BatchExecutions.isRunning(execution.getBatchStatus()))
                .map(JobExecution::getExecutionId).orElse(null);
        return new JobView(name, JobCatalog.KNOWN.getOrDefault(name, ""), JobCatalog.isStartable(name), running,
                newest.map(execution -> view(operator, execution)).orElse(null));
    }

    /** Up to {@code limit} executions of the job, newest first. */
    public List<ExecutionView> executions(String job, int limit) {
        requireJob(job);
        JobOperator operator = BatchRuntime.getJobOperator();
        List<JobInstance> instances;
        try {
            instances = operator.getJobInstances(job, 0, limit);
        } catch (NoSuchJobException e) {
            return List.of();   // a job the server knows that has never run
        }
        return instances.stream().flatMap(instance -> operator.getJobExecutions(instance).stream())
                .sorted(Comparator.comparingLong(JobExecution::getExecutionId).reversed()).limit(limit)
                .map(execution -> view(operator, execution)).toList();
    }

    /** One execution of the job, with its steps and progress. */
    public ExecutionView execution(String job, long executionId) {
        return view(BatchRuntime.getJobOperator(), find(job, executionId));
    }

    /** The execution, which must be one of the job's. */
    public JobExecution find(String job, long executionId) {
        requireJob(job);
        try {
            JobExecution execution = BatchRuntime.getJobOperator().getJobExecution(executionId);
            if (execution == null || !job.equals(execution.getJobName())) {
                throw JobException.unknownExecution(job, executionId);
            }
            return execution;
        } catch (NoSuchJobExecutionException e) {
            throw JobException.unknownExecution(job, executionId);
        }
    }

    /** Fails unless the server knows the job or the repository has run it. */
    public void requireJob(String job) {
        if (job == null || !JobCatalog.names(BatchRuntime.getJobOperator()).contains(job)) {
            throw JobException.unknownJob(job);
        }
    }

    /**
     * Up to {@code limit} findings of the audit run that {@code executionId} belongs to (null: the newest audit),
     * with the executions that restarted it, oldest first, after finding {@code afterId}, of one kind (null: all).
     */
    public List<FindingView> findings(Long executionId, FindingKind kind, Long afterId, int limit) {
        JobOperator operator = BatchRuntime.getJobOperator();
        JobExecution execution = executionId == null
                ? BatchExecutions.newestExecution(operator, JobCatalog.AUDIT).orElse(null)
                : find(JobCatalog.AUDIT, executionId);
        if (execution == null) {
            return List.of();
        }
        List<Long> run = operator.getJobExecutions(operator.getJobInstance(execution.getExecutionId())).stream()
                .map(JobExecution::getExecutionId).toList();
        List<AuditFinding> findings = audit.findings(run, kind, afterId, limit);
        return findings.stream()
                .map(finding -> FindingView.of(finding, audit.affectedPaths(finding.getHash(),
                        JobCatalog.PATHS_PER_FINDING)))
                .toList();
    }

    private ExecutionView view(JobOperator operator, JobExecution execution) {
        List<JobExecution> run = operator.getJobExecutions(operator.getJobInstance(execution.getExecutionId()));
        Map<String, StepProgress> recorded = new HashMap<>();
        progressRecords.of(run.stream().map(JobExecution::getExecutionId).toList()).forEach(row ->
                recorded.put(row.getExecutionId() + "/" + row.getStepName(), row));
        List<StepView> steps = operator.getStepExecutions(execution.getExecutionId()).stream()
                .sorted(Comparator.comparingLong(StepExecution::getStepExecutionId))
                .map(step -> StepView.of(step, recorded.get(execution.getExecutionId() + "/" + step.getStepName())))
                .toList();
        long instance = operator.getJobInstance(execution.getExecutionId()).getInstanceId();
        return new ExecutionView(execution.getExecutionId(), instance, execution.getJobName(),
                String.valueOf(execution.getBatchStatus()), execution.getExitStatus(),
                ExecutionView.instant(execution.getCreateTime()), ExecutionView.instant(execution.getStartTime()),
                ExecutionView.instant(execution.getEndTime()), ExecutionView.instant(execution.getLastUpdatedTime()),
                parameters(execution.getJobParameters()), steps, progress(execution, run, recorded, steps));
    }

    /** The newest step's items, added up over the executions of the same run, with a total where one is known. */
    private ProgressView progress(JobExecution execution, List<JobExecution> run, Map<String, StepProgress> recorded,
                                  List<StepView> steps) {
        if (steps.isEmpty()) {
            return null;
        }
        StepView current = steps.get(steps.size() - 1);
        long done = run.stream().filter(earlier -> earlier.getExecutionId() <= execution.getExecutionId())
                .map(earlier -> recorded.get(earlier.getExecutionId() + "/" + current.name()))
                .filter(java.util.Objects::nonNull).mapToLong(StepProgress::getItems).sum();
        Instant from = current.startedAt();
        Instant to = current.endedAt() == null ? Instant.now() : current.endedAt();
        double seconds = from == null ? 0 : Math.max(0.001, Duration.between(from, to).toMillis() / 1000.0);
        long items = Math.max(current.itemsDone(), current.read());
        return new ProgressView(current.name(), current.status(), done, total(current.name(), done),
                seconds == 0 ? 0 : items / seconds, seconds == 0 ? 0 : current.bytesDone() / seconds);
    }

    private Long total(String step, long done) {
        return switch (step) {
            case STORED_BLOCKS_STEP, REFERENCES_STEP -> Math.max(done, audit.indexedBlocks());
            case UPLOAD_STEP -> done + uploader.status().blocksPending();
            default -> null;
        };
    }

    private static Map<String, String> parameters(Properties parameters) {
        Map<String, String> copy = new TreeMap<>();
        if (parameters != null) {
            parameters.stringPropertyNames().forEach(name -> copy.put(name, parameters.getProperty(name)));
        }
        return copy;
    }
}
