package io.cistern.core.stores;

import jakarta.ejb.ApplicationException;

/**
 * A request about block stores that cannot be carried out as asked: the API shows it as a JSON error with the code,
 * the message and, for a bad value or a conflict, the field. Rolls the transaction back; never logged as a failure.
 */
@ApplicationException(rollback = true)
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the API answers it. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String code;
    private final String field;

    public StoreException(Kind kind, String code, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    static StoreException invalid(String field, String message) {
        return new StoreException(Kind.INVALID, "invalid_" + field, field, message);
    }

    static StoreException conflict(String code, String field, String message) {
        return new StoreException(Kind.CONFLICT, code, field, message);
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
