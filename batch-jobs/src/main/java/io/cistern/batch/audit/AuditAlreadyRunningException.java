package io.cistern.batch.audit;

import jakarta.ejb.ApplicationException;

/** An audit was asked for while one is running: a job never runs twice at once. */
@ApplicationException
public class AuditAlreadyRunningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long runningExecution;

    public AuditAlreadyRunningException(long runningExecution) {
        super("audit execution " + runningExecution + " is running; wait for it to end");
        this.runningExecution = runningExecution;
    }

    public long runningExecution() {
        return runningExecution;
    }
}
