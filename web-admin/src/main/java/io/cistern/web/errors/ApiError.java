package io.cistern.web.errors;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Every error the API answers, as JSON. Never a stack trace, a hash or a token.
 *
 * @param code    stable and machine-readable, e.g. {@code invalid_username}, {@code conflict}, {@code forbidden}
 * @param message for people
 * @param field   the request field that is wrong, for validation errors and conflicts; otherwise absent
 */
@Schema(name = "Error", description = "An error: a stable code, a message, and the request field it concerns")
public record ApiError(String code, String message, String field) {
}
