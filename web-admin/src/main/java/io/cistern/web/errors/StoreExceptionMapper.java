package io.cistern.web.errors;

import io.cistern.core.stores.StoreException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused store request: 400 for a bad value, 404 for an unknown store, 409 for a conflict. */
@Provider
public class StoreExceptionMapper implements ExceptionMapper<StoreException> {
    @Override
    public Response toResponse(StoreException exception) {
        Response.Status status = switch (exception.kind()) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
        };
        return ApiException.response(status.getStatusCode(),
                new ApiError(exception.code(), exception.getMessage(), exception.field()));
    }
}
