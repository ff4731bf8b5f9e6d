package io.cistern.web.errors;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything no other mapper answers. A body the JSON binding could not read is the client's fault (400); anything
 * else is logged with an incident id and answered 500 with only that id, never the exception or its stack.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof JsonbException || exception instanceof ProcessingException) {
            return ApiException.response(400, new ApiError("malformed_body",
                    "the request body is not valid JSON of the expected shape", null));
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "admin API request failed (incident " + incident + ")", exception);
        return ApiException.response(500, new ApiError("internal_error",
                "the server failed to answer this request (incident " + incident + ", in the server log)", null));
    }
}
