package io.cistern.web.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * The runtime's own refusals (unknown path, wrong method, wrong media type, a body that is not JSON) in the API's
 * JSON shape, with their status kept. The runtime's message is not passed on: it may quote internals.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String reason = type == null ? "error" : type.getReasonPhrase();
        String code = reason.toLowerCase(Locale.ROOT).replace(' ', '_').replace("-", "_");
        String message = status == 400 ? "the request body is not valid JSON of the expected shape" : reason;
        Response.ResponseBuilder answer = Response.fromResponse(ApiException.response(status,
                new ApiError(code, message, null)));
        String allow = exception.getResponse().getHeaderString("Allow");
        return (allow == null ? answer : answer.header("Allow", allow)).build();
    }
}
