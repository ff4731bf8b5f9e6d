package io.cistern.web.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers an {@link ApiException} with its status and body. */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException exception) {
        Response.ResponseBuilder response = Response.fromResponse(
                ApiException.response(exception.status(), exception.error()));
        if (exception.status() == Response.Status.UNAUTHORIZED.getStatusCode()) {
            response.header("WWW-Authenticate", "Bearer realm=\"cistern\"");
        }
        exception.headers().forEach(response::header);
        return response.build();
    }
}
