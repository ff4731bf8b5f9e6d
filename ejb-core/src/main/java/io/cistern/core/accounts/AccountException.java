package io.cistern.core.accounts;

import jakarta.ejb.ApplicationException;

/**
 * A request about accounts that cannot be carried out as asked: the API shows it as a JSON error with the code, the
 * message and, for a bad value, the field. Rolls the transaction back; its message never holds a secret.
 */
@ApplicationException(rollback = true)
public class AccountException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the API answers it. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String code;
    private final String field;

    public AccountException(Kind kind, String code, String field, String message) {
        super(message, null, false, false);   // no stack trace: an expected answer, never logged as a failure
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    static AccountException invalid(String field, String message) {
        return new AccountException(Kind.INVALID, "invalid_" + field, field, message);
    }

    static AccountException conflict(String field, String message) {
        return new AccountException(Kind.CONFLICT, "conflict", field, message);
    }

    static AccountException noSuchUser(String username) {
        return new AccountException(Kind.NOT_FOUND, "not_found", null, "no user named '" + username + "'");
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
