package io.cistern.batch.jobs;

import jakarta.ejb.ApplicationException;

/** A request about a batch job that cannot be done: the job or execution is unknown, or its state forbids it. */
@ApplicationException
public class JobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of refusal, for the API's status code. */
    public enum Kind {
        /** No such job, or no such execution of it. */
        NOT_FOUND,
        /** The job or execution is in a state that forbids the request (already running, not running, done). */
        CONFLICT,
        /** A parameter is not acceptable. */
        INVALID
    }

    private final Kind kind;
    private final String code;
    private final String field;

    public JobException(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    /** As above, naming the request's field (a parameter) that the refusal is about. */
    public JobException(Kind kind, String code, String message, String field) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    /** The field of the request the refusal is about, or null. */
    public String field() {
        return field;
    }

    public Kind kind() {
        return kind;
    }

    /** Stable and machine-readable, e.g. {@code job_running}. */
    public String code() {
        return code;
    }

    static JobException unknownJob(String job) {
        return new JobException(Kind.NOT_FOUND, "no_such_job", "no batch job named '" + job + "'");
    }

    static JobException unknownExecution(String job, long execution) {
        return new JobException(Kind.NOT_FOUND, "no_such_execution", "job " + job + " has no execution " + execution);
    }

    static JobException running(String job, long execution) {
        return new JobException(Kind.CONFLICT, "job_running", job + " execution " + execution
                + " is running; a job runs one execution at a time");
    }
}
