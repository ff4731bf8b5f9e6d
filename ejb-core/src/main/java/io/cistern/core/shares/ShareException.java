package io.cistern.core.shares;

import jakarta.ejb.ApplicationException;

/**
 * A request about shares that cannot be carried out as asked: the API shows it as a JSON error with the code, the
 * message and, for a bad value or a conflict, the field. Rolls the transaction back; never logged as a failure.
 */
@ApplicationException(rollback = true)
public class ShareException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the API answers it. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String code;
    private final String field;

    public ShareException(Kind kind, String code, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    static ShareException invalid(String field, String message) {
        return new ShareException(Kind.INVALID, "invalid_" + field, field, message);
    }

    static ShareException notFound(String what) {
        return new ShareException(Kind.NOT_FOUND, "not_found", null, what);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The request field that is wrong, or null. */
    public String field() {
        return field;
    }
}
