package io.cistern.batch.schedule;

import jakarta.ejb.ApplicationException;

/** A schedule was asked for a job that has none (no such job, or the upload job, which runs on its own). */
@ApplicationException
public class UnknownJobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownJobException(String job) {
        super("no scheduled job '" + job + "': the scheduled jobs are stats, gc and audit");
    }
}
