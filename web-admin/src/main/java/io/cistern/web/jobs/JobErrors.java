package io.cistern.web.jobs;

import io.cistern.batch.jobs.JobException;
import io.cistern.web.errors.ApiException;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/** A refused job request as the API answers it: 404 for an unknown job or execution, 409 for a conflict, 400. */
final class JobErrors {
    private JobErrors() {
    }

    /** Runs the request, answering a {@link JobException} as an {@link ApiException} (which the audit log records). */
    static <T> T answering(Supplier<T> request) {
        try {
            return request.get();
        } catch (JobException e) {
            throw api(e);
        }
    }

    static ApiException api(JobException e) {
        Response.Status status = switch (e.kind()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
            case INVALID -> Response.Status.BAD_REQUEST;
        };
        String field = e.field() != null ? e.field() : e.kind() == JobException.Kind.INVALID ? "parameters" : null;
        return new ApiException(status, e.code(), e.getMessage(), field);
    }
}
