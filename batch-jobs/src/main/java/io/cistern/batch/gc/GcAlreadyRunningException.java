package io.cistern.batch.gc;

import jakarta.ejb.ApplicationException;

/** A garbage collection was asked for while one is running: a job never runs twice at once. */
@ApplicationException
public class GcAlreadyRunningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long runningExecution;

    public GcAlreadyRunningException(long runningExecution) {
        super("garbage collection execution " + runningExecution + " is running; wait for it to end");
        this.runningExecution = runningExecution;
    }

    public long runningExecution() {
        return runningExecution;
    }
}
