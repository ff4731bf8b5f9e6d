package io.cistern.batch;

import jakarta.ejb.ApplicationException;

/**
 * A start asked for a parameter value other than the one of the interrupted run it would resume: the resumed run goes
 * on with its own parameters, so the start is refused rather than run without what was asked for.
 */
@ApplicationException
public class ResumeConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public ResumeConflictException(String job, long interrupted, String parameter, String asked, String resumedWith) {
        super(job + " execution " + interrupted + " was interrupted, and a start resumes it with its own parameters: "
                + parameter + "=" + resumedWith + ", not the " + parameter + "=" + asked + " asked for. Start it without "
                + parameter + " (or restart execution " + interrupted + ") to finish that run, then start again with "
                + parameter + "=" + asked);
        this.parameter = parameter;
    }

    /** The job parameter whose asked value differs from the interrupted run's. */
    public String parameter() {
        return parameter;
    }
}
