package io.cistern.batch;

import io.cistern.core.service.StepProgressRecords;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobSecurityException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import java.util.logging.Logger;

/**
 * Deletes the {@code step_progress} rows of executions that the job repository no longer knows. The rows are what the
 * admin API shows of each step an execution ran (items and bytes at its last checkpoint, and a resumed run's
 * progress), so they live as long as the execution's own records: neither Cistern nor the batch runtime deletes
 * those, but an operator may ({@code asadmin clean-jbatch-repository} or {@code purge-jbatch-repository}), and then
 * the rows describe nothing any more. Run at every start of the server ({@code CrashRecovery}).
 */
@Stateless
// no transaction around the repository's lookups; the delete is a transaction of its own
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StepProgressCleanup {
    private static final Logger LOG = Logger.getLogger(StepProgressCleanup.class.getName());

    @EJB
    private StepProgressRecords records;

    /** Deletes the rows of the executions the repository does not know; returns how many executions had rows. */
    public int forgetPurgedExecutions() {
        JobOperator operator = BatchRuntime.getJobOperator();
        List<Long> purged = records.executions().stream().filter(execution -> !known(operator, execution)).toList();
        if (!purged.isEmpty()) {
            int rows = records.forget(purged);
            LOG.info(() -> "deleted " + rows + " step progress rows of " + purged.size()
                    + " job executions no longer in the job repository");
        }
        return purged.size();
    }

    private static boolean known(JobOperator operator, long execution) {
        try {
            return operator.getJobExecution(execution) != null;
        } catch (NoSuchJobExecutionException e) {
            return false;
        } catch (JobSecurityException e) {
            // the repository has it, under another application's tag (a test deployment, an older name): keep its rows
            return true;
        }
    }
}
