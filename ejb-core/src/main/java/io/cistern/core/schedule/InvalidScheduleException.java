package io.cistern.core.schedule;

import jakarta.ejb.ApplicationException;

/**
 * A schedule expression that does not parse. {@link #field()} names the part that is wrong: one of the cron fields
 * ({@code second}, {@code minute}, {@code hour}, {@code dayOfMonth}, {@code month}, {@code dayOfWeek}), or
 * {@code schedule} when the expression as a whole is (empty, wrong number of fields).
 */
@ApplicationException
public class InvalidScheduleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidScheduleException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
