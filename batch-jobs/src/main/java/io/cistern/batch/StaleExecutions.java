package io.cistern.batch;

import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Date;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Executions that the job repository shows running although the server that ran them is gone: it was killed, or
 * the machine stopped, and never recorded their end. The batch runtime cannot stop, abandon or tell them apart from
 * live ones, and a job that runs one execution at a time would wait for them for ever. An execution created before
 * this server started cannot be running in it (one server uses one database), so such an execution is marked FAILED
 * here, with its running steps: the batch runtime then restarts it from its checkpoints like any failed one (its
 * steps keep their checkpoint data; a restart re-runs every step that had not completed).
 *
 * <p>The batch API has no call for this, so it is two updates of the runtime's own tables, the Payara JBatch
 * repository's {@code EXECUTIONINSTANCEDATA} and {@code STEPEXECUTIONINSTANCEDATA}, in the database the runtime keeps
 * them in ({@code jdbc/cistern}). The runtime chooses their schema and a prefix or suffix for their names (Payara
 * Micro's tables are {@code jbatchexecutioninstancedata} …), so they are looked up in the catalog.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StaleExecutions {
    /** What a stale execution's exit status says once it is marked. */
    public static final String EXIT_STATUS = "the server stopped while it ran";

    private static final Logger LOG = Logger.getLogger(StaleExecutions.class.getName());
    private static final String RUNNING = "('STARTING', 'STARTED', 'STOPPING')";
    private static final String FAIL_EXECUTION = "update %s set batchstatus = 'FAILED',"
            + " exitstatus = ?, endtime = now(), updatetime = now() where jobexecid = ? and batchstatus in " + RUNNING;
    private static final String FAIL_STEPS = "update %s set batchstatus = 'FAILED',"
            + " exitstatus = ?, endtime = now() where jobexecid = ? and batchstatus in " + RUNNING;
    /*
     * The table whose name, in lower case, is the runtime's name for it with its prefix and suffix around it (Payara
     * Micro uses the prefix "jbatch"); "stepexecutioninstancedata" also contains "executioninstancedata", so a name
     * that the longer one also matches is skipped for the shorter.
     */
    private static final String TABLE = "select quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where c.relkind in ('r', 'p') and lower(c.relname) like '%' || ?1 || '%'"
            + " and (?1 like 'step%' or lower(c.relname) not like '%stepexecutioninstancedata%')"
            + " order by pg_table_is_visible(c.oid) desc, n.nspname limit 1";

    @Resource(lookup = "jdbc/cistern")
    private DataSource database;

    /** Whether the repository shows the execution running, though it was created before this server started. */
    public static boolean isStale(JobExecution execution) {
        return BatchExecutions.isRunning(execution.getBatchStatus()) && createdBeforeThisServer(execution);
    }

    private static boolean createdBeforeThisServer(JobExecution execution) {
        Date created = execution.getCreateTime();
        return created != null && created.getTime() < ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /**
     * Marks the stale execution FAILED (see above); true if this marked it, false if it was not stale or its
     * status changed meanwhile.
     */
    public boolean markFailed(JobExecution execution) {
        if (!isStale(execution)) {
            return false;
        }
        BatchStatus was = execution.getBatchStatus();
        try (Connection connection = database.getConnection();
             PreparedStatement job = connection.prepareStatement(
                     FAIL_EXECUTION.formatted(table(connection, "executioninstancedata")));
             PreparedStatement steps = connection.prepareStatement(
                     FAIL_STEPS.formatted(table(connection, "stepexecutioninstancedata")))) {
            connection.setAutoCommit(false);
            steps.setString(1, EXIT_STATUS);
            steps.setLong(2, execution.getExecutionId());
            steps.executeUpdate();
            job.setString(1, EXIT_STATUS);
            job.setLong(2, execution.getExecutionId());
            boolean marked = job.executeUpdate() == 1;
            connection.commit();
            if (marked) {
                LOG.warning(() -> execution.getJobName() + " execution " + execution.getExecutionId() + " was "
                        + was + " when the server stopped; marked " + BatchStatus.FAILED
                        + " so that it can be restarted from its checkpoints");
            }
            return marked;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark stale execution " + execution.getExecutionId()
                    + " failed in the job repository: " + e.getMessage(), e);
        }
    }

    /** The repository table's qualified, quoted name. */
    private static String table(Connection connection, String lowerCaseName) throws SQLException {
        try (PreparedStatement lookup = connection.prepareStatement(TABLE.replace("?1", "?"))) {
            lookup.setString(1, lowerCaseName);
            lookup.setString(2, lowerCaseName);
            try (ResultSet found = lookup.executeQuery()) {
                if (!found.next()) {
                    throw new SQLException("the job repository has no table " + lowerCaseName);
                }
                return found.getString(1);
            }
        }
    }
}
