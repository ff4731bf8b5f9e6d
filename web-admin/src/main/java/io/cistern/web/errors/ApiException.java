package io.cistern.web.errors;

import jakarta.ws.rs.core.Response;

/** An error the API answers on purpose, with its status and its JSON body. */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final ApiError error;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public ApiException(Response.StatusType status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status.getStatusCode();
        this.error = new ApiError(code, message, field);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(Response.Status.BAD_REQUEST, "invalid_" + field, message, field);
    }

    /** Adds a response header, e.g. Retry-After. */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public java.util.Map<String, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }

    /** The response for {@code status} with {@code error} as JSON. */
    public static Response response(int status, ApiError error) {
        return Response.status(status).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
