package io.cistern.batch.stats;

import jakarta.ejb.ApplicationException;

/** A statistics run was asked for while one is running: a job never runs twice at once. */
@ApplicationException
public class StatsAlreadyRunningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long runningExecution;

    public StatsAlreadyRunningException(long runningExecution) {
        super("statistics execution " + runningExecution + " is running; wait for it to end");
        this.runningExecution = runningExecution;
    }

    /** The execution that still runs. */
    public long runningExecution() {
        return runningExecution;
    }
}
